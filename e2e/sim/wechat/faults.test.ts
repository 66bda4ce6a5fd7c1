import https from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LoggedIn, type SimClient, type TestSim, login, startWechatSim, syncKeyString, waitFor } from './test-client.ts';

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
const syncUrl = (s: LoggedIn) => `https://${s.host}${CGI}/webwxsync?sid=${encodeURIComponent(s.sid)}&skey=${s.skey}&pass_ticket=${s.passTicket}`;
const checkUrl = (s: LoggedIn) => `https://webpush.${s.host}${CGI}/synccheck?r=1&skey=${encodeURIComponent(s.skey)}&sid=${encodeURIComponent(s.sid)}&uin=${s.uin}&deviceid=e1&synckey=${encodeURIComponent(syncKeyString(s.syncKey))}&_=1`;
const doSync = (client: SimClient, s: LoggedIn) => client.postJson(syncUrl(s), { BaseRequest: s.baseRequest, SyncKey: s.syncKey });

describe('faults', () => {
  it('answers the next N requests of an endpoint with a 5xx, then recovers', async () => {
    const client = t.client();
    const s = await login(t, client);
    await t.control('fault', { endpoint: 'webwxsync', kind: 'http', status: 502, count: 2 });
    expect((await doSync(client, s)).status).toBe(502);
    expect((await doSync(client, s)).status).toBe(502);
    expect((await doSync(client, s)).status).toBe(200);
  });

  it('resets the connection mid-body', async () => {
    const client = t.client();
    const s = await login(t, client);
    await t.control('fault', { endpoint: 'webwxsync', kind: 'reset' });
    await expect(doSync(client, s)).rejects.toThrow();
    const [entry] = await t.control<Array<{ fault: string }>>('requests', { endpoint: 'webwxsync' });
    expect(entry?.fault).toBe('reset');
  });

  it('sends malformed and hostile bodies, and slow ones that still arrive whole', async () => {
    const client = t.client();
    const s = await login(t, client);
    await t.control('fault', { endpoint: 'webwxsync', kind: 'malformed' });
    const broken = await doSync(client, s);
    expect(() => JSON.parse(broken.text) as unknown).toThrow();
    await t.control('fault', { endpoint: 'synccheck', kind: 'hostile' });
    const hostile = await client.get(checkUrl(s));
    expect(hostile.text).toMatch(/^window\.synccheck=\{retcode:"0",selector:"2"\};document\.body\.innerHTML=/);
    await t.control('fault', { endpoint: 'webwxsync', kind: 'slow', delayMs: 40 });
    const slow = await doSync(client, s);
    expect((JSON.parse(slow.text) as { BaseResponse: { Ret: number } }).BaseResponse.Ret).toBe(0);
  });

  it('answers protocol codes: synccheck 1100/1101/1102, Ret 1205 on a send', async () => {
    const client = t.client();
    const s = await login(t, client);
    for (const code of [1100, 1101, 1102]) {
      await t.control('fault', { endpoint: 'synccheck', kind: 'retcode', retcode: code });
      expect((await client.get(checkUrl(s))).text).toBe(`window.synccheck={retcode:"${code}",selector:"0"}`);
    }
    await t.control('fault', { endpoint: 'webwxsendmsg', kind: 'retcode', retcode: 1205 });
    const res = await client.postJson(`https://${s.host}${CGI}/webwxsendmsg?pass_ticket=${s.passTicket}`, { BaseRequest: s.baseRequest, Msg: { Type: 1, Content: 'x', FromUserName: s.self, ToUserName: 'filehelper', LocalID: '1', ClientMsgId: '1' } });
    expect(JSON.parse(res.text)).toEqual({ BaseResponse: { Ret: 1205, ErrMsg: '' } });
    await t.control('fault', { endpoint: 'login', kind: 'retcode', retcode: 500 });
    expect((await client.get(`https://login.wx.qq.com${CGI}/login?uuid=x&tip=1`)).text).toBe('window.code=500;');
  });

  it('can leave a request hanging until the client gives up', async () => {
    const client = t.client();
    const s = await login(t, client);
    await t.control('fault', { endpoint: 'synccheck', kind: 'hang' });
    const url = new URL(checkUrl(s));
    const controller = new AbortController();
    const hung = new Promise<void>((resolve, reject) => {
      const req = https.request({ host: '127.0.0.1', port: t.sim.httpsPort, path: url.pathname + url.search, headers: { host: url.hostname }, rejectUnauthorized: false, signal: controller.signal }, () => reject(new Error('answered')));
      req.on('error', () => resolve());
      req.end();
    });
    await waitFor(async () => (await t.control<Array<{ fault?: string }>>('requests', { endpoint: 'synccheck' })).some((r) => r.fault === 'hang'), 'hung request');
    controller.abort();
    await hung;
  });
});
