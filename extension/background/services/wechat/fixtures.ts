// Wire fixtures for the connector tests, shaped like the seeds' examples. Tests only.
import { FakeWechat, json, OK, text } from './fake-deps.ts';
import type { WechatSession } from './session.ts';

export const UUID = 'wb7R2kx9dA==';
export const UUID2 = '4ZnG7WZ0Cg==';
export const REDIRECT = 'https://wx2.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage?ticket=AfrMMbhsnElmA7xc1R9CWUq-@qrticket_0&uuid=wb7R2kx9dA==&lang=zh_CN&scan=1520738372';
export const LOGIN_XML =
  '<error><ret>0</ret><message></message><skey>@crypt_login</skey><wxsid>sid1</wxsid><wxuin>211722515</wxuin><pass_ticket>pt%2B1</pass_ticket><isgrayscale>1</isgrayscale></error>';
export const LOGIN_TIME = 1_700_000_000;

export const qr = (uuid: string) => text(`window.QRLogin.code = 200; window.QRLogin.uuid = "${uuid}";`);
export const poll = (code: number, extra = '') => text(`window.code=${code};${extra}`);
export const confirmed = (redirect = REDIRECT) => poll(200, `\nwindow.redirect_uri="${redirect}";`);
export const syncCheck = (retcode: number, selector: number) => text(`window.synccheck={retcode:"${retcode}",selector:"${selector}"}`);

export function syncKey(val: number) {
  return { Count: 2, List: [{ Key: 1, Val: val }, { Key: 1000, Val: 1520925834 }] };
}

export function initReply(extra: Record<string, unknown> = {}) {
  return json({
    ...OK,
    Count: 1,
    ContactList: [{ UserName: 'filehelper', NickName: '文件传输助手' }],
    User: { Uin: 211722515, UserName: '@self', NickName: 'Me' },
    SKey: '@crypt_init',
    SyncKey: syncKey(1),
    SystemTime: LOGIN_TIME,
    ...extra,
  });
}

export function syncReply(val: number, messages: unknown[] = [], extra: Record<string, unknown> = {}) {
  return json({
    ...OK,
    AddMsgCount: messages.length,
    AddMsgList: messages,
    ModContactCount: 0,
    ModContactList: [],
    DelContactCount: 0,
    DelContactList: [],
    ContinueFlag: 0,
    SyncKey: syncKey(val),
    SyncCheckKey: syncKey(val),
    SKey: '',
    ...extra,
  });
}

export function msg(id: string, fields: Record<string, unknown> = {}) {
  return { MsgId: id, NewMsgId: Number(id), FromUserName: '@alice', ToUserName: '@self', MsgType: 1, Content: 'hi', CreateTime: LOGIN_TIME + 100, ...fields };
}

export function storedSession(overrides: Partial<WechatSession> = {}): WechatSession {
  return {
    v: 1,
    host: 'wx2.qq.com',
    uin: '211722515',
    sid: 'stored-sid',
    skey: '@crypt_stored',
    passTicket: 'stored-pt',
    deviceId: 'e123456789012345',
    syncKey: syncKey(77),
    syncCheckKey: syncKey(77),
    self: { id: '@self', name: 'Me' },
    pushHost: 'webpush.wx2.qq.com',
    loginAt: LOGIN_TIME,
    seen: [],
    sent: [],
    ...overrides,
  };
}

/** A fake with a stored session and a server that accepts it (init, notify, one contact page). */
export function resumable(fake = new FakeWechat(), session = storedSession()): FakeWechat {
  fake.slots.set('session', session);
  return fake
    .on('webwxinit', initReply())
    .always('webwxstatusnotify', json(OK))
    .always('webwxgetcontact', json({ ...OK, MemberCount: 1, MemberList: [{ UserName: '@alice', NickName: 'Alice' }], Seq: 0 }));
}

export function bodyOf(body: unknown): Record<string, unknown> {
  return JSON.parse(String(body)) as Record<string, unknown>;
}
