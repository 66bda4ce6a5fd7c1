import { describe, expect, it } from 'vitest';
import type { Contact } from '../shared/domain.ts';
import { buildIndex, search } from './contact-search.ts';
import { romanize } from './romanize.ts';

const c = (id: string, name: string, extra: Partial<Contact> = {}): Contact => ({ accountId: 'wechat:1', id, name, kind: 'user', ...extra });

describe('contact search', () => {
  const contacts = [
    c('a', '张三', { pinyin: { initials: 'zs', full: 'zhangsan' } }),
    c('b', 'Bob', { remark: '老板', pinyin: { initials: 'bob lb', full: 'bob laoban' } }),
    c('c', '李雷'),
    c('d', 'Group', { kind: 'group', memberCount: 12 }),
    c('e', 'System', { kind: 'system' }),
  ];
  const index = buildIndex(contacts, [], romanize);

  it('finds by nickname, remark and id', () => {
    expect(search(index, 'bo').map((e) => e.peerId)).toEqual(['b']);
    expect(search(index, '老板').map((e) => e.peerId)).toEqual(['b']);
    expect(search(index, 'gro').map((e) => e.peerId)).toEqual(['d']);
  });
  it('finds by pinyin initials and full pinyin, given or computed', () => {
    expect(search(index, 'zs').map((e) => e.peerId)).toEqual(['a']);
    expect(search(index, 'zhang san').map((e) => e.peerId)).toEqual(['a']);
    expect(search(index, 'll').map((e) => e.peerId)).toEqual(['c']);
    expect(search(index, 'lilei').map((e) => e.peerId)).toEqual(['c']);
    expect(search(index, 'laob').map((e) => e.peerId)).toEqual(['b']);
  });
  it('leaves system contacts out and sorts by the pinyin of the shown title (remark first)', () => {
    expect(search(index, '').map((e) => e.peerId)).toEqual(['d', 'b', 'c', 'a']);
  });
  it('adds conversations whose peer is no stored contact', () => {
    const withConv = buildIndex(contacts, [
      { id: 'qq:1|9', accountId: 'qq:1', service: 'qq', peerId: '9', title: 'Stranger', isGroup: false, lastAt: 1, lastPreview: '', unread: 0, muted: false },
    ]);
    expect(search(withConv, 'stran').map((e) => e.conversationId)).toEqual(['qq:1|9']);
  });
  it('ranks prefix matches first', () => {
    const idx = buildIndex([c('1', 'xAnna'), c('2', 'Anna')]);
    expect(search(idx, 'anna').map((e) => e.peerId)).toEqual(['2', '1']);
  });
});
