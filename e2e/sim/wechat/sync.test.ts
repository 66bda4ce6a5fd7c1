import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LoggedIn, type SimClient, type TestSim, login, startWechatSim, syncKeyString, waitFor } from './test-client.ts';

type Msg = Record<string, unknown> & { MsgId: string; MsgType: number; Content: string; FromUserName: string; ToUserName: string };
interface Sync {
  BaseResponse: { Ret: number };
  AddMsgList: Msg[];
  ModContactList: Array<Record<string, unknown>>;
  DelContactList: Array<Record<string, unknown>>;
  ContinueFlag: number;
  SyncKey: LoggedIn['syncKey'];
  SyncCheckKey: LoggedIn['syncKey'];
}

let now = 1_700_000_000_000;
let t: TestSim;
beforeAll(async () => {
  t = await startWechatSim({ clock: { now: () => now } });
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await fetch(`${t.sim.controlUrl}/reset`, { method: 'POST' });
});

const CGI = '/cgi-bin/mmwebwx-bin';

/** A logged-in client that follows SyncKey like a real one. */
class Loop {
  key: LoggedIn['syncKey'];
  checkKey: LoggedIn['syncKey'];
  constructor(
    readonly client: SimClient,
    readonly s: LoggedIn,
  ) {
    this.key = s.syncKey;
    this.checkKey = s.syncKey;
  }
  async syncRaw(): Promise<string> {
    const url = `https://${this.s.host}${CGI}/webwxsync?sid=${encodeURIComponent(this.s.sid)}&skey=${this.s.skey}&pass_ticket=${this.s.passTicket}&lang=zh_CN`;
    const res = await this.client.postJson(url, { BaseRequest: this.s.baseRequest, SyncKey: this.key, rr: -1 });
    const body = JSON.parse(res.text) as Sync;
    this.key = body.SyncKey;
    this.checkKey = body.SyncCheckKey;
    return res.text;
  }
  async sync(): Promise<Sync> {
    return JSON.parse(await this.syncRaw()) as Sync;
  }
  check(): Promise<string> {
    const s = this.s;
    return this.client
      .get(`https://webpush.${s.host}${CGI}/synccheck?r=1&skey=${encodeURIComponent(s.skey)}&sid=${encodeURIComponent(s.sid)}&uin=${s.uin}&deviceid=e1&synckey=${encodeURIComponent(syncKeyString(this.checkKey))}&_=1`)
      .then((r) => r.text);
  }
  send(path: string, msg: Record<string, unknown>): Promise<Record<string, unknown> & { BaseResponse: { Ret: number }; MsgID: string }> {
    const url = `https://${this.s.host}${CGI}/${path}?lang=zh_CN&pass_ticket=${this.s.passTicket}`;
    const id = String(Date.now() * 10_000 + Math.floor(Math.random() * 10_000));
    return this.client.postJson(url, { BaseRequest: this.s.baseRequest, Scene: 0, Msg: { FromUserName: this.s.self, LocalID: id, ClientMsgId: id, ...msg } }).then((r) => JSON.parse(r.text));
  }
}

async function loggedIn(): Promise<Loop> {
  const client = t.client();
  return new Loop(client, await login(t, client));
}

async function heldSynccheck(): Promise<void> {
  await waitFor(async () => (await t.control<{ sessions: Array<{ heldSyncchecks: number }> }>('state')).sessions.some((s) => s.heldSyncchecks > 0), 'held synccheck');
}

describe('synccheck and webwxsync', () => {
  it('replays the login status notify and history first, with NewMsgId overflowing in the JSON text', async () => {
    const loop = await loggedIn();
    expect(await loop.check()).toBe('window.synccheck={retcode:"0",selector:"2"}');
    const raw = await loop.syncRaw();
    const body = JSON.parse(raw) as Sync;
    const [notify, ...history] = body.AddMsgList;
    expect(notify).toMatchObject({ MsgType: 51, StatusNotifyCode: 4, FromUserName: loop.s.self, ToUserName: loop.s.self });
    expect(String(notify?.['StatusNotifyUserName']).split(',')).toContain('filehelper');
    // Older messages the account already had come next, with their old CreateTime.
    expect(history.map((m) => m.Content.replace(/^@[0-9a-f]{64}:<br\/>/, ''))).toEqual(['明天见', '周六早上八点集合', 'Did you get my file?']);
    expect(history[1]?.FromUserName).toMatch(/^@@/);
    expect(history.every((m) => Number(m['CreateTime']) < now / 1000 - 60)).toBe(true);
    const ids = [...raw.matchAll(/"NewMsgId":(\d+)/g)].map((m) => m[1] ?? '');
    expect(ids.length).toBe(body.AddMsgList.length);
    expect(BigInt(ids[0] ?? '0')).toBeGreaterThan(2n ** 53n);
    expect(ids[0]).toBe(notify?.MsgId);
    expect(body.SyncKey.Count).toBe(7);
    expect(body.SyncCheckKey).toEqual(body.SyncKey);
  });

  it('replays recent history after a later login (configurable count)', async () => {
    await t.control('inject', { type: 'text', from: 'wxid_xiaoming', text: 'one' });
    await t.control('inject', { type: 'text', from: 'wxid_xiaoming', text: 'two' });
    await t.control('inject', { type: 'text', from: 'wxid_xiaoming', text: 'three' });
    await t.control('configure', { historyCount: 2 });
    const loop = await loggedIn();
    const body = await loop.sync();
    expect(body.AddMsgList.slice(1).map((m) => m.Content)).toEqual(['two', 'three']);
  });

  it('holds synccheck until a message arrives, then webwxsync brings it escaped', async () => {
    const loop = await loggedIn();
    await loop.sync();
    const held = loop.check();
    await heldSynccheck();
    const injected = await t.control<{ msgId: string }>('inject', { type: 'text', from: 'Tom &amp; Jerry &lt;3', text: 'a < b & "c"\nnext 😄' });
    expect(await held).toBe('window.synccheck={retcode:"0",selector:"2"}');
    const body = await loop.sync();
    expect(body.AddMsgList).toHaveLength(1);
    const msg = body.AddMsgList[0] as Msg;
    expect(msg.MsgId).toBe(injected.msgId);
    expect(msg.ToUserName).toBe(loop.s.self);
    expect(msg.Content).toBe('a &lt; b &amp; "c"<br/>next <span class="emoji emoji1f604"></span>');
    expect(body.ContinueFlag).toBe(0);
  });

  it('answers 0/0 when the hold ends with nothing new', async () => {
    await t.control('configure', { syncHoldMs: 20 });
    const loop = await loggedIn();
    await loop.sync();
    expect(await loop.check()).toBe('window.synccheck={retcode:"0",selector:"0"}');
  });

  it('splits a large backlog into ContinueFlag batches', async () => {
    await t.control('configure', { syncBatchSize: 50 });
    const loop = await loggedIn();
    await loop.sync();
    for (let i = 0; i < 120; i += 1) await t.control('inject', { type: 'text', from: 'wxid_zhangsanfeng', text: `m${i}` });
    const flags: number[] = [];
    const contents: string[] = [];
    for (;;) {
      const body = await loop.sync();
      flags.push(body.ContinueFlag);
      contents.push(...body.AddMsgList.map((m) => m.Content));
      if (body.ContinueFlag === 0) break;
    }
    expect(flags).toEqual([1, 1, 0]);
    expect(contents).toEqual(Array.from({ length: 120 }, (_, i) => `m${i}`));
  });

  it('echoes our own sends back with FromUserName = self and the same MsgID', async () => {
    const loop = await loggedIn();
    await loop.sync();
    const sent = await loop.send('webwxsendmsg', { Type: 1, Content: 'hi <there>\nline2', ToUserName: 'filehelper' });
    expect(sent.BaseResponse.Ret).toBe(0);
    expect(sent.MsgID).toMatch(/^\d{19}$/);
    const body = await loop.sync();
    expect(body.AddMsgList).toEqual([expect.objectContaining({ MsgId: sent.MsgID, FromUserName: loop.s.self, ToUserName: 'filehelper', MsgType: 1, Content: 'hi &lt;there&gt;<br/>line2' })]);
    const record = await t.control<{ messages: Array<Record<string, unknown>> }>('sent');
    expect(record.messages).toEqual([expect.objectContaining({ msgType: 1, msgId: sent.MsgID, content: 'hi <there>\nline2', to: 'filehelper', ret: 0 })]);
    expect(record.messages[0]?.['clientMsgId']).toBe(record.messages[0]?.['localId']);
  });

  it('answers 1205 when sends come faster than the configured limit', async () => {
    await t.control('configure', { rateLimits: { send: { max: 3, windowMs: 1000 } } });
    const loop = await loggedIn();
    const rets: number[] = [];
    for (let i = 0; i < 4; i += 1) rets.push((await loop.send('webwxsendmsg', { Type: 1, Content: `x${i}`, ToUserName: 'filehelper' })).BaseResponse.Ret);
    expect(rets).toEqual([0, 0, 0, 1205]);
    now += 1001;
    expect((await loop.send('webwxsendmsg', { Type: 1, Content: 'later', ToUserName: 'filehelper' })).BaseResponse.Ret).toBe(0);
    const refused = (await t.control<{ messages: Array<{ ret: number }> }>('sent')).messages.filter((m) => m.ret === 1205);
    expect(refused).toHaveLength(1);
  });

  it('refuses sends to names this login never handed out, or from someone else', async () => {
    const loop = await loggedIn();
    expect((await loop.send('webwxsendmsg', { Type: 1, Content: 'x', ToUserName: '@deadbeef' })).BaseResponse.Ret).toBe(1);
    expect((await loop.send('webwxsendmsg', { Type: 1, Content: 'x', ToUserName: 'filehelper', FromUserName: '@other' })).BaseResponse.Ret).toBe(1);
  });

  it('writes group messages with the "@member:<br/>" prefix and mentions with U+2005', async () => {
    const loop = await loggedIn();
    await loop.sync();
    await t.control('inject', { type: 'text', group: '20001@chatroom', from: 'wxid_xiaoming', text: 'hello all', mentionSelf: true });
    await t.control('inject', { type: 'text', group: '20001@chatroom', fromSelf: true, text: 'from my phone' });
    const [other, mine] = (await loop.sync()).AddMsgList as [Msg, Msg];
    expect(other.FromUserName).toMatch(/^@@[0-9a-f]{64}$/);
    expect(other.Content).toMatch(/^@[0-9a-f]{64}:<br\/>@我自己\u2005hello all$/);
    expect(mine).toMatchObject({ FromUserName: loop.s.self, ToUserName: other.FromUserName, Content: 'from my phone' });
  });

  it('injects every MsgType and AppMsgType of the digest', async () => {
    const loop = await loggedIn();
    await loop.sync();
    const plain = ['text', 'image', 'voice', 'verify', 'possibleFriend', 'card', 'video', 'emoticon', 'voip', 'voipNotify', 'voipInvite', 'microVideo', 'sysNotice', 'system'];
    const apps = ['link', 'file', 'transfer', 'redPacket', 'music', 'appVideo', 'appImage', 'appText', 'appEmoji', 'miniProgram', 'quote', 'chatHistory', 'realtimeLocation', 'cardTicket', 'mergedHistory'];
    for (const type of [...plain, ...apps]) await t.control('inject', { type, from: 'wxid_zhangsanfeng', text: type });
    const first = await t.control<{ msgId: string }>('inject', { type: 'location', from: 'wxid_zhangsanfeng' });
    await t.control('inject', { type: 'recall', group: '20001@chatroom', from: 'wxid_xiaoming', oldMsgId: first.msgId });
    await t.control('inject', { type: 'statusNotify', fromSelf: true, to: 'wxid_zhangsanfeng', statusNotifyCode: 2 });
    await t.control('configure', { syncBatchSize: 100 });
    const list = (await loop.sync()).AddMsgList;
    expect(list.map((m) => m.MsgType)).toEqual([1, 3, 34, 37, 40, 42, 43, 47, 50, 52, 53, 62, 9999, 10000, ...apps.map(() => 49), 1, 10002, 51]);
    expect(list.filter((m) => m.MsgType === 49).map((m) => m['AppMsgType'])).toEqual([5, 6, 2000, 2001, 3, 4, 2, 1, 8, 33, 57, 19, 17, 16, 0]);
    const file = list.find((m) => m['AppMsgType'] === 6) as Msg;
    expect(file['MediaId']).toMatch(/^@crypt_/);
    expect(file.Content).toContain('&lt;appattach&gt;');
    const location = list.find((m) => m['SubMsgType'] === 48) as Msg;
    expect(location['OriContent']).toContain('&lt;location');
    const recall = list.find((m) => m.MsgType === 10002) as Msg;
    expect(recall.Content).toMatch(/^@[0-9a-f]{64}:<br\/>&lt;sysmsg type=&quot;revokemsg&quot;&gt;/);
    expect(recall.Content).toContain(`&lt;msgid&gt;${first.msgId}&lt;/msgid&gt;`);
    expect((list.find((m) => m.MsgType === 37) as Msg)['RecommendInfo']).toMatchObject({ OpCode: 2 });
  });

  it('announces contact changes with selector 6 (ModContactList / DelContactList)', async () => {
    const loop = await loggedIn();
    await loop.sync();
    await t.control('setAddressBook', { contacts: [{ id: 'wxid_new', nickName: '新朋友<span class="emoji emoji1f600"></span>' }], groups: [] });
    expect(await loop.check()).toBe('window.synccheck={retcode:"0",selector:"6"}');
    await t.control('configure', { syncBatchSize: 1000 });
    const body = await loop.sync();
    expect(body.ModContactList.map((c) => c['NickName'])).toContain('新朋友<span class="emoji emoji1f600"></span>');
    expect(body.DelContactList.length).toBeGreaterThan(10);
  });
});
