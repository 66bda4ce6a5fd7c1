import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { DB_NAME, openSwitchboardDb, type Db } from '../../shared/db.ts';
import { historyBatch, pruneHistory, type AutoReplyHistory } from '../autoreply/history.ts';
import { readHistory, writeHistory, type KvStore } from './history-records.ts';

const NOW = Date.UTC(2026, 10, 22, 3, 0, 0);
let db: Db;
beforeEach(async () => {
  await deleteDB(DB_NAME);
  db = await openSwitchboardDb();
});
afterEach(() => db.close());

const conversation = (at: number) => ({ lastByRule: { r1: at }, recent: [{ at }], touchedAt: at });
const history = (ids: string[]): AutoReplyHistory => ({
  version: 1,
  accounts: { 'qq:1': [NOW - 1000] },
  conversations: Object.fromEntries(ids.map((id, i) => [id, conversation(NOW - i)])),
});

/** Run `write` in one kv transaction and report which keys it put or deleted. */
async function recorded(write: (kv: KvStore) => Promise<unknown>[]): Promise<{ put: string[]; deleted: string[] }> {
  const tx = db.transaction('kv', 'readwrite');
  const seen = { put: [] as string[], deleted: [] as string[] };
  const kv: KvStore = {
    get: (key) => tx.store.get(key),
    getAll: (range) => tx.store.getAll(range),
    getAllKeys: (range) => tx.store.getAllKeys(range),
    put: (value, key) => (seen.put.push(key), tx.store.put(value, key)),
    delete: (key) => (seen.deleted.push(key), tx.store.delete(key)),
  };
  await Promise.all([...write(kv), tx.done]);
  return seen;
}

async function read() {
  const tx = db.transaction('kv', 'readonly');
  return readHistory(tx.store);
}

describe('history records', () => {
  it('round-trips the history as one record per conversation and one for the accounts', async () => {
    const first = history(['qq:1|a', 'qq:1|b']);
    const written = await recorded((kv) => writeHistory(kv, { history: { version: 1, accounts: {}, conversations: {} }, fromWholeRecord: false }, first));
    expect(written.put.sort()).toEqual(['autoReplyHistory|accounts', 'autoReplyHistory|c|qq:1|a', 'autoReplyHistory|c|qq:1|b']);
    expect((await read()).history).toEqual(first);
  });

  it('a decision writes only what it changed', async () => {
    const first = history(['qq:1|a', 'qq:1|b', 'qq:1|c']);
    await recorded((kv) => writeHistory(kv, { history: { version: 1, accounts: {}, conversations: {} }, fromWholeRecord: false }, first));
    const stored = await read();
    const batch = historyBatch(stored.history);
    const input = {
      message: { direction: 'in', replay: false, senderId: 'b', peerId: 'b', at: NOW } as never,
      account: { id: 'qq:1', service: 'qq', selfId: 'me' } as never,
      clock: { now: NOW, timeZone: 'UTC' },
    } as never;
    batch.apply(input, { kind: 'reply', ruleId: 'r1', ruleName: 'R', ruleIds: ['r1'], text: 'hi', delayMs: 0 } as never);
    const next = batch.finish(NOW);
    const written = await recorded((kv) => writeHistory(kv, stored, next));
    expect(written.put.sort()).toEqual(['autoReplyHistory|accounts', 'autoReplyHistory|c|qq:1|b']);
    expect(written.deleted).toEqual([]);
    expect((await read()).history).toEqual(next);
  });

  it('conversations pruned from the history lose their records', async () => {
    const first = history(['qq:1|a', 'qq:1|b', 'qq:1|c']);
    await recorded((kv) => writeHistory(kv, { history: { version: 1, accounts: {}, conversations: {} }, fromWholeRecord: false }, first));
    const stored = await read();
    const pruned = pruneHistory(stored.history, NOW, 1);
    const written = await recorded((kv) => writeHistory(kv, stored, pruned));
    expect(written.deleted.sort()).toEqual(['autoReplyHistory|c|qq:1|b', 'autoReplyHistory|c|qq:1|c']);
    expect(Object.keys((await read()).history.conversations)).toEqual(['qq:1|a']);
  });

  it("reads an earlier build's single record, and the first write replaces it", async () => {
    const whole = history(['qq:1|a']);
    await db.put('kv', whole, 'autoReplyHistory');
    const stored = await read();
    expect(stored).toEqual({ history: whole, fromWholeRecord: true });
    const written = await recorded((kv) => writeHistory(kv, stored, stored.history));
    expect(written.deleted).toEqual(['autoReplyHistory']);
    expect(written.put.sort()).toEqual(['autoReplyHistory|accounts', 'autoReplyHistory|c|qq:1|a']);
    expect(await read()).toEqual({ history: whole, fromWholeRecord: false });
  });

  it('a malformed record starts the history over empty (as parseHistory does) instead of failing', async () => {
    await db.put('kv', 'garbage', 'autoReplyHistory|accounts');
    await db.put('kv', conversation(NOW), 'autoReplyHistory|c|qq:1|a');
    expect((await read()).history).toEqual({ version: 1, accounts: {}, conversations: {} });
  });
});
