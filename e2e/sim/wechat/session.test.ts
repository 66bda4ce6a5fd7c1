import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TestSim, login, startWechatSim, syncKeyString, waitFor } from './test-client.ts';

interface State {
  sessions: Array<{ uin: number; family: string; ended: { code: number } | null; heldSyncchecks: number; ackedSeq: number }>;
}
type Json = Record<string, unknown> & { BaseResponse: { Ret: number } };

let t: TestSim;
beforeAll(async () => {
  t = await startWechatSim();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await fetch(`${t.sim.controlUrl}/reset`, { method: 'POST' });
});

const CGI = '/cgi-bin/mmwebwx-bin';
const syncCheckUrl = (host: string, s: { sid: string; uin: number; skey: string }, key: string) =>
  `https://webpush.${host}${CGI}/synccheck?r=1&skey=${encodeURIComponent(s.skey)}&sid=${encodeURIComponent(s.sid)}&uin=${s.uin}&deviceid=e1&synckey=${encodeURIComponent(key)}&_=1`;

describe('session', () => {
  it('answers webwxinit with the digest fields and a rotated SKey', async () => {
    const client = t.client();
    const s = await login(t, client);
    const init = s.init as Json & { User: Record<string, unknown>; ContactList: Array<Record<string, unknown>>; ChatSet: string; SyncKey: { Count: number } };
    expect(init.BaseResponse.Ret).toBe(0);
    expect(init.SyncKey.Count).toBe(4);
    expect(init['SKey']).toMatch(/^@crypt_/);
    expect(init.User['Uin']).toBe(s.uin);
    expect(init.User['UserName']).toMatch(/^@[0-9a-f]{32}$/);
    expect(init.ContactList.map((c) => c['UserName'])).toContain('filehelper');
    expect(init.ContactList.some((c) => String(c['UserName']).startsWith('@@') && (c['MemberList'] as unknown[]).length > 0)).toBe(true);
    expect(init.ChatSet.endsWith(',')).toBe(true);
    expect(init['InviteStartCount']).toBe(40);
  });

  it('gives 1102 without the session cookies and on another host family', async () => {
    const client = t.client();
    const s = await login(t, client, 'wx2');
    const key = syncKeyString(s.syncKey);
    const bare = t.client();
    expect((await bare.get(syncCheckUrl('wx2.qq.com', s, key))).text).toBe('window.synccheck={retcode:"1102",selector:"0"}');
    const init = await bare.postJson(`https://wx2.qq.com${CGI}/webwxinit?r=1`, { BaseRequest: s.baseRequest });
    expect((JSON.parse(init.text) as Json).BaseResponse.Ret).toBe(1102);
    // Our jar follows the cookie Domain, so wx.qq.com gets none; force them to check the family too.
    const cookie = client.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const wrong = await bare.request('GET', syncCheckUrl('wx.qq.com', s, key), { headers: { cookie } });
    expect(wrong.text).toBe('window.synccheck={retcode:"1102",selector:"0"}');
    expect((await client.get(syncCheckUrl('wx.qq.com', s, key))).text).toContain('"1102"');
    // The right family works (there is something waiting: the login's status notify and history).
    expect((await client.get(syncCheckUrl('wx2.qq.com', s, key))).text).toBe('window.synccheck={retcode:"0",selector:"2"}');
    // The old default push host has no cookies of ours.
    expect((await client.get(syncCheckUrl('weixin.qq.com', s, key))).text).toContain('"1102"');
  });

  it("refuses a POST carrying a foreign Origin (Ret 1) and accepts the service's own", async () => {
    const client = t.client();
    const s = await login(t, client);
    const url = `https://wx.qq.com${CGI}/webwxstatusnotify?lang=zh_CN&pass_ticket=${s.passTicket}`;
    const body = { BaseRequest: s.baseRequest, Code: 3, FromUserName: s.self, ToUserName: s.self, ClientMsgId: 1 };
    const foreign = await client.postJson(url, body, { origin: 'chrome-extension://abcdefghijklmnop' });
    expect((JSON.parse(foreign.text) as Json).BaseResponse.Ret).toBe(1);
    const own = await client.postJson(url, body, { origin: 'https://wx.qq.com', referer: 'https://wx.qq.com/' });
    expect((JSON.parse(own.text) as Json).BaseResponse.Ret).toBe(0);
    const none = await client.postJson(url, body);
    expect((JSON.parse(none.text) as Json).BaseResponse.Ret).toBe(0);
    const log = await t.control<Array<{ origin?: string; referer?: string; headers: Record<string, string>; status: number }>>('requests', { endpoint: 'webwxstatusnotify' });
    expect(log.map((r) => r.origin)).toEqual(['chrome-extension://abcdefghijklmnop', 'https://wx.qq.com', undefined]);
    expect(log[1]?.referer).toBe('https://wx.qq.com/');
    expect(log[0]?.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(log.every((r) => r.status === 200)).toBe(true);
  });

  it('ends the session from the phone: a held synccheck gets 1101, then everything does', async () => {
    const client = t.client();
    const s = await login(t, client);
    const sync = await client.postJson(`https://wx.qq.com${CGI}/webwxsync?sid=${encodeURIComponent(s.sid)}&skey=${s.skey}&pass_ticket=${s.passTicket}`, { BaseRequest: s.baseRequest, SyncKey: s.syncKey, rr: -1 });
    const key = (JSON.parse(sync.text) as { SyncCheckKey: typeof s.syncKey }).SyncCheckKey;
    const held = client.get(syncCheckUrl('wx.qq.com', s, syncKeyString(key)));
    await waitFor(async () => (await t.control<State>('state')).sessions[0]?.heldSyncchecks === 1, 'held synccheck');
    await t.control('endSession', {});
    expect((await held).text).toBe('window.synccheck={retcode:"1101",selector:"0"}');
    const init = await client.postJson(`https://wx.qq.com${CGI}/webwxinit?r=1`, { BaseRequest: s.baseRequest });
    expect((JSON.parse(init.text) as Json).BaseResponse.Ret).toBe(1101);
  });

  it('lets a restarted client resume with its cookies, skey and SyncKey (no new QR)', async () => {
    const first = t.client();
    const s = await login(t, first);
    const url = `https://wx.qq.com${CGI}/webwxsync?sid=${encodeURIComponent(s.sid)}&skey=${s.skey}&pass_ticket=${s.passTicket}`;
    const sync = JSON.parse((await first.postJson(url, { BaseRequest: s.baseRequest, SyncKey: s.syncKey })).text) as { SyncKey: typeof s.syncKey; AddMsgCount: number };
    expect(sync.AddMsgCount).toBeGreaterThan(0);
    // Presenting that key again acknowledges it (it is what the client persisted); then "restart".
    await first.postJson(url, { BaseRequest: s.baseRequest, SyncKey: sync.SyncKey });
    await t.control('inject', { type: 'text', from: '丰哥', text: 'while you were away' });
    const second = t.client();
    for (const c of first.cookies) second.cookies.push({ ...c });
    const init = JSON.parse((await second.postJson(`https://wx.qq.com${CGI}/webwxinit?pass_ticket=${s.passTicket}&r=2`, { BaseRequest: s.baseRequest })).text) as Json & { SyncKey: typeof s.syncKey; SKey: string };
    expect(init.BaseResponse.Ret).toBe(0);
    expect(syncKeyString(init.SyncKey)).toBe(syncKeyString({ ...sync.SyncKey, List: sync.SyncKey.List.filter((k) => [1, 2, 3, 1000].includes(k.Key)) }));
    const resumed = JSON.parse((await second.postJson(url, { BaseRequest: { ...s.baseRequest, Skey: init.SKey }, SyncKey: init.SyncKey })).text) as { AddMsgList: Array<{ Content: string }> };
    expect(resumed.AddMsgList.map((m) => m.Content)).toEqual(['while you were away']);
  });

  it('ends the first web session when the account logs in again (1101)', async () => {
    const a = await login(t, t.client());
    await login(t, t.client());
    const sessions = (await t.control<State>('state')).sessions;
    expect(sessions.map((x) => x.ended?.code ?? 0)).toEqual([1101, 0]);
    expect(sessions[0]?.uin).toBe(a.uin);
  });

  it('pages webwxgetcontact by Seq and serves group members in batches of at most 50', async () => {
    await t.control('setAddressBook', { contacts: 5000, groups: 200 });
    const client = t.client();
    const s = await login(t, client);
    const members: Array<Record<string, unknown>> = [];
    let seq = 0;
    let pages = 0;
    do {
      const page = JSON.parse((await client.get(`https://wx.qq.com${CGI}/webwxgetcontact?r=1&seq=${seq}&skey=${s.skey}`)).text) as Json & { MemberList: Array<Record<string, unknown>>; Seq: number; MemberCount: number };
      expect(page.MemberCount).toBe(page.MemberList.length);
      members.push(...page.MemberList);
      seq = page.Seq;
      pages += 1;
    } while (seq !== 0);
    expect(pages).toBeGreaterThan(4);
    const groups = members.filter((m) => String(m['UserName']).startsWith('@@'));
    expect(groups.length).toBeGreaterThan(100);
    expect(groups.every((g) => g['MemberCount'] === 0)).toBe(true);
    expect(members.some((m) => m['NickName'] === '<img src=x onerror=alert(1)>')).toBe(true);
    expect(members.some((m) => m['VerifyFlag'] === 24)).toBe(true);
    expect(members.find((m) => m['UserName'] === 'filehelper')?.['PYInitial']).toBe('WJCSZS');

    const url = `https://wx.qq.com${CGI}/webwxbatchgetcontact?type=ex&r=1&lang=zh_CN&pass_ticket=${s.passTicket}`;
    const list = groups.slice(0, 50).map((g) => ({ UserName: g['UserName'], EncryChatRoomId: '' }));
    const batch = JSON.parse((await client.postJson(url, { BaseRequest: s.baseRequest, Count: 50, List: list })).text) as Json & { ContactList: Array<Record<string, unknown>> };
    expect(batch.ContactList).toHaveLength(50);
    const group = batch.ContactList[0] as { MemberList: Array<{ UserName: string }>; EncryChatRoomId: string; MemberCount: number };
    expect(group.MemberCount).toBe(group.MemberList.length);
    const member = group.MemberList.find((m) => m.UserName !== s.self);
    const detail = JSON.parse((await client.postJson(url, { BaseRequest: s.baseRequest, Count: 1, List: [{ UserName: member?.UserName, EncryChatRoomId: group.EncryChatRoomId }] })).text) as { ContactList: unknown[] };
    expect(detail.ContactList).toHaveLength(1);
    const tooMany = groups.slice(0, 51).map((g) => ({ UserName: g['UserName'], EncryChatRoomId: '' }));
    expect((JSON.parse((await client.postJson(url, { BaseRequest: s.baseRequest, Count: 51, List: tooMany })).text) as Json).BaseResponse.Ret).toBe(1);
  });
});
