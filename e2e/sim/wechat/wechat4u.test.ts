// An independent client written for the real service (wechat4u 0.7.14, the digest's "W4U") logs in
// and receives a message against the simulator. Its hosts are redirected with an HTTPS agent that
// connects every request to the simulator while keeping the real host names in Host/SNI.
import type { EventEmitter } from 'node:events';
import https from 'node:https';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestSim, startWechatSim, waitFor } from './test-client.ts';

interface Wechat4u extends EventEmitter {
  request: (options: Record<string, unknown>) => Promise<unknown>;
  start(): Promise<void>;
  stop(): void;
  state: string;
  user: { UserName?: string };
  contacts: Record<string, { NickName?: string }>;
}

class SimAgent extends https.Agent {
  constructor(private readonly port: number) {
    super({ rejectUnauthorized: false });
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex {
    const servername = String(options.servername ?? options.host ?? '');
    const socket = tls.connect({ host: '127.0.0.1', port: this.port, servername, rejectUnauthorized: false });
    if (callback) socket.once('secureConnect', () => callback(null, socket));
    return socket;
  }
}

let t: TestSim;
beforeAll(async () => {
  t = await startWechatSim();
});
afterAll(async () => {
  await t.close();
});

describe('wechat4u against the simulator', () => {
  it('logs in by QR, syncs, receives an injected message and its heartbeat send lands', async () => {
    // wechat4u reads the exchange XML only from a 301 (its UOS patch) and sends the redirect_uri as
    // given, without fun=new&version=v2: configure the simulator the way that client's era worked.
    await t.control('configure', { exchangeVariant: '301', exchangeRequiresV2: false });
    const Wechat = createRequire(import.meta.url)('wechat4u') as new () => Wechat4u;
    const bot = new Wechat();
    const agent = new SimAgent(t.sim.httpsPort);
    const original = bot.request;
    bot.request = (options) => original({ ...options, httpsAgent: agent, proxy: false });

    const messages: Array<{ MsgType: number; Content: string; FromUserName: string }> = [];
    const errors: unknown[] = [];
    bot.on('uuid', (uuid: string) => void t.control('confirm', { uuid }));
    bot.on('message', (msg: { MsgType: number; Content: string; FromUserName: string }) => messages.push(msg));
    bot.on('error', (error: unknown) => errors.push(error));
    const loggedIn = new Promise<void>((resolve) => bot.once('login', () => resolve()));
    void bot.start();
    await loggedIn;
    expect(bot.user.UserName).toMatch(/^@[0-9a-f]{32}$/);

    // The first sync after login brings the status notify (51) and the history.
    await waitFor(async () => messages.some((m) => m.MsgType === 51), 'status notify via wechat4u');
    await t.control('inject', { type: 'text', from: '丰哥', text: 'hello from the simulator' });
    const got = await waitFor(async () => messages.find((m) => m.Content === 'hello from the simulator'), 'injected message via wechat4u');
    expect(got.MsgType).toBe(1);
    expect(bot.contacts[got.FromUserName]?.NickName).toBe('张三丰');

    // wechat4u's keep-alive sends a text to filehelper right after login.
    const sent = await waitFor(async () => (await t.control<{ messages: Array<{ to: string; ret: number; content: string }> }>('sent')).messages.find((m) => m.to === 'filehelper'), 'wechat4u heartbeat');
    expect(sent.ret).toBe(0);
    expect(sent.content).toMatch(/^心跳：/);

    const requests = await t.control<Array<{ host: string; endpoint: string; headers: Record<string, string> }>>('requests', { limit: 1000 });
    expect(requests.find((r) => r.endpoint === 'webwxnewloginpage')?.headers['extspam']).toMatch(/^Go8FCIkFEokFCggwMDAwMDAwMRAG/);
    expect(requests.some((r) => r.endpoint === 'synccheck' && r.host === 'webpush.wx.qq.com')).toBe(true);
    expect(errors).toEqual([]);
    bot.stop();
    await waitFor(async () => (await t.control<{ sessions: Array<{ ended: unknown }> }>('state')).sessions[0]?.ended, 'wechat4u logout');
  });
});
