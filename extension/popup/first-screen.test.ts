import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, DB_VERSION, openSwitchboardDb } from '../shared/db.ts';
import type { Conversation } from '../shared/domain.ts';
import { readListContacts } from '../ui/list-contacts.ts';
import { FIRST_SCREEN_DB, readFirstScreen } from './first-screen.ts';

const conv = (n: number, lastAt: number): Conversation => ({
  id: `qq:1|${n}`, accountId: 'qq:1', service: 'qq', peerId: String(n), title: `peer ${n}`, isGroup: false, lastAt, lastPreview: '', unread: 0, muted: false,
});

async function storeConversations(list: Conversation[]): Promise<void> {
  const db = await openSwitchboardDb();
  const tx = db.transaction('conversations', 'readwrite');
  for (const c of list) void tx.store.put(c);
  await tx.done;
  db.close();
}

afterEach(async () => {
  await deleteDB(DB_NAME);
});

describe('the first-screen read', () => {
  it('opens the same database as the schema', () => {
    expect(FIRST_SCREEN_DB).toBe(DB_NAME);
  });

  it('reads the newest conversations, newest first, at most the limit', async () => {
    await storeConversations([conv(1, 10), conv(2, 30), conv(3, 20), conv(4, 40)]);
    const screen = readFirstScreen(indexedDB, 3);
    expect((await screen.conversations)?.map((c) => c.id)).toEqual(['qq:1|4', 'qq:1|2', 'qq:1|3']);
    const db = await screen.db;
    expect(db?.version).toBe(DB_VERSION);
    db?.close();
  });

  it('reads the contacts list on the same connection', async () => {
    await storeConversations([conv(1, 10)]);
    const setup = await openSwitchboardDb();
    await setup.put('contacts', { accountId: 'qq:1', id: '2', name: '张三', kind: 'user' });
    setup.close();
    const db = await readFirstScreen().db;
    expect((await readListContacts(db!)).map((c) => c.name)).toEqual(['张三']);
    db?.close();
  });

  it('never creates the database: the schema still gets its upgrade afterwards', async () => {
    const screen = readFirstScreen();
    expect(await screen.db).toBeUndefined();
    expect(await screen.conversations).toBeUndefined();
    const db = await openSwitchboardDb();
    expect([...db.objectStoreNames]).toContain('conversations');
    db.close();
  });

  it('leaves the inbox to the usual read where an index cannot read newest first in one request', async () => {
    await storeConversations([conv(1, 10)]);
    const proto = IDBIndex.prototype as { getAllRecords?: unknown };
    const saved = proto.getAllRecords;
    delete proto.getAllRecords;
    try {
      const screen = readFirstScreen();
      expect(await screen.conversations).toBeUndefined();
      const db = await screen.db;
      expect(db).toBeDefined();
      db?.close();
    } finally {
      proto.getAllRecords = saved;
    }
  });

  it('lets a newer schema have the database', async () => {
    await storeConversations([conv(1, 10)]);
    const db = await readFirstScreen().db;
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, DB_VERSION + 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('blocked by the first-screen connection'));
    });
    expect(upgraded.version).toBe(DB_VERSION + 1);
    upgraded.close();
    expect(db).toBeDefined();
  });
});
