import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JSLOGIN, type TestSim, UOS_HEADERS, startWechatSim, tag, waitFor } from './test-client.ts';

interface State {
  pendingQr: Array<{ uuid: string; status: string; heldPolls: number }>;
  sessions: Array<{ uin: number; family: string; ended: unknown }>;
}

let t: TestSim;
beforeEach(async () => {
  t = await startWechatSim();
});
afterEach(async () => {
  await t.close();
});

const uuidOf = (text: string) => /window\.QRLogin\.uuid = "([^"]+)";/.exec(text)?.[1] ?? '';
const pollUrl = (uuid: string) => `https://login.wx.qq.com/cgi-bin/mmwebwx-bin/login?loginicon=true&uuid=${uuid}&tip=1&r=-1&_=1`;

async function heldPoll(uuid: string): Promise<void> {
  await waitFor(async () => (await t.control<State>('state')).pendingQr.find((q) => q.uuid === uuid && q.heldPolls > 0), 'a held login poll');
}

describe('QR login', () => {
  it('runs jslogin -> QR -> 201 -> 200 -> exchange on the family the phone picks', async () => {
    const client = t.client();
    const js = await client.get(JSLOGIN);
    expect(js.text).toMatch(/^window\.QRLogin\.code = 200; window\.QRLogin\.uuid = "[A-Za-z0-9]{10}==";$/);
    const uuid = uuidOf(js.text);

    const qr = await client.get(`https://login.weixin.qq.com/qrcode/${uuid}?t=webwx&_=1`);
    expect(qr.headers['content-type']).toBe('image/png');
    const png = PNG.sync.read(qr.buffer);
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(`https://login.weixin.qq.com/l/${uuid}`);

    // The poll is held until the phone scans; then 201 with the scanner's avatar.
    const first = client.get(pollUrl(uuid));
    await heldPoll(uuid);
    await t.control('scan', { uuid });
    const scanned = await first;
    expect(scanned.text).toMatch(/^window\.code=201;window\.userAvatar = 'data:img\/jpg;base64,\/9j\/[A-Za-z0-9+/=]+';$/);

    const second = client.get(pollUrl(uuid));
    await heldPoll(uuid);
    await t.control('confirm', { uuid, family: 'wx2' });
    const confirmed = await second;
    const redirect = /window\.redirect_uri="([^"]+)";/.exec(confirmed.text)?.[1] ?? '';
    const url = new URL(redirect);
    expect(url.hostname).toBe('wx2.qq.com');
    expect(url.pathname).toBe('/cgi-bin/mmwebwx-bin/webwxnewloginpage');
    expect(url.searchParams.get('uuid')).toBe(uuid);
    expect(url.searchParams.get('ticket')).toMatch(/@qrticket_0$/);

    // Without the UOS headers, or without fun=new&version=v2: ret 1203.
    expect(tag((await client.get(`${redirect}&fun=new&version=v2`)).text, 'ret')).toBe('1203');
    expect(tag((await client.get(redirect, UOS_HEADERS)).text, 'ret')).toBe('1203');
    expect(client.cookie('wxuin')).toBeUndefined();

    const exchange = await client.get(`${redirect}&fun=new&version=v2`, UOS_HEADERS);
    expect(exchange.status).toBe(200);
    expect(exchange.headers['location']).toBeUndefined();
    expect(tag(exchange.text, 'ret')).toBe('0');
    expect(tag(exchange.text, 'skey')).toMatch(/^@crypt_[0-9a-f]{8}_[0-9a-f]{32}$/);
    expect(tag(exchange.text, 'isgrayscale')).toBe('1');
    const passTicket = tag(exchange.text, 'pass_ticket');
    expect(decodeURIComponent(passTicket)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const setCookie = (exchange.headers['set-cookie'] ?? []) as string[];
    for (const name of ['wxuin', 'wxsid', 'webwx_data_ticket', 'webwx_auth_ticket', 'webwxuvid', 'wxloadtime', 'mm_lang']) {
      expect(setCookie.find((c) => c.startsWith(`${name}=`))).toMatch(/; Domain=wx2\.qq\.com; Path=\//);
    }
    expect(client.cookie('wxuin')).toBe(tag(exchange.text, 'wxuin'));
    // The ticket is spent.
    expect(tag((await client.get(`${redirect}&fun=new&version=v2`, UOS_HEADERS)).text, 'ret')).toBe('-14');
    expect((await t.control<State>('state')).sessions).toEqual([expect.objectContaining({ family: 'wx2', ended: null })]);
  });

  it('answers 408 when the hold ends with nothing to report, 400 once the QR expires', async () => {
    await t.control('configure', { loginHoldMs: 30 });
    const client = t.client();
    const uuid = uuidOf((await client.get(JSLOGIN)).text);
    expect((await client.get(pollUrl(uuid))).text).toBe('window.code=408;');
    await t.control('expire', { uuid });
    expect((await client.get(pollUrl(uuid))).text).toBe('window.code=400;');
    expect((await client.get(pollUrl('nonsense=='))).text).toBe('window.code=400;');
  });

  it('releases a held poll with 400 when the QR is expired from the control API', async () => {
    const client = t.client();
    const uuid = uuidOf((await client.get(JSLOGIN)).text);
    const poll = client.get(pollUrl(uuid));
    await heldPoll(uuid);
    await t.control('expire', {});
    expect((await poll).text).toBe('window.code=400;');
  });

  it('refuses another appid and, without mod=desktop, the exchange (1203)', async () => {
    const client = t.client();
    const wrong = await client.get(JSLOGIN.replace('wx782c26e4c19acffb', 'wxeb7ec651dd0aefa9'));
    expect(wrong.text).toBe('window.QRLogin.code = 400;');
    const plain = await client.get(JSLOGIN.replace(encodeURIComponent('?mod=desktop'), ''));
    const uuid = uuidOf(plain.text);
    await t.control('confirm', { uuid });
    const poll = await client.get(pollUrl(uuid));
    const redirect = /redirect_uri="([^"]+)"/.exec(poll.text)?.[1] ?? '';
    expect(new URL(redirect).hostname).toBe('wx.qq.com');
    const exchange = await client.get(`${redirect}&fun=new&version=v2`, UOS_HEADERS);
    expect(tag(exchange.text, 'ret')).toBe('1203');
    expect(tag(exchange.text, 'message')).toContain('web微信');
  });

  it('serves the exchange as a 301 with the XML in the body when that variant is selected', async () => {
    await t.control('setExchangeVariant', { variant: '301' });
    const client = t.client();
    const uuid = uuidOf((await client.get(JSLOGIN)).text);
    await t.control('confirm', { uuid, family: 'web' });
    const poll = await client.get(pollUrl(uuid));
    const redirect = /redirect_uri="([^"]+)"/.exec(poll.text)?.[1] ?? '';
    expect(new URL(redirect).hostname).toBe('web.wechat.com');
    const exchange = await client.get(`${redirect}&fun=new&version=v2`, UOS_HEADERS);
    expect(exchange.status).toBe(301);
    expect(exchange.headers['location']).toBeUndefined();
    expect(tag(exchange.text, 'ret')).toBe('0');
    expect(exchange.headers['set-cookie']?.[0]).toContain('Domain=web.wechat.com');
  });

  it('offers a scan-free re-login through webwxpushloginurl with the old cookies', async () => {
    const client = t.client();
    const uuid = uuidOf((await client.get(JSLOGIN)).text);
    await t.control('confirm', { uuid });
    const redirect = /redirect_uri="([^"]+)"/.exec((await client.get(pollUrl(uuid))).text)?.[1] ?? '';
    await client.get(`${redirect}&fun=new&version=v2`, UOS_HEADERS);
    await t.control('endSession', {});
    const push = JSON.parse((await client.get(`https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxpushloginurl?uin=${client.cookie('wxuin')}`)).text) as { ret: string; uuid: string };
    expect(push.ret).toBe('0');
    const poll = client.get(pollUrl(push.uuid));
    await heldPoll(push.uuid);
    await t.control('confirm', { uuid: push.uuid });
    expect((await poll).text).toMatch(/^window\.code=200;/);
    const stranger = JSON.parse((await t.client().get('https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxpushloginurl?uin=1')).text) as { ret: string };
    expect(stranger.ret).toBe('1');
  });
});
