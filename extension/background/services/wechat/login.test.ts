import { describe, expect, it } from 'vitest';
import { createWechatConnector } from './index.ts';
import { FakeWechat, json, NETWORK_DOWN, OK, text } from './fake-deps.ts';
import { bodyOf, confirmed, initReply, LOGIN_XML, poll, qr, REDIRECT, syncReply, msg, UUID, UUID2, LOGIN_TIME } from './fixtures.ts';
import { EXTSPAM } from './uos.ts';
import type { WechatSession } from './session.ts';

describe('QR login', () => {
  it('reports scan, scanned (avatar), confirmed and online; exchanges with the UOS headers', async () => {
    const fake = new FakeWechat()
      .on('jslogin', qr(UUID))
      .on('login', poll(408), poll(201, "window.userAvatar = 'data:img/jpg;base64,AAAA';"), confirmed())
      .on('webwxnewloginpage', text(LOGIN_XML, 301))
      .on('webwxinit', initReply())
      .always('webwxstatusnotify', json(OK))
      .on('webwxgetcontact', json({ ...OK, MemberList: [{ UserName: '@alice', NickName: 'Alice' }], Seq: 0 }))
      .on('webwxsync', syncReply(2, [msg('1001', { CreateTime: LOGIN_TIME - 900 }), msg('1002', { CreateTime: LOGIN_TIME + 500 })]));
    await createWechatConnector(fake.deps()).start(fake.controller.signal);

    const qrText = `https://login.weixin.qq.com/l/${UUID}`;
    expect(fake.statuses.map((s) => s.status)).toEqual(['signingIn', 'needsUser', 'needsUser', 'signingIn', 'online']);
    expect(fake.statuses[1]?.needs).toEqual({ kind: 'scanQr', qrText });
    expect(fake.statuses[2]?.needs).toEqual({ kind: 'scanQr', qrText, scannedAvatar: 'data:img/jpg;base64,AAAA' });

    const jslogin = new URL(fake.callsTo('jslogin')[0]?.url ?? '');
    expect(jslogin.host).toBe('login.wx.qq.com');
    expect(jslogin.searchParams.get('appid')).toBe('wx782c26e4c19acffb');
    expect(jslogin.searchParams.get('redirect_uri')).toContain('mod=desktop');
    const polls = fake.callsTo('login').map((c) => new URL(c.url).searchParams);
    expect(polls.map((p) => p.get('uuid'))).toEqual([UUID, UUID, UUID]);
    expect(polls.map((p) => p.get('tip'))).toEqual(['1', '0', '0']);

    const exchange = fake.callsTo('webwxnewloginpage')[0];
    expect(exchange?.url).toBe(`${REDIRECT}&fun=new&version=v2`);
    expect(exchange?.headers).toEqual({ 'client-version': '2.0.0', extspam: EXTSPAM });

    expect(fake.headerRules[0]).toEqual([{ hosts: ['login.wx.qq.com', 'login.weixin.qq.com'], set: { Referer: 'https://wx.qq.com/' } }]);
    expect(fake.headerRules[1]?.[0]).toEqual({ hosts: ['wx2.qq.com', 'file.wx2.qq.com'], set: { Referer: 'https://wx2.qq.com/', Origin: 'https://wx2.qq.com' } });
    expect(fake.headerRules[1]?.[1]?.hosts).toEqual(expect.arrayContaining(['login.wx2.qq.com', 'webpush.wx2.qq.com']));

    const init = fake.callsTo('webwxinit')[0];
    expect(new URL(init?.url ?? '').searchParams.get('pass_ticket')).toBe('pt+1');
    expect(bodyOf(init?.body).BaseRequest).toEqual({ Uin: 211722515, Sid: 'sid1', Skey: '@crypt_login', DeviceID: expect.stringMatching(/^e\d{15}$/) });
    // SKey from init replaces the login skey.
    expect(new URL(fake.callsTo('webwxsync')[0]?.url ?? '').searchParams.get('skey')).toBe('@crypt_init');
    const notify = bodyOf(fake.callsTo('webwxstatusnotify')[0]?.body);
    expect(notify).toMatchObject({ Code: 3, FromUserName: '@self', ToUserName: '@self' });

    // The first sync after a QR login is history, before any synccheck.
    expect(fake.endpoints().indexOf('webwxsync')).toBeLessThan(fake.endpoints().indexOf('synccheck'));
    expect(fake.batches[0]?.map((m) => [m.serverId, m.replay])).toEqual([['1001', true], ['1002', true]]);

    const session = fake.slots.get('session') as WechatSession;
    expect(session).toMatchObject({ host: 'wx2.qq.com', uin: '211722515', sid: 'sid1', skey: '@crypt_init', passTicket: 'pt+1', self: { id: '@self', name: 'Me' }, loginAt: LOGIN_TIME });
    expect(session.syncKey?.List[0]?.Val).toBe(2);
    expect(fake.contacts.flatMap((c) => c.upsert.map((u) => u.id))).toEqual(['filehelper', '@alice']);
  });

  it('fetches a new uuid and QR by itself when the QR expires (400)', async () => {
    const fake = new FakeWechat().on('jslogin', qr(UUID), qr(UUID2)).on('login', poll(400), poll(408));
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    const qrs = fake.statuses.filter((s) => s.needs?.kind === 'scanQr').map((s) => s.needs?.kind === 'scanQr' && s.needs.qrText);
    expect(qrs).toEqual([`https://login.weixin.qq.com/l/${UUID}`, `https://login.weixin.qq.com/l/${UUID2}`]);
    expect(fake.callsTo('login').map((c) => new URL(c.url).searchParams.get('uuid'))).toEqual([UUID, UUID2, UUID2]);
  });

  it('keeps polling the same uuid on unknown codes and network errors, with backoff', async () => {
    const fake = new FakeWechat().on('jslogin', qr(UUID)).on('login', poll(0), NETWORK_DOWN, text('<html>502</html>', 502), poll(408), poll(408));
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    expect(fake.callsTo('jslogin')).toHaveLength(1);
    expect(new Set(fake.callsTo('login').map((c) => new URL(c.url).searchParams.get('uuid')))).toEqual(new Set([UUID]));
    expect(fake.sleeps.slice(0, 3)).toEqual([500, 1000, 2000]);
    expect(fake.diagnostics.some((d) => d.what.startsWith('login poll') && d.raw?.includes('502'))).toBe(true);
  });

  it('tries the other login host when jslogin cannot be reached', async () => {
    const fake = new FakeWechat().on('jslogin', NETWORK_DOWN, qr(UUID));
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    expect(fake.callsTo('jslogin').map((c) => new URL(c.url).host)).toEqual(['login.wx.qq.com', 'login.weixin.qq.com']);
    expect(new URL(fake.callsTo('login')[0]?.url ?? '').host).toBe('login.weixin.qq.com');
  });

  it('ret 1203 -> needsUser webLoginBlocked with advice, and stops', async () => {
    const fake = new FakeWechat()
      .on('jslogin', qr(UUID))
      .on('login', confirmed())
      .on('webwxnewloginpage', text('<error><ret>1203</ret><message>当前登录环境异常。为了你的帐号安全，暂时不能登录web微信。</message></error>'));
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    expect(fake.controller.signal.aborted).toBe(false);
    const last = fake.statuses.at(-1);
    expect(last?.status).toBe('needsUser');
    expect(last?.needs?.kind).toBe('webLoginBlocked');
    expect(last?.needs?.kind === 'webLoginBlocked' && last.needs.message).toMatch(/real-name verification.*当前登录环境异常.*1203/s);
    expect(fake.callsTo('webwxinit')).toHaveLength(0);
    expect(fake.diagnostics.some((d) => d.raw?.includes('<ret>1203</ret>'))).toBe(true);
  });

  it('an unreadable exchange answer goes back to a new QR after a backoff', async () => {
    const fake = new FakeWechat().on('jslogin', qr(UUID), qr(UUID2)).on('login', confirmed()).on('webwxnewloginpage', text('', 0));
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    expect(fake.callsTo('jslogin')).toHaveLength(2);
    expect(fake.statuses.some((s) => s.reason?.includes('no readable answer'))).toBe(true);
  });

  it('does not follow a redirect_uri to a foreign host', async () => {
    const fake = new FakeWechat().on('jslogin', qr(UUID), qr(UUID2)).on('login', confirmed('https://evil.example.com/cgi-bin/mmwebwx-bin/webwxnewloginpage?ticket=x'));
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    expect(fake.callsTo('webwxnewloginpage')).toHaveLength(0);
    expect(fake.callsTo('jslogin')).toHaveLength(2);
  });

  it('webwxinit Ret 1 right after login -> webLoginBlocked (unverified or blocked account)', async () => {
    const fake = new FakeWechat()
      .on('jslogin', qr(UUID))
      .on('login', confirmed())
      .on('webwxnewloginpage', text(LOGIN_XML, 301))
      .on('webwxinit', json({ BaseResponse: { Ret: 1, ErrMsg: '' } }));
    await createWechatConnector(fake.deps()).start(fake.controller.signal);
    expect(fake.statuses.at(-1)?.needs?.kind).toBe('webLoginBlocked');
    expect(fake.slots.has('session')).toBe(false);
  });
});
