import { describe, expect, it } from 'vitest';
import { compactContactsKey, COMPACT_CONTACTS_BOUNDS, contactsOfCompact, listContactsOf, parseCompact } from '../../shared/compact-contacts.ts';
import { buildCompact, patchCompact } from './compact-contacts-write.ts';
import type { Contact } from '../../shared/domain.ts';

type Stored = Omit<Contact, 'accountId'>;

const user = (id: string, name: string, extra: Partial<Stored> = {}): Stored => ({ id, name, kind: 'user', ...extra });

/** A small seeded generator: the same sequence every run, so a failure reproduces. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomContact(random: () => number, id: string): Stored {
  const c: Stored = { id, name: `名字${Math.floor(random() * 100)}`, kind: random() < 0.1 ? 'group' : 'user' };
  if (random() < 0.3) c.remark = `备注${Math.floor(random() * 10)}`;
  if (random() < 0.5) c.pinyin = { initials: 'mz', full: 'ming zi' };
  if (random() < 0.1) c.memberCount = Math.floor(random() * 500);
  if (random() < 0.2) c.presence = random() < 0.5 ? 'online' : 'away';
  if (random() < 0.05) c.request = { text: 'hi', at: 1 };
  if (random() < 0.3) c.avatarUrl = 'https://example.invalid/a.png';
  if (random() < 0.3) c.note = 'signature';
  return c;
}

describe('the compact contacts record', () => {
  it('holds what the list and search use, in id order, without avatar or note', () => {
    const record = buildCompact('qq:1', [
      user('b', 'Bob', { avatarUrl: 'x', note: 'n', presence: 'online' }),
      user('a', '张三', { remark: '老张', pinyin: { initials: 'zs', full: 'zhang san' }, request: { text: 'hi', at: 5 } }),
      { id: 'g', name: 'Team', kind: 'group', memberCount: 3 },
    ]);
    expect(record.ids).toEqual(['a', 'b', 'g']);
    expect(contactsOfCompact(record)).toEqual([
      { accountId: 'qq:1', id: 'a', name: '张三', kind: 'user', remark: '老张', pinyin: { initials: 'zs', full: 'zhang san' }, request: { text: 'hi', at: 5 } },
      { accountId: 'qq:1', id: 'b', name: 'Bob', kind: 'user', presence: 'online' },
      { accountId: 'qq:1', id: 'g', name: 'Team', kind: 'group', memberCount: 3 },
    ]);
  });

  it('orders ids as IndexedDB orders string keys', () => {
    const ids = ['b', 'B', '10', '9', '@@x', '@a', 'é', 'z'];
    expect(buildCompact('qq:1', ids.map((id) => user(id, id))).ids).toEqual([...ids].sort());
  });

  it('patched, stays equal to a rebuild from the whole store (random upserts and removals)', () => {
    const random = prng(7);
    const store = new Map<string, Stored>();
    let record = buildCompact('wechat:1', []);
    for (let step = 0; step < 300; step += 1) {
      const upsert: Stored[] = [];
      const remove: string[] = [];
      const changes = 1 + Math.floor(random() * 4);
      for (let k = 0; k < changes; k += 1) {
        const id = `@${Math.floor(random() * 60)}`;
        if (random() < 0.25) remove.push(id);
        else upsert.push(randomContact(random, id));
      }
      // The store's order of operations: every put, then every delete.
      for (const c of upsert) store.set(c.id, c);
      for (const id of remove) store.delete(id);
      record = patchCompact(record, upsert, remove);
      expect(record).toEqual(buildCompact('wechat:1', [...store.values()]));
    }
  });

  it('a patch does not change the record it was given', () => {
    const before = buildCompact('qq:1', [user('a', 'A'), user('c', 'C')]);
    const copy = structuredClone(before);
    patchCompact(before, [user('b', 'B'), user('a', 'A2')], ['c']);
    expect(before).toEqual(copy);
  });

  it('keeps absent fields absent in the page’s contacts (no undefined values)', () => {
    expect(Object.keys(contactsOfCompact(buildCompact('qq:1', [user('a', 'A')]))[0]!)).toEqual(['accountId', 'id', 'name', 'kind']);
  });

  it('keys: every account record falls in the bounds, nothing else does', () => {
    const [lower, upper] = COMPACT_CONTACTS_BOUNDS;
    const inside = (key: string) => key >= lower && key < upper;
    expect(inside(compactContactsKey('qq:1'))).toBe(true);
    expect(inside(compactContactsKey('wechat:@abc~~'))).toBe(true);
    expect(inside('autoReplyHistory')).toBe(false);
    expect(inside('contactsCompact')).toBe(false);
    expect(inside('contactsCompacts')).toBe(false);
  });
});

describe('reading the records in a page', () => {
  const qq = buildCompact('qq:1', [user('1', 'A')]);
  const wx = buildCompact('wechat:1', [user('@b', 'B'), user('@a', 'C')]);

  it('gives every account’s contacts in the store’s order', () => {
    expect(listContactsOf(structuredClone([qq, wx]), ['qq:1', 'wechat:1'])?.map((c) => `${c.accountId}/${c.id}`)).toEqual(['qq:1/1', 'wechat:1/@a', 'wechat:1/@b']);
  });

  it('refuses records that cannot stand for the store', () => {
    // An account with contacts and no record (stored before records existed).
    expect(listContactsOf([qq], ['qq:1', 'wechat:1'])).toBeUndefined();
    // A record of an account that has no contacts any more.
    expect(listContactsOf([qq, wx], ['wechat:1'])).toBeUndefined();
    // Not ours.
    expect(listContactsOf([{ ...qq, format: 2 }], ['qq:1'])).toBeUndefined();
    expect(listContactsOf([{ ...qq, names: [] }], ['qq:1'])).toBeUndefined();
    expect(listContactsOf([{ ...qq, names: [42] }], ['qq:1'])).toBeUndefined();
    expect(listContactsOf([{ ...qq, requests: undefined }], ['qq:1'])).toBeUndefined();
    expect(listContactsOf(['contacts'], ['qq:1'])).toBeUndefined();
  });

  it('no accounts with contacts and no records: an empty list, no fallback', () => {
    expect(listContactsOf([], [])).toEqual([]);
  });

  it('parses what it built', () => {
    expect(parseCompact(structuredClone(wx))).toEqual(wx);
    expect(parseCompact(null)).toBeUndefined();
  });
});
