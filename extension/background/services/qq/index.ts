// The QQ connector: the old QQ HTTP interface at http://tqq.tencent.com:8000/ (key=value POSTs).
// Wires the request layer, the persisted session, the poll loop, sending and commands.
import type { Connector, ConnectorDeps, ConnectorFactory, StatusReport } from '../connector.ts';
import { ActivityClock, type ActivityRecord } from './activity.ts';
import { QqClient } from './client.ts';
import { runCommand } from './commands.ts';
import { runLoop } from './loop.ts';
import { uinOfAccount } from './protocol.ts';
import { DEFAULT_OPTIONS, type QqOptions, type QqRuntime } from './runtime.ts';
import { sendContent } from './send.ts';
import { SessionStore, type QqSessionState } from './session-store.ts';

export { qqPasswordDigest } from './password.ts';
export { DEFAULT_OPTIONS as QQ_DEFAULT_OPTIONS } from './runtime.ts';

export const createQqConnector: ConnectorFactory = (deps) => createQqConnectorWith(deps);

/** The connector with adjusted limits (tests use a short deadline or a small message limit). */
export function createQqConnectorWith(deps: ConnectorDeps, overrides: Partial<QqOptions> = {}): Connector {
  const uin = uinOfAccount(deps.account.id);
  if (uin === undefined) return invalidAccount(deps);
  const options = { ...DEFAULT_OPTIONS, ...overrides };
  const store = new SessionStore(deps.slot<QqSessionState>('session'), uin, deps.random);
  let loopAbort: AbortController | undefined;
  const report = (status: StatusReport) => deps.events.status(status);
  const rt: QqRuntime = {
    deps,
    uin,
    store,
    options,
    client: new QqClient(deps, store, uin, report, { deadlineMs: options.deadlineMs }),
    known: new Set(),
    presence: new Map(),
    activity: new ActivityClock(deps.slot<ActivityRecord>('activity')),
    endSession(status) {
      void store.forgetLogin().catch(() => undefined);
      report(status);
      loopAbort?.abort(new Error(status.reason ?? status.status));
    },
  };

  return {
    async start(signal) {
      // One loop per connector (invariant 6): a new start ends the previous loop first.
      loopAbort?.abort(new Error('restarted'));
      const own = new AbortController();
      loopAbort = own;
      const stored = await store.load();
      for (const friend of stored.friends) rt.known.add(friend);
      await runLoop(rt, AbortSignal.any([signal, own.signal]));
    },
    send: (peerId, content) => sendContent(rt, peerId, content),
    command: (command) => runCommand(rt, command),
    setWatched: (watched) => rt.activity.setWatched(watched),
    async signOut() {
      loopAbort?.abort(new Error('signed out'));
      const answer = await rt.client.logout();
      if (answer.kind !== 'ok') rt.client.diagnose('info', `Logout: ${answer.kind === 'refused' || answer.kind === 'failed' ? answer.reason : answer.kind}`);
      await store.forgetLogin();
      report({ status: 'signedOut', reason: 'Signed out of QQ', code: 'qq:logout' });
    },
  };
}

function invalidAccount(deps: ConnectorDeps): Connector {
  const reason = `not a QQ account id: ${deps.account.id}`;
  return {
    async start() {
      deps.events.status({ status: 'signedOut', reason, code: 'qq:account' });
    },
    send: async () => ({ ok: false, error: reason, retryable: false }),
    command: async () => ({ ok: false, error: reason }),
    async signOut() {
      deps.events.status({ status: 'signedOut', reason, code: 'qq:account' });
    },
  };
}
