// The Weibo peer: faye's own Node client (npm faye 1.4.3) against its own Weibo simulator. It logs
// in with the SUB cookie the simulated weibo.com issues, subscribes to the user's channel and
// answers each DM by publishing the same `/im/req` `msg` command the extension sends. The real IM
// host name is kept (Host header) and the connection goes to the simulator through faye's own
// `proxy` option: for a plain-http endpoint faye then sends the absolute URL to that address.
import { createRequire } from 'node:module';
import { recordText, type LatencyClient } from './latency.ts';
import { startProbedSim } from './sim-probe.ts';

interface FayeSubscription {
  then(resolve: () => void, reject: (e: unknown) => void): void;
}

interface FayeClient {
  disable(feature: string): void;
  setHeader(name: string, value: string): void;
  subscribe(channel: string, callback: (data: unknown) => void): FayeSubscription;
  publish(channel: string, data: Record<string, unknown>): FayeSubscription;
  disconnect(): void;
}

interface FayeModule {
  Client: new (endpoint: string, options: Record<string, unknown>) => FayeClient;
}

const require = createRequire(import.meta.url);
export const FAYE_VERSION = (require('faye/package.json') as { version: string }).version;

const UID = '2000000001';
const PEER_BASE = 3_000_000_000;

export async function startFayeClient(): Promise<{ client: LatencyClient; close(): Promise<void> }> {
  const { sim, probe, close } = await startProbedSim();
  const faye = require('faye') as FayeModule;
  let bayeux: FayeClient | undefined;
  const stop = async () => {
    bayeux?.disconnect();
    await close();
  };
  try {
    const login = await probe.control<{ cookie: { value: string } }>('weibo', 'login', { uid: UID, nick: 'faye' });
    const state = await probe.control<{ users: Array<{ uid: string; channel: string; server: string }> }>('weibo', 'state');
    const user = state.users.find((u) => u.uid === UID);
    if (!user) throw new Error('the simulated Weibo user was not created');
    const client = new faye.Client(`http://${user.server}/im`, { proxy: { origin: `http://127.0.0.1:${sim.httpPort}` } });
    bayeux = client;
    client.disable('websocket');
    client.disable('autodisconnect');
    // The handshake needs the login cookie; later requests carry faye's own cookie jar.
    client.setHeader('Cookie', `SUB=${login.cookie.value}`);
    let seq = 0;
    await new Promise<void>((resolve, reject) =>
      client
        .subscribe(user.channel, (data) => {
          const push = data as { type?: string; items?: unknown[][] };
          if (push.type !== 'msg' || !Array.isArray(push.items)) return;
          for (const [from, text] of push.items) {
            if (typeof text !== 'string' || !text.startsWith('bench-')) continue;
            seq += 1;
            client.publish('/im/req', { cmd: 'msg', uid: String(from), msg: `auto: ${text}`, seq: String(seq) });
          }
        })
        .then(resolve, reject),
    );
    probe.logRequests = false;
    return {
      client: {
        label: 'faye',
        probe,
        settle: () => probe.settle('weibo', 1, 25),
        gapMs: 0,
        inject: (i, token) => probe.controlSync('weibo', 'inject', { from: String(PEER_BASE + i), text: token, to: UID }),
        isReply: (r, token) => r.service === 'weibo' && r.kind === 'dm-sent' && recordText(r).includes(token),
      },
      close: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
