// Self-tests of the Weibo simulator, driven over real HTTP with the real host names in the Host
// header (as Chromium's --host-resolver-rules would send them).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bayeux, startWeiboHarness, unwrapForTest, waitFor } from './test-support.ts';
import type { Msg, WeiboHarness } from './test-support.ts';

const UID = '1824450144';
let h: WeiboHarness;

beforeAll(async () => {
  h = await startWeiboHarness({ timeoutSeconds: 5 });
});
afterAll(async () => {
  await h.close();
});

async function login(uid = UID, nick = '测试用户'): Promise<void> {
  const outcome = await h.http.request({ url: `https://weibo.com/login?uid=${uid}&nick=${encodeURIComponent(nick)}`, deadlineMs: 5000 });
  expect(outcome.ok && outcome.status).toBe(200);
}

async function discover(uid = UID): Promise<{ channel: string; server: string }> {
  const outcome = await h.http.request({ url: `http://nas.im.api.weibo.com/im/webim.jsp?v=1.1&returntype=json&uid=${uid}&callback=webimCb`, deadlineMs: 5000 });
  if (!outcome.ok) throw new Error(outcome.message);
  return unwrapForTest(outcome.text, 'webimCb') as { channel: string; server: string };
}

async function handshake(server: string, ext: Record<string, unknown> = { ack: true }): Promise<Msg> {
  const { replies } = await bayeux(h.http, server, [
    { channel: '/meta/handshake', version: '1.0', minimumVersion: '0.9', supportedConnectionTypes: ['callback-polling'], id: '1', ext },
  ]);
  const reply = replies[0];
  if (!reply) throw new Error('no handshake reply');
  return reply;
}

async function online(): Promise<{ server: string; channel: string; clientId: string }> {
  await login();
  const { server, channel } = await discover();
  const hs = await handshake(server);
  const clientId = String(hs['clientId']);
  await bayeux(h.http, server, [{ channel: '/meta/connect', connectionType: 'callback-polling', clientId, id: '2', advice: { timeout: 0 } }]);
  await bayeux(h.http, server, [{ channel: '/meta/subscribe', subscription: channel, clientId, id: '3' }]);
  return { server, channel, clientId };
}

const connect = (server: string, clientId: string, id: string, ack?: number, timeout = 4000) =>
  bayeux(h.http, server, [
    { channel: '/meta/connect', connectionType: 'callback-polling', clientId, id, advice: { timeout }, ...(ack !== undefined ? { ext: { ack } } : {}) },
  ]);

beforeEach(async () => {
  await fetch(`${h.sim.controlUrl}/reset`, { method: 'POST' });
});

describe('weibo.com pages', () => {
  it('shows the logged-out page, then the viewer uid after /login', async () => {
    const before = await h.http.request({ url: 'https://weibo.com/', deadlineMs: 5000 });
    expect(before.ok && before.text).toContain(`$CONFIG['islogin']='0';`);
    await login(UID, "O'Brien <b>");
    const after = await h.http.request({ url: 'https://weibo.com/', deadlineMs: 5000 });
    const text = after.ok ? after.text : '';
    expect(text).toContain(`$CONFIG['uid']='${UID}';`);
    expect(text).toContain(`$CONFIG['islogin']='1';`);
    expect(text).not.toContain('<b>'); // nick escaped in script and body
    const profile = await h.http.request({ url: 'https://weibo.com/u/2000000002', deadlineMs: 5000 });
    expect(profile.ok && profile.text).toContain(`$CONFIG['oid']='2000000002';`);
    expect(profile.ok && profile.text).toContain(`$CONFIG['uid']='${UID}';`);
    expect(h.http.jar.get('SUB')).toMatch(/^_2A25/);
  });

  it('login control returns a SUB cookie usable by a browser', async () => {
    const result = await h.control<{ cookie: { name: string; value: string; domain: string } }>('login', { uid: UID, nick: '小明' });
    expect(result.cookie).toMatchObject({ name: 'SUB', domain: '.weibo.com' });
  });
});

describe('discovery (webim.jsp)', () => {
  it('refuses without the login cookie', async () => {
    const fresh = (await import('./node-http.ts')).createNodeHttp(h.sim);
    const outcome = await fresh.request({ url: `http://nas.im.api.weibo.com/im/webim.jsp?v=1.1&returntype=json&uid=${UID}&callback=cb1`, deadlineMs: 5000 });
    expect(outcome.ok && outcome.text).toMatch(/^try\{cb1\(\{"error":"auth faild!","error_code":21301/);
  });

  it('answers {channel, server} as JSONP, or JSON without a callback', async () => {
    await login();
    const found = await discover();
    expect(found.channel).toMatch(new RegExp(`^/im/[a-z0-9]{6}_${UID}$`));
    expect(found.server).toMatch(/^http:\/\/\d+\.\d+\.web1\.im\.weibo\.com\/$/);
    const plain = await h.http.request({ url: `http://nas.im.api.weibo.com/im/webim.jsp?v=1.1&returntype=json&uid=${UID}`, deadlineMs: 5000 });
    expect(JSON.parse(plain.ok ? plain.text : '{}')).toEqual(found);
  });
});

describe('Bayeux', () => {
  it('denies a handshake without login, with advice none', async () => {
    await login();
    const { server } = await discover();
    const fresh = (await import('./node-http.ts')).createNodeHttp(h.sim);
    const { replies } = await bayeux(fresh, server, [{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['callback-polling'], id: '1' }]);
    expect(replies[0]).toMatchObject({ successful: false, error: '403::Handshake denied', advice: { reconnect: 'none' } });
  });

  it('handshakes Weibo-style, connects, subscribes and answers roster', async () => {
    await login();
    await h.control('setRoster', { contacts: [{ uid: '2000000002', nick: '张三', online: true }] });
    const { server, channel } = await discover();
    const hs = await handshake(server, { ack: true, timesync: { tc: 1, l: 0, o: 0 } });
    expect(hs).toMatchObject({ successful: true, minimumVersion: '1.0', ext: { ack: true } });
    expect(hs['advice']).toBeUndefined();
    const clientId = String(hs['clientId']);
    const first = await bayeux(h.http, server, [{ channel: '/meta/connect', connectionType: 'callback-polling', clientId, id: '2', advice: { timeout: 0 } }]);
    expect(first.replies[0]).toMatchObject({ successful: true, advice: { reconnect: 'retry', interval: 0 }, ext: { ack: 1 } });
    const sub = await bayeux(h.http, server, [
      { channel: '/meta/subscribe', subscription: channel, clientId, id: '3' },
      { channel: '/im/req', data: { cmd: 'roster', online: '1', limit: '2000', seq: 'min' }, clientId, id: '4' },
    ]);
    expect(sub.replies).toEqual([
      expect.objectContaining({ channel: '/meta/subscribe', successful: true }),
      expect.objectContaining({ channel: '/im/req', successful: true, id: '4' }),
    ]);
    const next = await connect(server, clientId, '5', 1);
    const roster = next.replies.find((m) => m.channel === channel);
    expect(roster).toMatchObject({ id: '4', data: { type: 'roster', ret: 0, items: [['2000000002', '张三', 1]] } });
  });

  it('refuses a subscription to another user\'s channel', async () => {
    const { server, clientId } = await online();
    const { replies } = await bayeux(h.http, server, [{ channel: '/meta/subscribe', subscription: '/im/abcdef_2000000002', clientId, id: '9' }]);
    expect(replies[0]).toMatchObject({ successful: false });
    expect(String(replies[0]?.['error'])).toMatch(/^403:/);
  });

  it('delivers injected DMs in both shapes to a held connect, with ack batches', async () => {
    const { server, channel, clientId } = await online();
    const held = connect(server, clientId, '10', 1);
    await h.control('inject', { from: '2000000002', text: '你好 2021', dmid: '4900000000000001' });
    const first = await held;
    const push = first.replies.find((m) => m.channel === channel && (m['data'] as Record<string, unknown>)['type'] === 'msg');
    expect(push?.['data']).toMatchObject({
      type: 'msg',
      items: [[2000000002, '你好 2021', expect.any(Number), '', '', [], '4900000000000001', 0]],
      info: { fromuid: 2000000002, dmid: '4900000000000001', content: '你好 2021' },
    });
    expect(push?.['id']).toBeUndefined();
    const batch = Number((first.replies[0]?.['ext'] as Record<string, unknown>)['ack']);
    await h.control('inject', { from: '2000000002', text: 'old style', shape: '2013' });
    const second = await connect(server, clientId, '11', batch);
    const old = second.replies.find((m) => m.channel === channel && (m['data'] as Record<string, unknown>)['type'] === 'msg');
    expect(old?.['data']).toEqual({ type: 'msg', items: [['2000000002', 'old style', expect.any(Number)]] });
  });

  it('re-delivers events whose batch was never acknowledged', async () => {
    const { server, channel, clientId } = await online();
    await h.control('inject', { from: '2000000002', text: 'first' });
    const lost = await connect(server, clientId, '20', 1);
    expect(lost.replies.some((m) => m.channel === channel)).toBe(true);
    // The client never saw that reply: it echoes the older batch again and gets the DM once more.
    const again = await connect(server, clientId, '21', 1);
    const texts = again.replies.filter((m) => m.channel === channel).map((m) => JSON.stringify(m['data']));
    expect(texts.some((t) => t.includes('first'))).toBe(true);
  });

  it('survives a client that dies with a connect held, and re-delivers to its next connect', async () => {
    const { server, channel, clientId } = await online();
    const controller = new AbortController();
    const message = [{ channel: '/meta/connect', connectionType: 'callback-polling', clientId, id: '25', advice: { timeout: 20_000 }, ext: { ack: 1 } }];
    const dying = h.http.request({ url: `${server}im?jsonp=cb&message=${encodeURIComponent(JSON.stringify(message))}`, deadlineMs: 30_000, signal: controller.signal });
    await waitFor(async () => {
      const state = await h.control<{ clients: { connects: number }[] }>('state');
      return (state.clients[0]?.connects ?? 0) >= 2 || undefined;
    }, 'the connect to be held');
    controller.abort();
    expect((await dying).ok).toBe(false);
    await h.control('inject', { from: '2000000002', text: 'while you were away' });
    const back = await connect(server, clientId, '26', 1, 20_000);
    const texts = back.replies.filter((m) => m.channel === channel).map((m) => JSON.stringify(m['data']));
    expect(texts.some((t) => t.includes('while you were away'))).toBe(true);
  });

  it('records a sent DM and answers it with ret 0 and a dmid', async () => {
    const { server, channel, clientId } = await online();
    const send = await bayeux(h.http, server, [{ channel: '/im/req', data: { cmd: 'msg', uid: '2000000002', msg: '在吗？', seq: 's1' }, clientId, id: '30' }]);
    expect(send.replies[0]).toMatchObject({ channel: '/im/req', successful: true, id: '30' });
    const next = await connect(server, clientId, '31', 1);
    const ack = next.replies.find((m) => m.channel === channel && m['id'] === '30');
    expect(ack?.['data']).toMatchObject({ ret: 0, seq: 's1', dmid: expect.stringMatching(/^\d{16}$/) });
    const { sent } = await h.control<{ sent: { to: string; text: string }[] }>('sent');
    expect(sent).toEqual([expect.objectContaining({ to: '2000000002', text: '在吗？' })]);
  });

  it('after a restart answers 402::Unknown client with handshake advice', async () => {
    const { server, clientId } = await online();
    await h.control('restart');
    const { replies } = await connect(server, clientId, '40', 1);
    expect(replies[0]).toMatchObject({ successful: false, error: '402::Unknown client', advice: { reconnect: 'handshake', interval: 0 } });
    const publish = await bayeux(h.http, server, [{ channel: '/im/req', data: { cmd: 'roster' }, clientId, id: '41' }]);
    expect(publish.replies[0]).toMatchObject({ successful: false, error: '402::Unknown client' });
  });

  it('restart flushes a held connect instead of cutting its socket', async () => {
    const { server, clientId } = await online();
    const held = connect(server, clientId, '45', 1, 20_000);
    await waitFor(async () => {
      const state = await h.control<{ clients: { connects: number }[] }>('state');
      return (state.clients[0]?.connects ?? 0) >= 2 || undefined;
    }, 'the connect to be held');
    await h.control('restart');
    const { status, replies } = await held;
    expect(status).toBe(200);
    expect(replies[0]).toMatchObject({ channel: '/meta/connect', successful: true });
  });

  it('sends the multiple-clients advice and does not hold the connect', async () => {
    const { server, clientId } = await online();
    await h.control('multipleClients', { on: true });
    const { replies } = await connect(server, clientId, '50', 1, 20_000);
    expect(replies[0]).toMatchObject({ successful: true, advice: { 'multiple-clients': true, interval: 2000, reconnect: 'retry' } });
  });

  it('wraps replies in the chosen style', async () => {
    const { server, clientId } = await online();
    const bodies: string[] = [];
    for (const style of ['faye', 'weibo', 'bare']) {
      await h.control('wrapper', { style });
      bodies.push((await connect(server, clientId, `6${bodies.length}`, undefined, 0)).body);
    }
    expect(bodies[0]).toMatch(/^\/\*\*\/cb\(\[.*\]\);$/s);
    expect(bodies[1]).toMatch(/^try\{cb\(\[.*\]\)\}catch\(e\)\{\}$/s);
    expect(bodies[2]).toMatch(/^cb\(\[.*\]\)$/s);
  });

  it('injects hostile and broken bodies, 5xx and 414', async () => {
    const { server, clientId } = await online();
    const bodyOf = async (kind: string) => {
      await h.control('fault', { kind, target: 'connect' });
      const url = `${server}im?jsonp=cb&message=${encodeURIComponent(JSON.stringify([{ channel: '/meta/connect', clientId, connectionType: 'callback-polling', id: '7', advice: { timeout: 0 } }]))}`;
      const outcome = await h.http.request({ url, deadlineMs: 5000 });
      return outcome.ok ? `${outcome.status} ${outcome.text}` : outcome.failure;
    };
    expect(await bodyOf('hostile')).toBe('200 cb(alert(1))');
    expect(await bodyOf('prefix')).toMatch(/^200 x\(\);cb\(\[/);
    expect(await bodyOf('wrongCallback')).toMatch(/^200 \/\*\*\/jsonpcallback\(/);
    expect(await bodyOf('trailing')).toMatch(/\);alert\(document\.cookie\)$/);
    expect(await bodyOf('http502')).toMatch(/^502 /);
    expect(await bodyOf('reset')).toBe('network');
    const long = await bayeux(h.http, server, [{ channel: '/im/req', data: { cmd: 'msg', uid: '2000000002', msg: '长'.repeat(1000) }, clientId, id: '8' }]);
    expect(long.status).toBe(414);
  });
});
