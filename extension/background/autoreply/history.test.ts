import { describe, expect, it } from 'vitest';
import { LOOP_GUARD } from '../../shared/rules.ts';
import { decide } from './decide.ts';
import { applyDecision, emptyHistory, HISTORY_LIMITS, noteIncoming, parseHistory, pruneHistory, quickStreak, recordReply, type AutoReplyHistory } from './history.ts';
import { input, message, MIN, rule, T0 } from './test-support.ts';
import type { Decision } from './types.ts';

/** Drives the worker's loop for one conversation: decide, then applyDecision, at given times. */
function conversation(cooldownMinutes = 0) {
  let history: AutoReplyHistory = emptyHistory();
  let n = 0;
  return {
    get history() {
      return history;
    },
    receive(at: number): Decision {
      const i = input({
        clock: { now: at, timeZone: 'Asia/Shanghai' },
        message: message({ serverId: `m${++n}`, at }),
        rules: [rule({ cooldownMinutes, delay: { minSeconds: 2, maxSeconds: 2 } })],
        history,
      });
      const d = decide(i);
      history = applyDecision(history, i, d);
      return d;
    },
  };
}

describe('loop guard (ping-pong)', () => {
  it('stops after K rapid exchanges, says so, and stays paused', () => {
    const c = conversation();
    let t = T0;
    const kinds: string[] = [];
    // Each of their messages arrives 5 s after our reply is sent (2 s delay): another bot.
    for (let i = 0; i < 6; i++) {
      const d = c.receive(t);
      kinds.push(d.kind === 'reply' ? 'reply' : d.reason);
      t += 2_000 + 5_000;
    }
    expect(kinds).toEqual(['reply', 'reply', 'reply', 'loop-detected', 'loop-paused', 'loop-paused']);
  });

  it('explains the pause in the decision', () => {
    const c = conversation();
    let t = T0;
    let d: Decision = c.receive(t);
    for (let i = 0; i < LOOP_GUARD.exchanges; i++) d = c.receive((t += 7_000));
    expect(d).toMatchObject({
      kind: 'skip',
      reason: 'loop-detected',
      detail: 'loop guard: 张三 answered our last 3 auto-replies within 30 s each — probably another auto-reply; pausing auto-replies to 张三 for 60 min (until 11:00)',
      pauseUntil: t + 60 * MIN,
    });
    expect(c.receive(t + MIN)).toMatchObject({ reason: 'loop-paused', detail: 'loop guard: auto-replies to 张三 are paused until 11:00 after a rapid back-and-forth' });
  });

  it('resumes after the pause with a fresh count', () => {
    const c = conversation();
    let t = T0;
    for (let i = 0; i < 4; i++) c.receive((t += 7_000));
    const resume = t + LOOP_GUARD.pauseMinutes * MIN + 1;
    expect(c.receive(resume).kind).toBe('reply');
    expect(c.receive(resume + 7_000).kind).toBe('reply');
  });

  it('a person answering slowly never trips it', () => {
    const c = conversation();
    let t = T0;
    const kinds = Array.from({ length: 8 }, () => c.receive((t += 2_000 + 45_000)).kind);
    expect(kinds.every((k) => k === 'reply')).toBe(true);
  });

  it('a message sent during our delay is not an answer to our reply', () => {
    let h = recordReply(emptyHistory(), { accountId: 'wechat:1', peerId: '@abc', ruleIds: ['r1'], at: T0 + 5_000 }, T0);
    expect(quickStreak(h, 'wechat:1|@abc', T0 + 1_000)).toBe(0);
    h = noteIncoming(h, 'wechat:1', '@abc', T0 + 1_000);
    expect(h.conversations['wechat:1|@abc']?.recent[0]?.answeredAt).toBeUndefined();
  });

  it('the current message counts once, even if two arrive', () => {
    let h = emptyHistory();
    for (const at of [T0, T0 + 10_000, T0 + 20_000]) {
      h = noteIncoming(h, 'wechat:1', '@abc', at + 1_000);
      h = recordReply(h, { accountId: 'wechat:1', peerId: '@abc', ruleIds: ['r1'], at }, at);
    }
    expect(quickStreak(h, 'wechat:1|@abc', T0 + 21_000)).toBe(3);
    h = noteIncoming(h, 'wechat:1', '@abc', T0 + 21_000);
    expect(quickStreak(h, 'wechat:1|@abc', T0 + 22_000)).toBe(0); // the last reply is already answered
  });
});

describe('history bookkeeping', () => {
  it('outgoing and replayed messages are not answers', () => {
    const h = recordReply(emptyHistory(), { accountId: 'wechat:1', peerId: '@abc', ruleIds: ['r1'], at: T0 }, T0);
    for (const m of [message({ direction: 'out', senderId: '@me' }), message({ replay: true })]) {
      const i = input({ history: h, message: m, clock: { now: T0 + 1_000, timeZone: 'UTC' } });
      expect(applyDecision(h, i, decide(i)).conversations['wechat:1|@abc']?.recent[0]?.answeredAt).toBeUndefined();
    }
  });

  it('records a reply at its planned send time, against the account and every contributing rule', () => {
    const i = input();
    const h = applyDecision(emptyHistory(), i, { kind: 'reply', ruleId: 'a', ruleName: 'A', ruleIds: ['a', 'b'], text: 'x', delayMs: 5_000 });
    expect(h.accounts['wechat:1']).toEqual([T0 + 5_000]);
    expect(h.conversations['wechat:1|@abc']).toEqual({ lastByRule: { a: T0 + 5_000, b: T0 + 5_000 }, recent: [{ at: T0 + 5_000 }], touchedAt: T0 });
  });

  it('prunes what can no longer matter and stays bounded', () => {
    const conversations: AutoReplyHistory['conversations'] = {};
    for (let n = 0; n < HISTORY_LIMITS.conversations; n++) conversations[`wechat:1|@p${n}`] = { lastByRule: { r1: T0 + n }, recent: [], touchedAt: T0 + n };
    const full: AutoReplyHistory = { version: 1, accounts: { 'wechat:1': Array.from({ length: HISTORY_LIMITS.accountEntries }, (_, n) => T0 + n) }, conversations };
    const h = recordReply(full, { accountId: 'wechat:1', peerId: '@new', ruleIds: ['r1'], at: T0 + 9_999 }, T0 + 9_999);
    const kept = Object.keys(h.conversations);
    expect(kept.length).toBeLessThanOrEqual(HISTORY_LIMITS.conversations);
    expect(kept).toContain('wechat:1|@new');
    expect(h.conversations['wechat:1|@p0']).toBeUndefined(); // least recently touched went first
    expect(h.accounts['wechat:1']).toHaveLength(HISTORY_LIMITS.accountEntries);
    expect(h.accounts['wechat:1']?.at(-1)).toBe(T0 + 9_999);
    // a week and a day later nothing can matter any more
    expect(pruneHistory(h, T0 + HISTORY_LIMITS.cooldownMaxMs + 24 * 60 * MIN)).toEqual(emptyHistory());
  });

  it('keeps the record small while cooldowns are short-lived', () => {
    let h = emptyHistory();
    for (let n = 0; n < 300; n++) h = recordReply(h, { accountId: 'qq:1', peerId: `${n}`, ruleIds: ['r1'], at: T0 + n * MIN }, T0 + n * MIN);
    expect(h.accounts['qq:1']).toHaveLength(300);
    expect(pruneHistory(h, T0 + 300 * MIN + 24 * 60 * MIN).accounts).toEqual({});
  });

  it('keeps an active pause, drops an expired one', () => {
    const h: AutoReplyHistory = { version: 1, accounts: {}, conversations: { 'wechat:1|@abc': { lastByRule: {}, recent: [], pausedUntil: T0 + MIN, touchedAt: T0 } } };
    expect(pruneHistory(h, T0).conversations['wechat:1|@abc']?.pausedUntil).toBe(T0 + MIN);
    expect(pruneHistory(h, T0 + MIN).conversations).toEqual({});
  });

  it('parseHistory survives anything storage hands back', () => {
    expect(parseHistory(undefined)).toEqual(emptyHistory());
    expect(parseHistory({ version: 2 })).toEqual(emptyHistory());
    const h = recordReply(emptyHistory(), { accountId: 'qq:1', peerId: '2', ruleIds: ['r'], at: T0 }, T0);
    expect(parseHistory(JSON.parse(JSON.stringify(h)))).toEqual(h);
    expect(parseHistory({ version: 1, accounts: { a: [1, 'x'] }, conversations: { c: null, d: { recent: 'no' } } })).toEqual({
      version: 1,
      accounts: { a: [1] },
      conversations: { d: { lastByRule: {}, recent: [], touchedAt: 0 } },
    });
  });
});
