import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, DB_VERSION, openSwitchboardDb } from '../shared/db.ts';
import type { Conversation } from '../shared/domain.ts';
import { InboxStore } from '../background/inbox/store.ts';
import { compactContactsKey } from '../shared/compact-contacts.ts';
import { contactsReader, FIRST_SCREEN_DB, readFirstScreen } from './first-screen.ts';

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

  it('reads the contacts list from the compact records in the same transaction', async () => {
    await storeConversations([conv(1, 10)]);
    const setup = await openSwitchboardDb();
    const inbox = new InboxStore(setup);
    await inbox.upsertContacts('wechat:1', [{ id: '@b', name: 'Bea', kind: 'user', avatarUrl: 'x', note: 'n' }, { id: '@a', name: 'Al', kind: 'user' }]);
    await inbox.upsertContacts('qq:1', [{ id: '2', name: '张三', kind: 'user', pinyin: { initials: 'zs', full: 'zhang san' } }]);
    setup.close();
    const screen = readFirstScreen();
    expect(await screen.contacts).toEqual([
      { accountId: 'qq:1', id: '2', name: '张三', kind: 'user', pinyin: { initials: 'zs', full: 'zhang san' } },
      { accountId: 'wechat:1', id: '@a', name: 'Al', kind: 'user' },
      { accountId: 'wechat:1', id: '@b', name: 'Bea', kind: 'user' },
    ]);
    (await screen.db)?.close();
  });

  it('reads every full contact when an account has contacts and no record (stored before records existed)', async () => {
    await storeConversations([conv(1, 10)]);
    const setup = await openSwitchboardDb();
    await new InboxStore(setup).upsertContacts('qq:1', [{ id: '1', name: 'With record', kind: 'user' }]);
    await setup.put('contacts', { accountId: 'wechat:1', id: '@a', name: '张三', kind: 'user', avatarUrl: 'x' });
    setup.close();
    const screen = readFirstScreen();
    expect(await screen.contacts).toEqual([
      { accountId: 'qq:1', id: '1', name: 'With record', kind: 'user' },
      { accountId: 'wechat:1', id: '@a', name: '张三', kind: 'user', avatarUrl: 'x' },
    ]);
    (await screen.db)?.close();
  });

  it('reads every full contact when a record is not of a shape it knows', async () => {
    await storeConversations([conv(1, 10)]);
    const setup = await openSwitchboardDb();
    await new InboxStore(setup).upsertContacts('qq:1', [{ id: '1', name: 'A', kind: 'user' }]);
    await setup.put('kv', { format: 99, contacts: 'something else' }, compactContactsKey('qq:1'));
    setup.close();
    const screen = readFirstScreen();
    expect(await screen.contacts).toEqual([{ accountId: 'qq:1', id: '1', name: 'A', kind: 'user' }]);
    (await screen.db)?.close();
  });

  it('no contacts at all: an empty list', async () => {
    await storeConversations([conv(1, 10)]);
    const screen = readFirstScreen();
    expect(await screen.contacts).toEqual([]);
    (await screen.db)?.close();
  });

  it('the popup’s reader takes the first screen’s read once, then reads again', async () => {
    await storeConversations([conv(1, 10)]);
    const setup = await openSwitchboardDb();
    const inbox = new InboxStore(setup);
    await inbox.upsertContacts('qq:1', [{ id: '1', name: 'A', kind: 'user' }]);
    const screen = readFirstScreen();
    const db = (await screen.db)!;
    const read = contactsReader(screen.contacts, db);
    expect((await read(0)).map((c) => c.name)).toEqual(['A']);
    await inbox.upsertContacts('qq:1', [{ id: '1', name: 'A2', kind: 'user' }]);
    expect((await read(1)).map((c) => c.name)).toEqual(['A2']);
    // A change the worker announced before the first read was used: that read is not used.
    const early = readFirstScreen();
    const edb = (await early.db)!;
    await inbox.upsertContacts('qq:1', [{ id: '1', name: 'A3', kind: 'user' }]);
    expect((await contactsReader(Promise.resolve([{ accountId: 'qq:1', id: '1', name: 'stale', kind: 'user' }]), edb)(1)).map((c) => c.name)).toEqual(['A3']);
    setup.close();
    db.close();
    edb.close();
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
