// The WeChat peer: wechat4u 0.7.14 (npm), replying from its `message` event, against its own
// WeChat simulator. Its hosts are pointed at the simulator by an HTTPS agent that connects every
// request to the simulator's TLS port while keeping the real host name for SNI and Host (as in
// e2e/sim/wechat/wechat4u.test.ts); the agent keeps connections alive, as a browser does.
// wechat4u reads the login XML only from a 301 and never sends fun=new&version=v2, so the
// simulator is configured the way that client's era worked (docs/simulator-wechat.md).
import type { EventEmitter } from 'node:events';
import https from 'node:https';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { waitFor } from './browser.ts';
import { recordText, wechatPhases, type LatencyClient } from './latency.ts';
import { wechatFriendIds } from './reply-latency.ts';
import { startProbedSim } from './sim-probe.ts';

interface W4uMessage {
  MsgType: number;
  Content: string;
  FromUserName: string;
}

interface Wechat4u extends EventEmitter {
  request: (options: Record<string, unknown>) => Promise<unknown>;
  start(): Promise<void>;
  stop(): void;
  sendMsg(text: string, to: string): Promise<unknown>;
  user: { UserName?: string };
}

class SimAgent extends https.Agent {
  constructor(private readonly port: number) {
    super({ rejectUnauthorized: false, keepAlive: true });
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex {
    const servername = String(options.servername ?? options.host ?? '');
    const socket = tls.connect({ host: '127.0.0.1', port: this.port, servername, rejectUnauthorized: false });
    if (callback) socket.once('secureConnect', () => callback(null, socket));
    return socket;
  }
}

export const WECHAT4U_VERSION = (createRequire(import.meta.url)('wechat4u/package.json') as { version: string }).version;

export async function startWechat4uClient(messages: number): Promise<{ client: LatencyClient; close(): Promise<void> }> {
  const { sim, probe, close } = await startProbedSim();
  const Wechat = createRequire(import.meta.url)('wechat4u') as new () => Wechat4u;
  const bot = new Wechat();
  const agent = new SimAgent(sim.httpsPort);
  const stop = async () => {
    bot.stop();
    agent.destroy();
    await close();
  };
  try {
    await probe.control('wechat', 'configure', { exchangeVariant: '301', exchangeRequiresV2: false, rateLimits: { send: null } });
    await probe.control('wechat', 'setAddressBook', { contacts: messages + 50 });
    const friends = await wechatFriendIds(probe);
    const original = bot.request.bind(bot);
    bot.request = (options) => original({ ...options, httpsAgent: agent, proxy: false });
    const errors: unknown[] = [];
    bot.on('error', (error: unknown) => errors.push(error));
    bot.on('uuid', (uuid: string) => void probe.control('wechat', 'confirm', { uuid }));
    // The reply, straight from the message event: what a wechat4u auto-responder does.
    bot.on('message', (msg: W4uMessage) => {
      if (msg.MsgType === 1 && msg.Content.startsWith('bench-')) void bot.sendMsg(`auto: ${msg.Content}`, msg.FromUserName).catch((e: unknown) => errors.push(e));
    });
    const loggedIn = new Promise<void>((resolve) => bot.once('login', () => resolve()));
    void bot.start();
    await loggedIn;
    // wechat4u sends its heartbeat to filehelper right after login; let that and the first sync pass.
    await waitFor('wechat4u heartbeat', async () => (await probe.control<{ messages: Array<{ to: string }> }>('wechat', 'sent')).messages.some((m) => m.to === 'filehelper'), 30_000);
    return {
      client: {
        label: 'wechat4u',
        probe,
        settle: () => probe.settle('wechat', 1, 25),
        gapMs: 0,
        inject: (i, token) => probe.controlSync('wechat', 'inject', { type: 'text', from: friends[i], text: token }),
        isReply: (r, token) => r.service === 'wechat' && r.kind === 'message' && recordText(r).includes(token),
        between: async () => {
          if (errors.length) throw new Error(`wechat4u: ${String(errors[0])}`);
          return false;
        },
        phases: wechatPhases(probe),
      },
      close: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
