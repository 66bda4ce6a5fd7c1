// The pure part of an auto-reply decision, alone in Node: the extension's own `decide` and
// `applyDecision` over the burst's messages and rules, history carried from one message to the
// next as the worker does. Set against the burst's per-message time in the worker, it shows how
// much of that is rule evaluation and how much is everything around it (storage, IPC, I/O).
//
// Standalone, without a browser:  npx tsx bench/decide-cost.ts [rule counts, default 200 500]
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { decide } from '../extension/background/autoreply/decide.ts';
import { applyDecision, emptyHistory } from '../extension/background/autoreply/history.ts';
import type { DecideInput } from '../extension/background/autoreply/types.ts';
import { DEFAULT_AUTOREPLY_SETTINGS, defaultRule, type Rule } from '../extension/shared/rules.ts';

const PHRASES = ['在吗？', '明天几点开会', 'ok 收到', '周末一起吃饭吗', 'Did you see the doc?', '好的👌', '晚点打给你', '这个链接看一下'];

/** The burst's i-th message text. */
export const burstText = (i: number): string => `${PHRASES[i % PHRASES.length]} #${i}`;

/**
 * `count - 1` rules that never match the burst's messages, then one catch-all, so every message is
 * checked against every rule. The misses are of every kind a real rule list has, and several come
 * close (same words in another case, a contact name, a service the message is not from), so no
 * condition is skipped for free: keywords (CJK, full-width, case-sensitive), exact texts, regexes,
 * chosen contacts, strangers only, schedules, other services, other message types.
 */
export function burstRules(count: number): Rule[] {
  const rules: Rule[] = [];
  for (let i = 0; i < count - 1; i += 1) {
    const base = { ...defaultRule(`burst-${i}`, `Rule ${i}`), reply: `reply ${i}: {name}`, delay: { minSeconds: 120, maxSeconds: 120 } };
    rules.push({ ...base, ...neverMatching(i) });
  }
  rules.push({ ...defaultRule('burst-any', 'Anything'), reply: '稍后回复你：{message}', delay: { minSeconds: 120, maxSeconds: 120 } });
  return rules;
}

function neverMatching(i: number): Partial<Rule> {
  switch (i % 10) {
    case 0:
      return { match: { kind: 'keywords', keywords: [`关键词${i}`, `keyword${i}`, `订单${i}`, `ＲＥＦＵＮＤ-${i}`, `价格${i}`], caseSensitive: false } };
    case 1:
      return { match: { kind: 'exact', text: `exact phrase ${i}`, caseSensitive: false } };
    case 2:
      return { match: { kind: 'regex', pattern: `^订单号 ?${i}-[0-9]+$`, flags: 'i' } };
    case 3:
      return { who: { kind: 'contacts', names: [`nobody-${i}`, `联系人${i}号`] } };
    case 4:
      // "Did you" and "OK" are in the messages, in another case.
      return { match: { kind: 'keywords', keywords: ['Ｄｉｄ ＹＯＵ', 'OK', `Doc${i}`], caseSensitive: true } };
    case 5:
      return { services: i % 20 === 5 ? ['weibo'] : ['weibo', 'qq'] };
    case 6:
      // Open some of the time, whenever the benchmark runs; the keywords never match.
      return {
        schedule: { days: [1, 2, 3, 4, 5], windows: [{ start: '22:00', end: '08:00' }, { start: '12:00', end: '13:30' }] },
        match: { kind: 'keywords', keywords: [`午休${i}`, `lunch ${i}`], caseSensitive: false },
      };
    case 7:
      return { match: { kind: 'regex', pattern: `(?:invoice|发票)[ -]?${i}(?!\\d)`, flags: 'iu' } };
    case 8:
      return i % 20 === 8 ? { who: { kind: 'strangers' } } : { kinds: ['image', 'voice'] };
    default:
      return { match: { kind: 'exact', text: `好的 ${i}`, caseSensitive: true }, groups: 'all' };
  }
}

export function decideCostMs(rules: Rule[], messages: number, text: (i: number) => string): number {
  let history = emptyHistory();
  const account = { id: 'wechat:bench', service: 'wechat' as const, selfId: '@self' };
  const settings = { ...DEFAULT_AUTOREPLY_SETTINGS, enabled: true, caps: { perMinute: 30, perHour: 500, perDay: 2000 }, quietWhileActiveMinutes: 0 };
  const start = performance.now();
  const now = Date.now();
  for (let i = 0; i < messages; i += 1) {
    const peerId = `@peer${i % 250}`;
    const input: DecideInput = {
      message: { serverId: `m${i}`, peerId, direction: 'in', senderId: peerId, senderName: `联系人${i % 250}`, at: now, kind: 'text', text: text(i) },
      contact: { accountId: account.id, id: peerId, name: `联系人${i % 250}`, kind: 'user' },
      account,
      rules,
      settings,
      clock: { now, timeZone: 'Asia/Shanghai' },
      history,
      random: () => 0.5,
      locale: 'zh-CN',
    };
    history = applyDecision(history, input, decide(input));
  }
  return (performance.now() - start) / messages;
}

function main(counts: number[]): void {
  const messages = 1000;
  for (const count of counts) {
    const rules = burstRules(count);
    decideCostMs(rules, messages, burstText); // warm-up: JIT, and the rules' compiled form
    const runs = Array.from({ length: 7 }, () => decideCostMs(rules, messages, burstText)).sort((a, b) => a - b);
    const median = runs[Math.floor(runs.length / 2)] ?? Number.NaN;
    console.log(`${count} rules: decide() + applyDecision ${(median * 1000).toFixed(1)} µs a message (median of ${runs.length} runs of ${messages}; min ${((runs[0] ?? 0) * 1000).toFixed(1)} µs)`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const counts = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  main(counts.length ? counts : [200, 500]);
}
