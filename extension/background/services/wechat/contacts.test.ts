import { describe, expect, it } from 'vitest';
import { ContactBook, contactKind, toContact } from './contacts.ts';
import { readContact, type RawContact } from './wire.ts';

function contact(fields: Record<string, unknown>): RawContact {
  const raw = readContact({ UserName: '@u', NickName: 'N', ...fields });
  if (!raw) throw new Error('bad fixture');
  return raw;
}

describe('contactKind', () => {
  it('classifies groups, official accounts and system users', () => {
    expect(contactKind(contact({ UserName: '@@g' }))).toBe('group');
    expect(contactKind(contact({ VerifyFlag: 8 }))).toBe('official');
    expect(contactKind(contact({ VerifyFlag: 24 }))).toBe('official');
    expect(contactKind(contact({ VerifyFlag: 56 }))).toBe('official');
    expect(contactKind(contact({ UserName: 'filehelper' }))).toBe('system');
    expect(contactKind(contact({ UserName: 'weixin' }))).toBe('system');
    expect(contactKind(contact({ UserName: 'fmessage' }))).toBe('system');
    expect(contactKind(contact({ VerifyFlag: 0 }))).toBe('user');
  });
});

describe('toContact', () => {
  it('maps the seed contact: emoji, remark, lower-case pinyin, avatar URL, signature', () => {
    const c = toContact(
      contact({
        UserName: '@ba19',
        NickName: '张三丰<span class="emoji emoji1f31b"></span>',
        RemarkName: '丰哥',
        PYInitial: 'ZSF',
        PYQuanPin: 'zhangsanfeng',
        RemarkPYInitial: 'FG',
        RemarkPYQuanPin: 'fengge',
        HeadImgUrl: '/cgi-bin/mmwebwx-bin/webwxgeticon?seq=680786093&username=@ba19&skey=',
        Signature: '<span class="emoji emoji2600"></span> 一定会找到',
      }),
      'wx.qq.com',
    );
    expect(c).toEqual({
      id: '@ba19',
      name: '张三丰🌛',
      remark: '丰哥',
      pinyin: { initials: 'zsf fg', full: 'zhangsanfeng fengge' },
      kind: 'user',
      avatarUrl: 'https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxgeticon?seq=680786093&username=@ba19&skey=',
      note: '☀ 一定会找到',
    });
  });
  it('leaves pinyin out when WeChat gives none, and names as data', () => {
    const c = toContact(contact({ NickName: '&lt;script&gt;alert(1)&lt;/script&gt;', HeadImgUrl: 'javascript:alert(1)' }), 'wx.qq.com');
    expect(c.name).toBe('<script>alert(1)</script>');
    expect(c.pinyin).toBeUndefined();
    expect(c.avatarUrl).toBeUndefined();
  });
  it('names an unnamed group after its members', () => {
    const c = toContact(contact({ UserName: '@@g', NickName: '', MemberCount: 4, MemberList: [{ UserName: '@a', NickName: 'A' }, { UserName: '@b', NickName: 'B', DisplayName: 'Bee' }] }), 'wx.qq.com');
    expect(c).toMatchObject({ kind: 'group', name: 'A、Bee', memberCount: 4 });
  });
});

describe('ContactBook', () => {
  it('keeps members when an update comes without them, and knows what needs details', () => {
    const book = new ContactBook('wx.qq.com');
    book.merge([contact({ UserName: '@@g', MemberList: [{ UserName: '@a', NickName: 'A' }] })]);
    book.merge([contact({ UserName: '@@g', NickName: 'Renamed' })]);
    expect(book.member('@@g', '@a')?.NickName).toBe('A');
    expect(book.needsDetails('@@g')).toBe(false);
    book.merge([contact({ UserName: '@@empty' })]);
    expect(book.needsDetails('@@empty')).toBe(true);
    expect(book.needsDetails('@nobody')).toBe(true);
    expect(book.groupsWithoutMembers()).toEqual(['@@empty']);
    book.remove(['@@g']);
    expect(book.get('@@g')).toBeUndefined();
  });
});
