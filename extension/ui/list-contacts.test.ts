import 'fake-indexeddb/auto';
import { deleteDB, unwrap } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { InboxStore } from '../background/inbox/store.ts';
import { accountsWithContacts, compactContactsKey } from '../shared/compact-contacts.ts';
import { DB_NAME, openSwitchboardDb } from '../shared/db.ts';
import { readListContacts } from './list-contacts.ts';

/** The page's read on a plain connection, as the popup's first-screen one. */
async function read() {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    return await readListContacts(db);
  } finally {
    db.close();
  }
}

afterEach(async () => {
  await deleteDB(DB_NAME);
});

describe('the contacts list read', () => {
  it('reads the contacts list from the compact records', async () => {
    const setup = await openSwitchboardDb();
    const inbox = new InboxStore(setup);
    await inbox.upsertContacts('wechat:1', [{ id: '@b', name: 'Bea', kind: 'user', avatarUrl: 'x', note: 'n' }, { id: '@a', name: 'Al', kind: 'user' }]);
    await inbox.upsertContacts('qq:1', [{ id: '2', name: '张三', kind: 'user', pinyin: { initials: 'zs', full: 'zhang san' } }]);
    setup.close();
    expect(await read()).toEqual([
      { accountId: 'qq:1', id: '2', name: '张三', kind: 'user', pinyin: { initials: 'zs', full: 'zhang san' } },
      { accountId: 'wechat:1', id: '@a', name: 'Al', kind: 'user' },
      { accountId: 'wechat:1', id: '@b', name: 'Bea', kind: 'user' },
    ]);
  });

  it('reads every full contact when an account has contacts and no record (stored before records existed)', async () => {
    const setup = await openSwitchboardDb();
    await new InboxStore(setup).upsertContacts('qq:1', [{ id: '1', name: 'With record', kind: 'user' }]);
    await setup.put('contacts', { accountId: 'wechat:1', id: '@a', name: '张三', kind: 'user', avatarUrl: 'x' });
    setup.close();
    expect(await read()).toEqual([
      { accountId: 'qq:1', id: '1', name: 'With record', kind: 'user' },
      { accountId: 'wechat:1', id: '@a', name: '张三', kind: 'user', avatarUrl: 'x' },
    ]);
  });

  it('reads every full contact when a record is not of a shape it knows', async () => {
    const setup = await openSwitchboardDb();
    await new InboxStore(setup).upsertContacts('qq:1', [{ id: '1', name: 'A', kind: 'user' }]);
    await setup.put('kv', { format: 99, contacts: 'something else' }, compactContactsKey('qq:1'));
    setup.close();
    expect(await read()).toEqual([{ accountId: 'qq:1', id: '1', name: 'A', kind: 'user' }]);
  });

  it('reads a record of an account that has no contacts any more as a reason to read them all', async () => {
    const setup = await openSwitchboardDb();
    await new InboxStore(setup).upsertContacts('qq:1', [{ id: '1', name: 'A', kind: 'user' }]);
    await setup.delete('contacts', ['qq:1', '1']);
    setup.close();
    expect(await read()).toEqual([]);
  });

  it('sees each change the worker made since the last read (a contactsChanged read)', async () => {
    const setup = await openSwitchboardDb();
    const inbox = new InboxStore(setup);
    await inbox.upsertContacts('qq:1', [{ id: '1', name: 'A', kind: 'user' }]);
    expect((await read()).map((c) => c.name)).toEqual(['A']);
    await inbox.upsertContacts('qq:1', [{ id: '2', name: 'B', kind: 'user', presence: 'busy' }], ['1']);
    expect(await read()).toEqual([{ accountId: 'qq:1', id: '2', name: 'B', kind: 'user', presence: 'busy' }]);
    setup.close();
  });

  it('no contacts at all: an empty list', async () => {
    (await openSwitchboardDb()).close();
    expect(await read()).toEqual([]);
  });
});

describe('accountsWithContacts', () => {
  it('finds every account that has contacts, in key order: none, one, several', async () => {
    const db = await openSwitchboardDb();
    const holders = () => accountsWithContacts(unwrap(db.transaction('contacts').objectStore('contacts')));
    expect(await holders()).toEqual([]);
    const contact = (accountId: string, id: string) => db.put('contacts', { accountId, id, name: id, kind: 'user' });
    await contact('qq:1', 'a');
    await contact('qq:1', 'b');
    expect(await holders()).toEqual(['qq:1']);
    for (const [accountId, id] of [['wechat:x', '@1'], ['qq:12', 'c'], ['weibo:9', '1'], ['qq:12', 'd'], ['wechat:x', '@2']] as const) await contact(accountId, id);
    expect(await holders()).toEqual(['qq:1', 'qq:12', 'wechat:x', 'weibo:9']);
    db.close();
  });
});

