import { describe, expect, it } from 'vitest';
import { cgi, familyFor, familyHosts } from './hosts.ts';
import { makeClientMsgId, makeDeviceId } from './ids.ts';
import { exchangeUrl, jsloginUrl, qrText } from './login.ts';

describe('host families', () => {
  it.each([
    ['wx.qq.com', 'wx.qq.com'],
    ['wx2.qq.com', 'wx2.qq.com'],
    ['wx8.qq.com', 'wx8.qq.com'],
    ['web.wechat.com', 'web.wechat.com'],
    ['web2.wechat.com', 'web2.wechat.com'],
    ['wx5.qq.com', 'wx.qq.com'],
    ['web9.wechat.com', 'web.wechat.com'],
    ['webpush.wx2.qq.com', 'wx2.qq.com'],
  ])('%s -> %s', (host, main) => {
    const family = familyFor(host);
    expect(family?.main).toBe(main);
    expect(family?.login).toBe(`login.${main}`);
    expect(family?.file).toBe(`file.${main}`);
    expect(family?.push).toEqual([`webpush.${main}`, main]);
  });
  it('refuses foreign hosts', () => {
    expect(familyFor('evil.example.com')).toBeUndefined();
    expect(familyFor('qq.com.evil.net')).toBeUndefined();
  });
  it('lists every host of a family once', () => {
    const family = familyFor('wx2.qq.com');
    expect(family && familyHosts(family)).toEqual(['wx2.qq.com', 'login.wx2.qq.com', 'file.wx2.qq.com', 'webpush.wx2.qq.com']);
  });
  it('builds cgi URLs with encoded query values', () => {
    expect(cgi('wx.qq.com', 'synccheck', { synckey: '1_2|3_4', skey: '@crypt_x' })).toBe(
      'https://wx.qq.com/cgi-bin/mmwebwx-bin/synccheck?synckey=1_2%7C3_4&skey=%40crypt_x',
    );
  });
});

describe('login URLs', () => {
  it('jslogin carries the appid and a desktop redirect_uri', () => {
    const url = new URL(jsloginUrl('login.wx.qq.com', 1_700_000_000_000));
    expect(url.host).toBe('login.wx.qq.com');
    expect(url.pathname).toBe('/jslogin');
    expect(url.searchParams.get('appid')).toBe('wx782c26e4c19acffb');
    expect(url.searchParams.get('redirect_uri')).toBe('https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage?mod=desktop');
    expect(url.searchParams.get('fun')).toBe('new');
  });
  it('the QR text points at login.weixin.qq.com', () => {
    expect(qrText('abc==')).toBe('https://login.weixin.qq.com/l/abc==');
  });
  it('exchange URL appends fun=new&version=v2 without re-encoding', () => {
    expect(exchangeUrl('https://wx.qq.com/x?ticket=A@qr&uuid=a==')).toBe('https://wx.qq.com/x?ticket=A@qr&uuid=a==&fun=new&version=v2');
  });
});

describe('ids', () => {
  it('ClientMsgId is the ms timestamp followed by 4 random digits', () => {
    const id = makeClientMsgId(1_520_934_455_945, () => 0.0477);
    expect(id).toBe('15209344559450000');
    expect(makeClientMsgId(1_520_934_455_945, () => 0.99)).toBe('15209344559459999');
    expect(id).toMatch(/^\d{17}$/);
  });
  it('DeviceID is e + 15 digits', () => {
    expect(makeDeviceId(Math.random)).toMatch(/^e\d{15}$/);
  });
});
