// Weibo private messages: discovery through webim.jsp, then our own small Bayeux client over
// JSONP callback-polling (weibo-bayeux.md D.2). Everything browser-specific comes in through
// ConnectorDeps; the account's localId is the Weibo uid (`weibo:<uid>`).
import type { SendContent, SendResult } from '../../../shared/domain.ts';
import type { AccountCommand, CommandResult, Connector, ConnectorDeps, ConnectorFactory } from '../connector.ts';
import { disconnectMessage } from './bayeux-requests.ts';
import { markRead, RequestLane, sendDm } from './outbound.ts';
import { runPollLoop } from './poll-loop.ts';
import { WeiboRuntime } from './runtime.ts';
import { exchange } from './transport.ts';

const UID = /^[0-9]{5,20}$/;

export function weiboUidOf(accountId: string): string | undefined {
  const uid = accountId.startsWith('weibo:') ? accountId.slice('weibo:'.length) : '';
  return UID.test(uid) ? uid : undefined;
}

class WeiboConnector implements Connector {
  private readonly runtime: WeiboRuntime | undefined;
  private readonly lane = new RequestLane();
  /** One loop per account (invariant 6): a newer start() or signOut() retires the older loop. */
  private epoch = 0;

  constructor(private readonly deps: ConnectorDeps) {
    const uid = weiboUidOf(deps.account.id);
    this.runtime = uid ? new WeiboRuntime(deps, uid) : undefined;
  }

  async start(signal: AbortSignal): Promise<void> {
    const rt = this.runtime;
    if (!rt) {
      this.deps.events.status({ status: 'stopped', reason: `Not a Weibo account id: ${this.deps.account.id}`, code: 'weibo:account' });
      return;
    }
    const epoch = ++this.epoch;
    await runPollLoop(rt, signal, () => epoch === this.epoch);
  }

  send(peerId: string, content: SendContent): Promise<SendResult> {
    const rt = this.runtime;
    if (!rt) return Promise.resolve({ ok: false, error: 'Not a Weibo account', retryable: false });
    if (content.kind !== 'text') return Promise.resolve({ ok: false, error: 'Weibo IM can only send text here', retryable: false });
    if (content.text.trim() === '') return Promise.resolve({ ok: false, error: 'Empty message', retryable: false });
    if (!UID.test(peerId)) return Promise.resolve({ ok: false, error: `Not a Weibo uid: ${peerId}`, retryable: false });
    return this.lane.run(() => sendDm(rt, peerId, content.text));
  }

  command(command: AccountCommand): Promise<CommandResult> {
    const rt = this.runtime;
    if (rt && command.kind === 'markRead') return this.lane.run(() => markRead(rt, command.peerId));
    return Promise.resolve({ ok: false, error: `${command.kind} is not supported for Weibo` });
  }

  async signOut(): Promise<void> {
    this.epoch += 1;
    const rt = this.runtime;
    if (!rt) return;
    const { endpoint, clientId } = rt.state;
    if (endpoint && clientId) {
      // Best effort: servers must not rely on a disconnect (A.1), so its outcome does not matter.
      await exchange(this.deps.http, {
        endpointUrl: endpoint.url,
        callback: rt.nextCallback(),
        messages: [disconnectMessage(clientId, rt.nextId())],
        deadlineMs: 5000,
      });
    }
    await rt.forget();
    this.deps.events.status({ status: 'signedOut' });
  }
}

export const createWeiboConnector: ConnectorFactory = (deps) => new WeiboConnector(deps);
