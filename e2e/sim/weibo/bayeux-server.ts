// The Bayeux side of the simulated Weibo IM server: a real faye NodeAdapter (mount /im) plus
// server extensions that make it speak like Weibo's CometD-Java server (weibo-bayeux.md A.1.1,
// B.3): login required at handshake, `402::Unknown client` + handshake advice, handshake replies
// without advice but with ext.ack/timesync, per-user channels, `/im/req` commands, and the
// multiple-clients advice. "Restart" swaps the adapter; sockets are never cut (A.2 pitfall).
import type { IncomingMessage } from 'node:http';
import type { SimContext } from '../module.ts';
import type { FayeAdapter, FayeMessage, FayePipe } from './faye.ts';
import { createFayeAdapter, flushHeldConnect } from './faye.ts';
import { AckStore } from './ack-store.ts';
import type { World } from './world.ts';
import { cookieHeader } from './wire.ts';

export interface ClientInfo {
  clientId: string;
  uid: string;
  subscriptions: Set<string>;
  connects: number;
  lastConnectAt: number | undefined;
  createdAt: number;
}

export type CommandHandler = (client: ClientInfo, message: FayeMessage) => void;

const UNKNOWN_CLIENT = '402::Unknown client';
const HANDSHAKE_ADVICE = { reconnect: 'handshake', interval: 0 };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export class BayeuxBackend {
  adapter: FayeAdapter;
  readonly clients = new Map<string, ClientInfo>();
  readonly acks = new AckStore();
  multipleClients = false;
  restarts = 0;
  private readonly held = new Map<string, number>();
  private readonly handshakes = new WeakMap<IncomingMessage, { uid: string; ack: boolean; tc: unknown }>();

  constructor(
    private readonly world: World,
    private readonly ctx: SimContext,
    readonly timeoutSeconds: number,
    private readonly onCommand: CommandHandler,
  ) {
    this.adapter = this.createAdapter();
  }

  /** Server restart: every session is forgotten; clients learn it from `402::Unknown client`. */
  restart(): void {
    const old = this.adapter;
    this.adapter = this.createAdapter();
    this.clients.clear();
    this.acks.clear();
    this.held.clear();
    this.restarts += 1;
    old.getClient().disconnect();
    old.close(); // flushes held connects with an ordinary (empty) reply
  }

  close(): void {
    this.adapter.getClient().disconnect();
    this.adapter.close();
  }

  /** Publish `data` on a user's channel; `replyTo` makes it a reply to that `/im/req` id. Returns subscriber count. */
  push(uid: string, data: Record<string, unknown>, replyTo?: string): number {
    const user = this.world.users.get(uid);
    if (!user) return 0;
    void this.adapter.getClient().publish(user.channel, replyTo ? { ...data, _reqId: replyTo } : data);
    return this.subscribers(user.channel).length;
  }

  subscribers(channel: string): ClientInfo[] {
    return [...this.clients.values()].filter((client) => client.subscriptions.has(channel));
  }

  /** Called by the HTTP layer before faye sees a connect; a second connect answers the held one. */
  connectArrived(clientId: string): void {
    const before = this.held.get(clientId) ?? 0;
    if (before > 0) flushHeldConnect(this.adapter, clientId);
    this.held.set(clientId, before + 1);
  }

  connectAnswered(clientId: string): void {
    const count = (this.held.get(clientId) ?? 1) - 1;
    if (count > 0) this.held.set(clientId, count);
    else this.held.delete(clientId);
  }

  private createAdapter(): FayeAdapter {
    const adapter = createFayeAdapter(this.timeoutSeconds);
    const live = () => adapter === this.adapter;
    adapter.bind('disconnect', (clientId) => {
      if (!live()) return;
      this.clients.delete(clientId);
      this.acks.forget(clientId);
    });
    adapter.bind('subscribe', (clientId, channel) => {
      if (live()) this.clients.get(clientId)?.subscriptions.add(channel);
    });
    adapter.bind('unsubscribe', (clientId, channel) => {
      if (live()) this.clients.get(clientId)?.subscriptions.delete(channel);
    });
    adapter.addExtension({
      incoming: (message: FayeMessage, request: IncomingMessage | null, callback: FayePipe) => {
        callback(request ? this.incoming(message, request) : message);
      },
      outgoing: (message: FayeMessage, request: IncomingMessage | null, callback: FayePipe) => {
        callback(request ? this.outgoing(message, request) : message);
      },
    });
    return adapter;
  }

  private incoming(message: FayeMessage, request: IncomingMessage): FayeMessage {
    const client = message.clientId ? this.clients.get(message.clientId) : undefined;
    switch (message.channel) {
      case '/meta/handshake': {
        const uid = this.world.uidForToken(cookieHeader(request).get('SUB'));
        if (!uid) return { ...message, error: '403::Handshake denied' };
        // Weibo accepted the 2013 client's `{"0": "callback-polling"}`; faye wants an array.
        const types = message.supportedConnectionTypes;
        if (isRecord(types)) message.supportedConnectionTypes = Object.values(types);
        const ext = isRecord(message.ext) ? message.ext : {};
        const timesync = isRecord(ext['timesync']) ? ext['timesync'] : {};
        this.handshakes.set(request, { uid, ack: ext['ack'] === true, tc: timesync['tc'] });
        return message;
      }
      case '/meta/connect': {
        if (!client || !message.clientId) return message; // faye answers unknown clients itself
        client.connects += 1;
        client.lastConnectAt = Date.now();
        this.acks.acknowledge(message.clientId, isRecord(message.ext) ? message.ext['ack'] : undefined);
        // Unacknowledged events go out at once; a demoted (multiple-clients) session is not held.
        if (this.acks.hasUnacked(message.clientId) || this.multipleClients) {
          message.advice = { ...(message.advice ?? {}), timeout: 0 };
        }
        return message;
      }
      case '/meta/subscribe': {
        if (!client) return message;
        const own = this.world.users.get(client.uid)?.channel;
        const wanted = ([] as unknown[]).concat(message.subscription ?? []);
        const foreign = wanted.find((channel) => channel !== own);
        if (foreign !== undefined) return { ...message, error: `403:${message.clientId},${String(foreign)}:Subscription denied` };
        return message;
      }
      case '/meta/unsubscribe':
      case '/meta/disconnect':
        return message;
      case '/im/req':
        if (!client) return { ...message, error: UNKNOWN_CLIENT };
        this.onCommand(client, message);
        return message;
      default:
        if (message.channel.startsWith('/meta/')) return message;
        // Clients may only talk to the server through /im/req, never publish on user channels.
        return { ...message, error: `403:${message.clientId ?? ''},${message.channel}:Publish denied` };
    }
  }

  private outgoing(message: FayeMessage, request: IncomingMessage): FayeMessage {
    const unknownClient = typeof message.error === 'string' && /^40[12]:[^:]*:Unknown client$/i.test(message.error);
    if (unknownClient) {
      message.error = UNKNOWN_CLIENT;
      message.advice = { ...HANDSHAKE_ADVICE };
      return message;
    }
    switch (message.channel) {
      case '/meta/handshake':
        return this.shapeHandshake(message, request);
      case '/meta/connect':
        if (message.successful) {
          message.advice = { interval: this.multipleClients ? 2000 : 0, reconnect: 'retry', timeout: this.timeoutSeconds * 1000 };
          if (this.multipleClients) message.advice['multiple-clients'] = true;
        }
        return message;
      default:
        if ('data' in message && message.successful === undefined && !message.channel.startsWith('/meta/')) {
          // A push. faye keeps the publisher's id; Weibo's pushes carry the /im/req id they answer, else none.
          const data = isRecord(message.data) ? message.data : undefined;
          const replyTo = data?.['_reqId'];
          if (data) delete data['_reqId'];
          if (typeof replyTo === 'string') message.id = replyTo;
          else delete message.id;
        }
        return message;
    }
  }

  private shapeHandshake(message: FayeMessage, request: IncomingMessage): FayeMessage {
    if (!message.successful || !message.clientId) {
      if (message.error?.startsWith('403:')) message.advice = { reconnect: 'none', interval: -1 };
      return message;
    }
    const info = this.handshakes.get(request);
    if (!info) return message;
    this.clients.set(message.clientId, {
      clientId: message.clientId,
      uid: info.uid,
      subscriptions: new Set(),
      connects: 0,
      lastConnectAt: undefined,
      createdAt: Date.now(),
    });
    this.acks.enable(message.clientId, info.ack);
    this.ctx.record('weibo', 'handshake', { clientId: message.clientId, uid: info.uid, ack: info.ack });
    // Weibo's handshake reply: no advice, minimumVersion 1.0, ext {ack, timesync} (B.3).
    delete message.advice;
    message.minimumVersion = '1.0';
    message.supportedConnectionTypes = ['callback-polling', 'long-polling'];
    const now = Date.now();
    const tc = typeof info.tc === 'number' ? info.tc : now;
    message.ext = { ...(info.ack ? { ack: true } : {}), timesync: { tc, ts: now, p: 0, a: now - tc } };
    return message;
  }
}
