import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { DB_NAME, openSwitchboardDb, type Db } from '../../shared/db.ts';
import { compactContactsKey } from '../../shared/compact-contacts.ts';
import { buildCompact } from './compact-contacts-write.ts';
import type { Contact, IncomingMessage } from '../../shared/domain.ts';
import { InboxStore, type StoreParticipant } from './store.ts';

const incoming = (serverId: string, peerId: string, at: number, extra: Partial<IncomingMessage> = {}): IncomingMessage => ({
  serverId,
  peerId,
  direction: 'in',
  senderId: peerId,
  at,
  kind: 'text',
  text: `message ${serverId}`,
  ...extra,
});

let db: Db;
let store: InboxStore;
beforeEach(async () => {
  await deleteDB(DB_NAME);
  db = await openSwitchboardDb();
  store = new InboxStore(db);
});
afterEach(() => db.close());

describe('InboxStore', () => {
  it('stores each message once, however often it is delivered', async () => {
    const first = await store.addMessages('qq:1', [incoming('a', 'p1', 1), incoming('b', 'p1', 2)]);
    const again = await store.addMessages('qq:1', [incoming('b', 'p1', 2), incoming('c', 'p1', 3)]);
    expect(first.added.map((m) => m.serverId)).toEqual(['a', 'b']);
    expect(again.added.map((m) => m.serverId)).toEqual(['c']);
    expect((await store.history('qq:1|p1', 50)).map((m) => m.serverId)).toEqual(['a', 'b', 'c']);
    expect((await store.getConversation('qq:1|p1'))?.unread).toBe(3);
  });

  it('keeps the same server id apart across accounts', async () => {
    await store.addMessages('qq:1', [incoming('a', 'p1', 1)]);
    const other = await store.addMessages('qq:2', [incoming('a', 'p1', 1)]);
    expect(other.added).toHaveLength(1);
  });

  it('counts unread only for new incoming messages, not replayed history or our own', async () => {
    await store.addMessages('wechat:1', [
      incoming('h1', 'p', 1, { replay: true }),
      incoming('o1', 'p', 2, { direction: 'out' }),
      incoming('n1', 'p', 3),
    ]);
    expect((await store.getConversation('wechat:1|p'))?.unread).toBe(1);
  });

  it('our auto-reply leaves the chat unread; a message the user writes marks it read', async () => {
    await store.addMessages('qq:1', [incoming('a', 'p1', 1), incoming('b', 'p1', 2)]);
    await store.addMessages('qq:1', [incoming('r', 'p1', 3, { direction: 'out', autoReply: { ruleId: 'r1', ruleName: 'Away' } })]);
    expect((await store.getConversation('qq:1|p1'))?.unread).toBe(2);
    await store.addMessages('qq:1', [incoming('u', 'p1', 4, { direction: 'out' })]);
    expect((await store.getConversation('qq:1|p1'))?.unread).toBe(0);
  });

  it('does not count messages into the conversation the user has open', async () => {
    await store.addMessages('qq:1', [incoming('a', 'p1', 1)], { openConversation: 'qq:1|p1' });
    expect((await store.getConversation('qq:1|p1'))?.unread).toBe(0);
  });

  it('titles conversations from contacts, and retitles when a contact changes', async () => {
    await store.upsertContacts('qq:1', [{ id: 'p1', name: '张三', kind: 'user' }]);
    const { conversations } = await store.addMessages('qq:1', [incoming('a', 'p1', 1)]);
    expect(conversations[0]?.title).toBe('张三');
    const retitled = await store.upsertContacts('qq:1', [{ id: 'p1', name: '张三', remark: '老张', kind: 'user' }]);
    expect(retitled[0]?.title).toBe('老张');
  });

  it('keeps the newest preview when older messages arrive late', async () => {
    await store.addMessages('qq:1', [incoming('new', 'p1', 10, { text: 'newest' })]);
    await store.addMessages('qq:1', [incoming('old', 'p1', 5, { text: 'older' })]);
    const convo = await store.getConversation('qq:1|p1');
    expect(convo?.lastPreview).toBe('newest');
    expect(convo?.lastAt).toBe(10);
  });

  it('names the sender in group previews only', async () => {
    await store.upsertContacts('wechat:1', [{ id: '@@g', name: '周末爬山群', kind: 'group' }]);
    await store.addMessages('wechat:1', [incoming('a', 'p1', 1, { senderName: '小明' }), incoming('b', '@@g', 2, { senderName: '明明', text: '集合' })]);
    expect((await store.getConversation('wechat:1|p1'))?.lastPreview).toBe('message a');
    expect((await store.getConversation('wechat:1|@@g'))?.lastPreview).toBe('明明: 集合');
  });

  it('pages history backwards', async () => {
    await store.addMessages('qq:1', Array.from({ length: 30 }, (_, i) => incoming(`m${i}`, 'p', i + 1)));
    const last10 = await store.history('qq:1|p', 10);
    expect(last10.map((m) => m.at)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    const before = await store.history('qq:1|p', 5, 21);
    expect(before.map((m) => m.at)).toEqual([16, 17, 18, 19, 20]);
  });

  it('marks read and sums the badge without muted conversations', async () => {
    await store.addMessages('qq:1', [incoming('a', 'p1', 1), incoming('b', 'p2', 2), incoming('c', 'p2', 3)]);
    expect(await store.totalUnread()).toBe(3);
    await store.updateConversation('qq:1|p2', (c) => ({ ...c, muted: true }));
    expect(await store.totalUnread()).toBe(1);
    const changed = await store.markRead();
    expect(changed.map((c) => c.id).sort()).toEqual(['qq:1|p1', 'qq:1|p2']);
    expect(await store.totalUnread()).toBe(0);
  });

  it('forgets an account completely and leaves others alone, also one whose id it begins', async () => {
    await store.upsertContacts('qq:1', [{ id: 'p1', name: 'a', kind: 'user' }]);
    await store.addMessages('qq:1', [incoming('a', 'p1', 1)]);
    await store.addMessages('qq:2', [incoming('a', 'p1', 1)]);
    await store.addMessages('qq:12', [incoming('a', 'p1', 1)]);
    await store.forgetAccount('qq:1');
    expect(await store.contactsOf('qq:1')).toEqual([]);
    expect(await store.history('qq:1|p1', 10)).toEqual([]);
    expect(await store.getConversation('qq:1|p1')).toBeUndefined();
    expect(await store.history('qq:2|p1', 10)).toHaveLength(1);
    expect(await store.history('qq:12|p1', 10)).toHaveLength(1);
    expect((await db.getAllKeys('conversations')).sort()).toEqual(['qq:12|p1', 'qq:2|p1']);
  });

  it('stores a message delivered twice in one batch once', async () => {
    const result = await store.addMessages('qq:1', [incoming('a', 'p1', 1), incoming('a', 'p1', 1)]);
    expect(result.added.map((m) => m.serverId)).toEqual(['a']);
    expect(await db.getAll('replyQueue')).toHaveLength(1);
    expect((await store.getConversation('qq:1|p1'))?.unread).toBe(1);
  });

  it('remembers when the user last wrote, from any device, but not our auto-replies', async () => {
    await store.addMessages('qq:1', [incoming('o1', 'p1', 10, { direction: 'out' }), incoming('i1', 'p1', 20)]);
    expect((await store.getConversation('qq:1|p1'))?.userWroteAt).toBe(10);
    await store.addMessages('qq:1', [incoming('o2', 'p1', 30, { direction: 'out', autoReply: { ruleId: 'r', ruleName: 'R' } })]);
    expect((await store.getConversation('qq:1|p1'))?.userWroteAt).toBe(10);
  });

  it('an auto-reply whose server echo was stored first stops counting as the user writing', async () => {
    await store.addMessages('qq:1', [incoming('o1', 'p1', 10, { direction: 'out' })]);
    // Our auto-reply: stored locally, then the server's echo of it arrives before the send returns.
    await store.addMessages('qq:1', [incoming('local-1', 'p1', 50, { direction: 'out', autoReply: { ruleId: 'r', ruleName: 'R' } })]);
    await store.addMessages('qq:1', [incoming('s9', 'p1', 51, { direction: 'out' })]);
    expect((await store.getConversation('qq:1|p1'))?.userWroteAt).toBe(51);
    const merged = await store.rekeyMessage('qq:1|local-1', 's9', (m) => ({ ...m, state: 'sent' }));
    expect(merged?.autoReply).toEqual({ ruleId: 'r', ruleName: 'R' });
    expect((await store.getConversation('qq:1|p1'))?.userWroteAt).toBe(10);
  });

  describe('with a participant (the auto-reply decisions)', () => {
    it('commits its writes with the messages, and queues only the new incoming messages it did not handle', async () => {
      await store.addMessages('qq:1', [incoming('old', 'p1', 1)]);
      await db.clear('replyQueue');
      const seen: string[] = [];
      const participant: StoreParticipant = {
        begin: (tx, candidates) => {
          seen.push(...candidates.map((m) => m.serverId));
          participant.finish = async (added) => ({
            handled: new Set(added.filter((m) => m.serverId === 'a').map((m) => m.key)),
            writes: [tx.objectStore('kv').put('decided a', 'note')],
          });
        },
        finish: async () => ({ handled: new Set(), writes: [] }),
      };
      const batch = [incoming('old', 'p1', 1), incoming('a', 'p1', 2), incoming('b', 'p2', 3), incoming('o', 'p2', 4, { direction: 'out' })];
      const { added } = await store.addMessages('qq:1', batch, { participant });
      expect(seen).toEqual(['old', 'a', 'b', 'o']); // every candidate, before knowing which are new
      expect(added.map((m) => m.serverId)).toEqual(['a', 'b', 'o']);
      expect(await db.get('kv', 'note')).toBe('decided a');
      expect((await db.getAll('replyQueue')).map((r) => r.messageKey)).toEqual(['qq:1|b']);
    });

    it('a participant that fails handles nothing: every new incoming message is queued', async () => {
      const participant: StoreParticipant = {
        begin: () => undefined,
        finish: () => Promise.reject(new Error('decision failed')),
      };
      await store.addMessages('qq:1', [incoming('a', 'p1', 1), incoming('b', 'p2', 2)], { participant });
      expect(await db.getAll('replyQueue')).toEqual([expect.objectContaining({ messageKey: 'batch|qq:1|a', messageKeys: ['qq:1|a', 'qq:1|b'] })]);
    });

    it('stores nothing when any message cannot be stored', async () => {
      const unstorable = { ...incoming('b', 'p1', 2), text: (() => 'no') as unknown as string };
      await expect(store.addMessages('qq:1', [incoming('a', 'p1', 1), unstorable])).rejects.toThrow();
      expect(await db.getAll('messages')).toEqual([]);
      expect(await db.getAll('conversations')).toEqual([]);
    });
  });

  describe('sends interrupted by the worker stopping', () => {
    const outgoing = (serverId: string) => incoming(serverId, 'p1', 5, { direction: 'out', senderId: 'me', state: 'sending' });

    it('a message still "sending" at boot becomes failed with the reason; finished sends are left alone', async () => {
      await store.addMessages('qq:1', [outgoing('local-a'), outgoing('local-b'), outgoing('local-c'), incoming('x', 'p1', 6)]);
      await store.rekeyMessage('qq:1|local-b', 's1', (m) => ({ ...m, state: 'sent' }));
      await store.updateMessage('qq:1|local-c', (m) => ({ ...m, state: 'failed', error: 'refused' }));
      const changed = await store.failInterruptedSends('interrupted');
      expect(changed.map((m) => [m.key, m.state, m.error])).toEqual([['qq:1|local-a', 'failed', 'interrupted']]);
      expect((await store.getMessage('qq:1|local-a'))?.state).toBe('failed');
      expect((await store.getMessage('qq:1|s1'))?.state).toBe('sent');
      expect((await store.getMessage('qq:1|local-c'))?.error).toBe('refused');
      expect(await store.failInterruptedSends('again')).toEqual([]); // the markers are gone
    });

    it('a retried message is tracked again', async () => {
      await store.addMessages('qq:1', [outgoing('local-a')]);
      await store.updateMessage('qq:1|local-a', (m) => ({ ...m, state: 'failed', error: 'offline' }));
      await store.updateMessage('qq:1|local-a', (m) => ({ ...m, state: 'sending', error: undefined }));
      expect((await store.failInterruptedSends('interrupted')).map((m) => m.key)).toEqual(['qq:1|local-a']);
    });
  });
});

describe('the compact contacts records', () => {
  /** What a rebuild from the whole contacts store gives for an account (undefined: no contacts). */
  async function rebuilt(accountId: string) {
    const contacts = await store.contactsOf(accountId);
    return contacts.length ? buildCompact(accountId, contacts) : undefined;
  }
  async function expectInStep(...accounts: string[]) {
    for (const id of accounts) expect(await store.compactContactsOf(id)).toEqual(await rebuilt(id));
  }
  /** Contacts as an older version stored them: no compact record written. */
  async function storeWithoutRecord(contacts: Contact[]) {
    const tx = db.transaction('contacts', 'readwrite');
    await Promise.all([...contacts.map((c) => tx.store.put(c)), tx.done]);
  }

  it('follows upserts, changes and removals, account by account', async () => {
    await store.upsertContacts('qq:1', [{ id: 'p2', name: 'B', kind: 'user' }, { id: 'p1', name: '张三', kind: 'user', pinyin: { initials: 'zs', full: 'zhang san' } }]);
    await store.upsertContacts('wechat:1', [{ id: '@@g', name: '群', kind: 'group', memberCount: 3, avatarUrl: 'x' }]);
    await expectInStep('qq:1', 'wechat:1');
    await store.upsertContacts('qq:1', [{ id: 'p1', name: '张三', remark: '老张', kind: 'user', presence: 'online' }, { id: 'p0', name: 'New', kind: 'user' }], ['p2']);
    await expectInStep('qq:1', 'wechat:1');
    expect((await store.compactContactsOf('qq:1'))?.ids).toEqual(['p0', 'p1']);
    expect((await store.compactContactsOf('qq:1'))?.pinyinInitials).toEqual([null, null]);
  });

  it('an account whose last contact is removed has no record', async () => {
    await store.upsertContacts('qq:1', [{ id: 'p1', name: 'A', kind: 'user' }]);
    await store.upsertContacts('qq:1', [], ['p1']);
    expect(await db.get('kv', compactContactsKey('qq:1'))).toBeUndefined();
  });

  it('is rebuilt from the whole store on the first change of contacts stored without one', async () => {
    await storeWithoutRecord([{ accountId: 'qq:1', id: 'old1', name: 'Old', kind: 'user' }, { accountId: 'qq:1', id: 'old2', name: 'Older', kind: 'user' }]);
    await store.upsertContacts('qq:1', [{ id: 'p1', name: 'A', kind: 'user' }], ['old2']);
    expect((await store.compactContactsOf('qq:1'))?.ids).toEqual(['old1', 'p1']);
    await expectInStep('qq:1');
  });

  it('goes with its account, and only its account', async () => {
    await store.upsertContacts('qq:1', [{ id: 'p1', name: 'A', kind: 'user' }]);
    await store.upsertContacts('qq:2', [{ id: 'p1', name: 'A', kind: 'user' }]);
    await store.forgetAccount('qq:1');
    expect(await db.get('kv', compactContactsKey('qq:1'))).toBeUndefined();
    await expectInStep('qq:1', 'qq:2');
  });

  it('stays when the history is cleared (the contacts stay too)', async () => {
    await store.upsertContacts('qq:1', [{ id: 'p1', name: 'A', kind: 'user' }]);
    await store.clearHistory();
    await expectInStep('qq:1');
    expect(await store.compactContactsOf('qq:1')).toBeDefined();
  });

  it('repair builds the missing records, drops stale ones, and then has nothing to do', async () => {
    await store.upsertContacts('qq:1', [{ id: 'p1', name: 'A', kind: 'user' }]);
    await storeWithoutRecord([{ accountId: 'wechat:1', id: '@b', name: 'B', kind: 'user' }, { accountId: 'wechat:1', id: '@a', name: 'A', kind: 'user' }]);
    await db.put('kv', buildCompact('weibo:9', [{ id: '1', name: 'gone', kind: 'user' }]), compactContactsKey('weibo:9'));
    const kept = await store.compactContactsOf('qq:1');
    expect(await store.repairCompactContacts()).toEqual(['wechat:1']);
    await expectInStep('qq:1', 'wechat:1', 'weibo:9');
    expect(await store.compactContactsOf('qq:1')).toEqual(kept);
    expect(await store.repairCompactContacts()).toEqual([]);
    // Other kv entries are not the repair's business.
    await db.put('kv', { any: 1 }, 'autoReplyHistory');
    expect(await store.repairCompactContacts()).toEqual([]);
    expect(await db.get('kv', 'autoReplyHistory')).toEqual({ any: 1 });
  });

  it('stays equal to a rebuild through a long run of mixed changes on several accounts', async () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const accounts = ['qq:1', 'wechat:1', 'weibo:1'];
    for (let step = 0; step < 60; step += 1) {
      const account = accounts[Math.floor(random() * accounts.length)]!;
      if (random() < 0.05) {
        await store.forgetAccount(account);
        continue;
      }
      const upsert = Array.from({ length: Math.floor(random() * 4) }, () => ({ id: `p${Math.floor(random() * 20)}`, name: `n${Math.floor(random() * 9)}`, kind: 'user' as const, ...(random() < 0.3 ? { remark: 'r' } : {}) }));
      const remove = Array.from({ length: Math.floor(random() * 2) }, () => `p${Math.floor(random() * 20)}`);
      await store.upsertContacts(account, upsert, remove);
    }
    await expectInStep(...accounts);
  });
});

