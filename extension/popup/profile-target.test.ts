import { describe, expect, it } from 'vitest';
import type { Contact, Conversation } from '../shared/domain.ts';
import { buildIndex } from '../ui/contact-search.ts';
import { conversationProfile, entryProfile, hasProfile } from './profile-target.ts';

const c = (accountId: string, id: string, name: string, extra: Partial<Contact> = {}): Contact => ({ accountId, id, name, kind: 'user', ...extra });
const index = buildIndex([
  c('qq:10001', '20001', '小明', { remark: 'Ming' }),
  c('qq:10001', '30001', 'Alice', { request: { text: 'hi', at: 1 } }),
  c('wechat:1', '@abc', '张三'),
  c('qq:10001', '40001', 'A group', { kind: 'group' }),
]);
const byPeer = (peerId: string) => index.entries.find((e) => e.peerId === peerId);
const [friend, asking, wx, group] = ['20001', '30001', '@abc', '40001'].map(byPeer);

const conv = (id: string, extra: Partial<Conversation> = {}): Conversation => ({
  id,
  accountId: id.slice(0, id.indexOf('|')),
  service: 'qq',
  peerId: id.slice(id.indexOf('|') + 1),
  title: 'Stranger',
  isGroup: false,
  lastAt: 0,
  lastPreview: '',
  unread: 0,
  muted: false,
  ...extra,
});

describe('profile targets', () => {
  it('QQ people have profiles; WeChat contacts and groups do not', () => {
    expect(hasProfile(friend!)).toBe(true);
    expect(hasProfile(wx!)).toBe(false);
    expect(hasProfile(group!)).toBe(false);
  });

  it('a stored contact is a friend unless it is only a request', () => {
    expect(entryProfile(friend!)).toEqual({ accountId: 'qq:10001', peerId: '20001', name: 'Ming', isFriend: true });
    expect(entryProfile(asking!).isFriend).toBe(false);
  });

  it('an open QQ conversation with a person, stored or not', () => {
    expect(conversationProfile('qq:10001|20001', undefined, friend)).toMatchObject({ peerId: '20001', isFriend: true });
    expect(conversationProfile('qq:10001|55555', conv('qq:10001|55555'), undefined)).toEqual({ accountId: 'qq:10001', peerId: '55555', name: 'Stranger', isFriend: false });
    expect(conversationProfile('qq:10001|10000', conv('qq:10001|10000'), undefined)).toBeUndefined();
    expect(conversationProfile('qq:10001|55555', conv('qq:10001|55555', { isGroup: true }), undefined)).toBeUndefined();
    expect(conversationProfile('wechat:1|@abc', undefined, wx)).toBeUndefined();
  });
});
