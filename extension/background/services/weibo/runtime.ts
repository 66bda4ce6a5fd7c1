// State shared by the poll loop and the request lane of one Weibo account: the machine state,
// ids and callback names, the inbound handler, status reporting without repeats, persistence.
import type { ConnectorDeps } from '../connector.ts';
import type { BayeuxState, StatusChange } from './bayeux-machine.ts';
import { initialState } from './bayeux-machine.ts';
import { DISCOVERY_HOST } from './discovery.ts';
import { Inbound } from './inbound.ts';
import type { PersistedSession } from './session.ts';
import { readSession, sameSession, sessionOf } from './session.ts';

const RAW_LIMIT = 4000;

export class WeiboRuntime {
  state: BayeuxState = initialState();
  readonly inbound: Inbound;
  private readonly prefix: string;
  private counter = 0;
  private lastStatus = '';
  private saved: PersistedSession | undefined;

  constructor(
    readonly deps: ConnectorDeps,
    readonly uid: string,
  ) {
    this.inbound = new Inbound(deps, uid);
    // A per-boot prefix keeps our ids unique across worker restarts (a reply to a request of the
    // previous worker must never match a new request).
    this.prefix = Math.floor(deps.random() * 36 ** 4).toString(36);
  }

  nextId(): string {
    this.counter += 1;
    return `${this.prefix}${this.counter}`;
  }

  /** A fresh JSONP callback name per request: a stale or foreign answer cannot parse as ours. */
  nextCallback(): string {
    return `webimCB_${this.nextId()}`;
  }

  get online(): boolean {
    return !!this.state.endpoint && !!this.state.clientId && this.state.subscribed;
  }

  report(change: StatusChange): void {
    const key = JSON.stringify(change);
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.deps.events.status({
      status: change.status,
      ...(change.reason ? { reason: change.reason } : {}),
      ...(change.code ? { code: change.code } : {}),
      ...(change.needs ? { needs: change.needs } : {}),
    });
  }

  diagnose(level: 'info' | 'warn' | 'error', what: string, raw?: string): void {
    this.deps.events.diagnostic({ level, what, ...(raw !== undefined ? { raw: raw.length > RAW_LIMIT ? `${raw.slice(0, RAW_LIMIT)}…` : raw } : {}) });
  }

  async restore(): Promise<boolean> {
    const restored = readSession(await this.deps.slot<unknown>('session').get(), this.uid);
    this.state = initialState(restored);
    this.saved = sessionOf(this.uid, this.state);
    return restored !== undefined;
  }

  /** Write the session when it changed (after discovery, handshake, every new ack batch). */
  async persist(): Promise<void> {
    const session = sessionOf(this.uid, this.state);
    if (sameSession(session, this.saved)) return;
    const slot = this.deps.slot<PersistedSession>('session');
    if (session) await slot.set(session);
    else await slot.clear();
    this.saved = session;
  }

  async forget(): Promise<void> {
    this.state = initialState();
    this.saved = undefined;
    await this.deps.slot<PersistedSession>('session').clear();
  }

  /** The Referer a weibo.com page would send, on the discovery host and our Bayeux host. */
  async setReferer(): Promise<void> {
    const hosts = [DISCOVERY_HOST];
    if (this.state.endpoint) hosts.push(new URL(this.state.endpoint.server).hostname);
    await this.deps.setRequestHeaders([{ hosts, set: { Referer: `https://weibo.com/u/${this.uid}` } }]);
  }
}
