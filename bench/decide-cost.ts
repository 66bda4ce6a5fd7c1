// The pure part of an auto-reply decision, alone in Node: the extension's own `decide` and
// `applyDecision` over the burst's messages and rules, history carried from one message to the
// next as the worker does. Set against the burst's per-message time in the worker, it shows how
// much of that is rule evaluation and how much is everything around it (storage, IPC, I/O).
import { performance } from 'node:perf_hooks';
import { decide } from '../extension/background/autoreply/decide.ts';
import { applyDecision, emptyHistory } from '../extension/background/autoreply/history.ts';
import type { DecideInput } from '../extension/background/autoreply/types.ts';
import { DEFAULT_AUTOREPLY_SETTINGS, type Rule } from '../extension/shared/rules.ts';

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
