import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSLOGIN, type TestSim, UOS_HEADERS, startWechatSim, syncKeyString, tag } from './test-client.ts';

let t: TestSim;
beforeAll(async () => {
  t = await startWechatSim({ demo: true });
});
afterAll(async () => {
  await t.close();
});

const CGI = '/cgi-bin/mmwebwx-bin';

describe('demo mode', () => {
  it('logs in by itself and the scripted friend answers "收到: <text>"', async () => {
    await t.control('configure', { autoLoginDelayMs: 5, demoReplyDelayMs: 5 });
    const client = t.client();
    const uuid = /uuid = "([^"]+)"/.exec((await client.get(JSLOGIN)).text)?.[1] ?? '';
    let poll = '';
    const codes: string[] = [];
    while (!poll.startsWith('window.code=200;')) {
      poll = (await client.get(`https://login.wx.qq.com${CGI}/login?loginicon=true&uuid=${uuid}&tip=1`)).text;
      codes.push(poll.slice(0, 15));
    }
    // Depending on how quickly we poll, the scan may already be confirmed: 201 is optional.
    expect(codes.slice(0, -1).every((c) => c === 'window.code=201')).toBe(true);
    const redirect = /redirect_uri="([^"]+)"/.exec(poll)?.[1] ?? '';
    const xml = (await client.get(`${redirect}&fun=new&version=v2`, UOS_HEADERS)).text;
    const base = { Uin: Number(tag(xml, 'wxuin')), Sid: tag(xml, 'wxsid'), Skey: tag(xml, 'skey'), DeviceID: 'e1' };
    const init = JSON.parse((await client.postJson(`https://wx.qq.com${CGI}/webwxinit`, { BaseRequest: base })).text) as { User: { UserName: string }; SyncKey: { Count: number; List: Array<{ Key: number; Val: number }> } };
    let key = init.SyncKey;
    const [friend] = await t.control<Array<{ userName: string }>>('contacts', { query: 'wxid_demo_echo' });
    const msg = { Type: 1, Content: '你好\n世界', FromUserName: init.User.UserName, ToUserName: friend?.userName, LocalID: '1', ClientMsgId: '1' };
    await client.postJson(`https://wx.qq.com${CGI}/webwxsendmsg`, { BaseRequest: base, Msg: msg });
    const seen: string[] = [];
    while (!seen.includes('收到: 你好<br/>世界')) {
      await client.get(`https://webpush.wx.qq.com${CGI}/synccheck?sid=${encodeURIComponent(base.Sid)}&uin=${base.Uin}&skey=${base.Skey}&synckey=${encodeURIComponent(syncKeyString(key))}`);
      const sync = JSON.parse((await client.postJson(`https://wx.qq.com${CGI}/webwxsync`, { BaseRequest: base, SyncKey: key })).text) as { AddMsgList: Array<{ Content: string; FromUserName: string }>; SyncKey: typeof key };
      key = sync.SyncKey;
      seen.push(...sync.AddMsgList.filter((m) => m.FromUserName === friend?.userName).map((m) => m.Content));
    }
    expect(seen).toContain('收到: 你好<br/>世界');
  });
});
