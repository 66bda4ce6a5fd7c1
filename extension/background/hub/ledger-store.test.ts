import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { DB_NAME, openSwitchboardDb, type Db } from '../../shared/db.ts';
import type { LedgerEntry } from '../autoreply/ledger.ts';
import { idbLedgerStore } from './ledger-store.ts';

const entry = (key: string): LedgerEntry => ({
  key,
  service: 'qq',
  accountId: 'qq:1',
  peerId: 'p',
  incomingId: key,
  ruleId: 'r',
  ruleName: 'Away',
  ruleIds: ['r'],
  text: 'hi',
  decidedAt: 1,
  sendAt: 1,
  state: 'decided',
});

let db: Db;
beforeEach(async () => {
  await deleteDB(DB_NAME);
  db = await openSwitchboardDb();
});
afterEach(() => db.close());

describe('idbLedgerStore', () => {
  it('updates, lists by state and deletes', async () => {
    const store = idbLedgerStore(db);
    await store.put(entry('a'));
    await store.put(entry('b'));
    await store.put({ ...entry('a'), state: 'sent', at: 2, serverId: 's1' });
    expect((await store.list('decided')).map((e) => e.key)).toEqual(['b']);
    expect((await store.get('a'))?.state).toBe('sent');
    await store.delete(['a']);
    expect(await store.get('a')).toBeUndefined();
  });
});
