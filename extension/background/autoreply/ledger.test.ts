import { describe, expect, it } from 'vitest';
import { cancel, decidedEntry, keysToPrune, ledgerKey, LEDGER_RETENTION_MS, markUnknown, recordOutcome, recoverAfterRestart, type DecidedReply, type LedgerEntry } from './ledger.ts';
import { memoryLedgerStore } from './ledger-memory.ts';
import { T0 } from './test-support.ts';

const reply: DecidedReply = {
  service: 'wechat',
  accountId: 'wechat:1',
  peerId: '@abc',
  incomingId: '7001',
  ruleId: 'away',
  ruleName: 'Away',
  ruleIds: ['away'],
  text: '稍后回复',
  delayMs: 4_000,
};

describe('ledger transitions', () => {
  it('keys by service, account and incoming message id', () => {
    expect(ledgerKey('wechat', 'wechat:1', '7001')).toBe('wechat|wechat:1|7001');
  });

  it('decided carries the reply and the planned send time', () => {
    expect(decidedEntry(reply, T0)).toEqual({
      key: 'wechat|wechat:1|7001',
      service: 'wechat',
      accountId: 'wechat:1',
      peerId: '@abc',
      incomingId: '7001',
      ruleId: 'away',
      ruleName: 'Away',
      ruleIds: ['away'],
      text: '稍后回复',
      decidedAt: T0,
      sendAt: T0 + 4_000,
      state: 'decided',
    });
  });

  it('decided -> sent | failed, exactly once', () => {
    const decided = decidedEntry(reply, T0);
    const sent = recordOutcome(decided, { ok: true, serverId: 's1', at: T0 + 5_000 }, T0 + 5_000);
    expect(sent).toMatchObject({ ok: true, entry: { state: 'sent', serverId: 's1', at: T0 + 5_000 } });
    const failed = recordOutcome(decided, { ok: false, error: '1205 too frequent', retryable: true }, T0 + 5_000);
    expect(failed).toMatchObject({ ok: true, entry: { state: 'failed', error: '1205 too frequent' } });
    // terminal states never move again: not even a "retryable" failure is retried
    for (const done of [sent.entry, failed.entry]) {
      expect(recordOutcome(done, { ok: true, serverId: 's2', at: T0 }, T0)).toMatchObject({ ok: false, entry: done });
      expect(markUnknown(done, T0)).toMatchObject({ ok: false });
      expect(cancel(done, 'x', T0)).toMatchObject({ ok: false });
    }
  });

  it('cancel records why nothing was sent', () => {
    expect(cancel(decidedEntry(reply, T0), 'auto-reply was switched off during the delay', T0 + 1)).toMatchObject({
      ok: true,
      entry: { state: 'failed', error: 'not sent: auto-reply was switched off during the delay' },
    });
  });
});

describe('ledger with a store', () => {
  it('at start-up, decided becomes unknown and is never retried', async () => {
    const entry = decidedEntry(reply, T0);
    const store = memoryLedgerStore([entry]);
    // ... the worker dies here, before the send's outcome is stored ...
    const recovered = await recoverAfterRestart(store, T0 + 60_000);
    expect(recovered).toHaveLength(1);
    expect(await store.get(entry.key)).toMatchObject({ state: 'unknown', at: T0 + 60_000, note: expect.stringMatching(/not retried/) });
    // unknown never becomes sent or failed
    const unknown = (await store.get(entry.key)) as LedgerEntry;
    expect(recordOutcome(unknown, { ok: true, serverId: 's', at: T0 }, T0).ok).toBe(false);
    // a second restart finds nothing to do
    expect(await recoverAfterRestart(store, T0 + 120_000)).toEqual([]);
  });

  it('recovery leaves finished entries alone', async () => {
    const sent = recordOutcome(decidedEntry(reply, T0), { ok: true, serverId: 's', at: T0 }, T0).entry;
    const store = memoryLedgerStore([sent]);
    expect(await recoverAfterRestart(store, T0 + 1)).toEqual([]);
    expect((await store.get(sent.key))?.state).toBe('sent');
  });
});

describe('ledger pruning', () => {
  const entry = (id: string, decidedAt: number, state: 'decided' | 'sent' = 'sent'): LedgerEntry => {
    const d = decidedEntry({ ...reply, incomingId: id }, decidedAt);
    return state === 'decided' ? d : recordOutcome(d, { ok: true, serverId: id, at: decidedAt }, decidedAt).entry;
  };

  it('drops finished entries past retention, never decided ones or the last day', () => {
    const now = T0 + LEDGER_RETENTION_MS + 1;
    const entries = [entry('old', T0 - 1), entry('old-decided', T0 - 1, 'decided'), entry('recent', now - 1000)];
    expect(keysToPrune(entries, now)).toEqual(['wechat|wechat:1|old']);
  });

  it('beyond max, drops the oldest finished entries older than a day', () => {
    const day = 24 * 60 * 60 * 1000;
    const now = T0 + 5 * day;
    const entries = [entry('a', T0), entry('b', T0 + day), entry('c', T0 + 2 * day), entry('today', now - 1)];
    expect(keysToPrune(entries, now, 2)).toEqual(['wechat|wechat:1|a', 'wechat|wechat:1|b']);
    expect(keysToPrune(entries, now, 1)).toEqual(['wechat|wechat:1|a', 'wechat|wechat:1|b', 'wechat|wechat:1|c']);
  });
});
