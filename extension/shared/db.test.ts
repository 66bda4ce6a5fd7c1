import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { accountKeyRange, DB_NAME, DB_VERSION, openSwitchboardDb } from './db.ts';

/** The schema as version 1 created it (before the account indexes of messages and conversations went). */
function createVersion1(): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, 1);
    open.onupgradeneeded = () => {
      const db = open.result;
      const messages = db.createObjectStore('messages', { keyPath: 'key' });
      messages.createIndex('byConversation', ['conversationId', 'at']);
      messages.createIndex('byAccount', 'accountId');
      const conversations = db.createObjectStore('conversations', { keyPath: 'id' });
      conversations.createIndex('byLastAt', 'lastAt');
      conversations.createIndex('byAccount', 'accountId');
      const contacts = db.createObjectStore('contacts', { keyPath: ['accountId', 'id'] });
      contacts.createIndex('byAccount', 'accountId');
      const ledger = db.createObjectStore('ledger', { keyPath: 'key' });
      ledger.createIndex('byAt', 'decidedAt');
      db.createObjectStore('replyQueue', { keyPath: 'messageKey' });
      db.createObjectStore('kv');
      open.transaction!.objectStore('messages').put({ key: 'qq:1|m1', conversationId: 'qq:1|p1', accountId: 'qq:1', at: 5, text: 'kept' });
      open.transaction!.objectStore('conversations').put({ id: 'qq:1|p1', accountId: 'qq:1', lastAt: 5 });
    };
    open.onsuccess = () => {
      open.result.close();
      resolve();
    };
    open.onerror = () => reject(open.error);
  });
}

beforeEach(() => deleteDB(DB_NAME));
afterEach(() => deleteDB(DB_NAME));

describe('openSwitchboardDb', () => {
  it('creates the current schema: no account index on messages or conversations', async () => {
    const db = await openSwitchboardDb();
    expect(db.version).toBe(DB_VERSION);
    const tx = db.transaction(['messages', 'conversations', 'contacts']);
    expect([...tx.objectStore('messages').indexNames]).toEqual(['byConversation']);
    expect([...tx.objectStore('conversations').indexNames]).toEqual(['byLastAt']);
    expect([...tx.objectStore('contacts').indexNames]).toEqual(['byAccount']);
    db.close();
  });

  it('upgrades a version 1 database in place: the indexes go, every record stays', async () => {
    await createVersion1();
    const db = await openSwitchboardDb();
    expect(db.version).toBe(DB_VERSION);
    const tx = db.transaction(['messages', 'conversations']);
    expect([...tx.objectStore('messages').indexNames]).toEqual(['byConversation']);
    expect([...tx.objectStore('conversations').indexNames]).toEqual(['byLastAt']);
    expect(await db.get('messages', 'qq:1|m1')).toMatchObject({ text: 'kept' });
    expect(await db.getAllFromIndex('messages', 'byConversation', IDBKeyRange.bound(['qq:1|p1', 0], ['qq:1|p1', Infinity]))).toHaveLength(1);
    expect(await db.getAllFromIndex('conversations', 'byLastAt')).toHaveLength(1);
    db.close();
  });
});

describe('accountKeyRange', () => {
  it("holds the account's keys and no other account's, even one whose id begins the same", () => {
    const range = accountKeyRange('qq:1');
    expect(['qq:1|p1', 'qq:1|', 'qq:1|\uffff\uffff'].map((key) => range.includes(key))).toEqual([true, true, true]);
    expect(['qq:12|p1', 'qq:1', 'qq:0|p1', 'qq:2|p1', 'qq:1}'].map((key) => range.includes(key))).toEqual([false, false, false, false, false]);
  });
});
