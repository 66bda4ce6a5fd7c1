// The Bayeux client as a PURE state machine (weibo-bayeux.md D.2): given the state and what just
// happened (a reply, a failure, a discovery result) it returns the next state, the next step, how
// long to wait first, and any status to show. No I/O and no clock: the runtime performs the steps.
//
// discover -> handshake -> connect (advice.timeout 0) -> subscribe (+ /im/req roster...) -> connect
// loop (advice.timeout 25 s). Advice: retry = wait interval; handshake = drop clientId, handshake,
// re-subscribe; none = stop. Failures without advice back off with full jitter, and every
// REDISCOVER_AFTER-th consecutive failure runs discovery again.
import type { AccountStatus, NeedsUser } from '../../../shared/domain.ts';
import { backoffDelay } from './backoff.ts';
import type { BayeuxReply, Reconnect } from './bayeux-messages.ts';
import { errorCode, isUnknownClient } from './bayeux-messages.ts';

/** Ask the server to hold a connect at most this long: under the MV3 30 s fetch rule (A.4). */
export const CONNECT_HOLD_MS = 25_000;
export const REDISCOVER_AFTER = 5;
/** While the user is signed out of weibo.com, look again this often. */
export const LOGIN_RECHECK_MS = 60_000;
export const SIGN_IN_URL = 'https://weibo.com/';

export interface Endpoint {
  /** As discovery gave it, ending with `/`. */
  server: string;
  channel: string;
  /** The Bayeux URL: server + `im`. */
  url: string;
}

export interface BayeuxState {
  endpoint: Endpoint | undefined;
  clientId: string | undefined;
  subscribed: boolean;
  /** The next connect is the first after a handshake: it asks for an immediate answer. */
  firstConnect: boolean;
  ackEnabled: boolean;
  /** Last `ext.ack` batch received and persisted: echoed on the next connect. */
  ack: number | undefined;
  /** Newest advice. */
  reconnect: Reconnect;
  interval: number;
  multipleClients: boolean;
  /** Consecutive failures without usable advice. */
  failures: number;
  /** Handshakes since the last successful connect (guards against handshake storms). */
  handshakes: number;
}

export type StepKind = 'discover' | 'handshake' | 'connect' | 'subscribe' | 'stop';

export interface StatusChange {
  status: AccountStatus;
  reason?: string;
  code?: string;
  needs?: NeedsUser;
}

export interface Plan {
  state: BayeuxState;
  step: StepKind;
  delayMs: number;
  status?: StatusChange;
}

export type MetaRequest = 'handshake' | 'connect' | 'subscribe';

export type MachineInput =
  | { kind: 'discovered'; endpoint: Endpoint }
  | { kind: 'loginRequired'; reason: string }
  | { kind: 'replies'; request: MetaRequest; id: string; replies: BayeuxReply[] }
  | { kind: 'failed'; request: MetaRequest | 'discover'; reason: string; code: string };

export function initialState(restored?: Partial<BayeuxState>): BayeuxState {
  return {
    endpoint: undefined,
    clientId: undefined,
    subscribed: false,
    firstConnect: false,
    ackEnabled: false,
    ack: undefined,
    reconnect: 'retry',
    interval: 0,
    multipleClients: false,
    failures: 0,
    handshakes: 0,
    ...restored,
  };
}

/** Where to pick up from persisted state (invariant 2): keep the clientId while it may still live. */
export function resume(state: BayeuxState): Plan {
  if (!state.endpoint) return { state, step: 'discover', delayMs: 0 };
  if (!state.clientId) return { state, step: 'handshake', delayMs: 0 };
  return { state, step: state.subscribed ? 'connect' : 'subscribe', delayMs: 0 };
}

const dropSession = (state: BayeuxState): BayeuxState => ({
  ...state,
  clientId: undefined,
  subscribed: false,
  firstConnect: false,
  ack: undefined,
  ackEnabled: false,
});

const reconnecting = (reason: string, code: string): StatusChange => ({ status: 'reconnecting', reason, code });

function stop(state: BayeuxState, reply: BayeuxReply, request: string): Plan {
  const why = reply.error ? ` (${reply.error})` : '';
  return {
    state: dropSession(state),
    step: 'stop',
    delayMs: 0,
    status: { status: 'stopped', reason: `Weibo told us to stop reconnecting after ${request}${why}`, code: 'bayeux:none' },
  };
}

/** Count a failure: retry the same step after backoff, or go back to discovery every N failures. */
function failure(state: BayeuxState, request: MetaRequest | 'discover', reason: string, code: string, random: number): Plan {
  const failures = state.failures + 1;
  const delayMs = Math.max(state.interval, backoffDelay(failures, random));
  const status = reconnecting(reason, code);
  if (request === 'discover') return { state: { ...state, failures }, step: 'discover', delayMs, status };
  if (failures % REDISCOVER_AFTER === 0) {
    return { state: { ...dropSession(state), endpoint: undefined, failures }, step: 'discover', delayMs, status };
  }
  return { state: { ...state, failures }, step: request, delayMs, status };
}

/** The server lost our session (or says so): handshake again, backing off if it keeps happening. */
function rehandshake(state: BayeuxState, reply: BayeuxReply, random: number): Plan {
  const delayMs = state.handshakes >= 1 ? Math.max(state.interval, backoffDelay(state.handshakes, random)) : state.interval;
  const code = errorCode(reply.error);
  return {
    state: { ...dropSession(state), reconnect: 'retry' },
    step: 'handshake',
    delayMs: Math.max(0, delayMs),
    status: reconnecting(`Weibo no longer knows our session${reply.error ? ` (${reply.error})` : ''}; signing in to the IM server again`, `bayeux:${code ?? 'handshake'}`),
  };
}

/** Newest advice supersedes older (A.1). */
function withAdvice(state: BayeuxState, reply: BayeuxReply): BayeuxState {
  const advice = reply.advice;
  if (!advice) return state;
  return {
    ...state,
    reconnect: advice.reconnect ?? state.reconnect,
    interval: advice.interval !== undefined ? Math.max(0, advice.interval) : state.interval,
    multipleClients: advice.multipleClients === true,
  };
}

const replyTo = (replies: BayeuxReply[], channel: string, id: string) =>
  replies.find((reply) => reply.channel === channel && (reply.id === undefined || reply.id === id));

function onHandshake(state: BayeuxState, reply: BayeuxReply, random: number): Plan {
  if (reply.successful === true && reply.clientId) {
    const ack = reply.ext?.['ack'];
    const next: BayeuxState = {
      ...state,
      clientId: reply.clientId,
      subscribed: false,
      firstConnect: true,
      ackEnabled: ack === true || (typeof ack === 'object' && ack !== null),
      ack: undefined,
      // Advice is reset at every handshake (cometd/cometd#722), then the reply's own applies.
      reconnect: reply.advice?.reconnect ?? 'retry',
      interval: Math.max(0, reply.advice?.interval ?? 0),
      multipleClients: false,
      handshakes: state.handshakes + 1,
    };
    return { state: next, step: 'connect', delayMs: 0 };
  }
  if (reply.advice?.reconnect === 'none') return stop(state, reply, 'handshake');
  return failure(withAdvice(state, reply), 'handshake', `handshake refused${reply.error ? `: ${reply.error}` : ''}`, `bayeux:${errorCode(reply.error) ?? 'handshake'}`, random);
}

function onConnect(state: BayeuxState, reply: BayeuxReply, random: number): Plan {
  const advised = withAdvice(state, reply);
  if (reply.successful === true) {
    const batch = reply.ext?.['ack'];
    const next: BayeuxState = {
      ...advised,
      firstConnect: false,
      failures: 0,
      handshakes: 0,
      ack: advised.ackEnabled && typeof batch === 'number' ? batch : advised.ack,
    };
    if (next.reconnect === 'none') return stop(next, reply, 'connect');
    if (next.reconnect === 'handshake') return rehandshake(next, reply, random);
    if (!next.subscribed) return { state: next, step: 'subscribe', delayMs: 0 };
    return { state: next, step: 'connect', delayMs: next.interval, status: onlineStatus(next) };
  }
  if (reply.advice?.reconnect === 'none') return stop(advised, reply, 'connect');
  if (isUnknownClient(reply) || advised.reconnect === 'handshake') return rehandshake(advised, reply, random);
  return failure(advised, 'connect', `connect refused${reply.error ? `: ${reply.error}` : ''}`, `bayeux:${errorCode(reply.error) ?? 'connect'}`, random);
}

function onSubscribe(state: BayeuxState, reply: BayeuxReply, random: number): Plan {
  const advised = withAdvice(state, reply);
  if (reply.successful === true) {
    const next = { ...advised, subscribed: true, failures: 0 };
    return { state: next, step: 'connect', delayMs: 0, status: onlineStatus(next) };
  }
  if (reply.advice?.reconnect === 'none') return stop(advised, reply, 'subscribe');
  if (isUnknownClient(reply) || reply.advice?.reconnect === 'handshake') return rehandshake(advised, reply, random);
  const code = errorCode(reply.error);
  const reason = `subscription refused${reply.error ? `: ${reply.error}` : ''}`;
  // 403: this channel is not ours (any more); discovery hands out the current one.
  if (code === 403) {
    return {
      state: { ...dropSession(advised), endpoint: undefined, failures: advised.failures + 1 },
      step: 'discover',
      delayMs: backoffDelay(advised.failures + 1, random),
      status: reconnecting(reason, 'bayeux:403'),
    };
  }
  return failure(advised, 'subscribe', reason, `bayeux:${code ?? 'subscribe'}`, random);
}

function onlineStatus(state: BayeuxState): StatusChange {
  return state.multipleClients
    ? { status: 'online', reason: `Weibo is also open elsewhere in this browser: checking every ${Math.round(state.interval / 1000)} s`, code: 'bayeux:multiple-clients' }
    : { status: 'online' };
}

/** One transition. `random` in [0, 1) feeds the jitter, so the function stays pure. */
export function step(state: BayeuxState, input: MachineInput, random: number): Plan {
  switch (input.kind) {
    case 'discovered':
      return { state: { ...dropSession(state), endpoint: input.endpoint }, step: 'handshake', delayMs: 0 };
    case 'loginRequired':
      return {
        state: { ...dropSession(state), endpoint: undefined },
        step: 'discover',
        delayMs: LOGIN_RECHECK_MS,
        status: { status: 'needsUser', reason: input.reason, code: 'weibo:login', needs: { kind: 'signInOnSite', url: SIGN_IN_URL } },
      };
    case 'failed':
      return failure(state, input.request, input.reason, input.code, random);
    case 'replies': {
      const channel = `/meta/${input.request}`;
      const reply = replyTo(input.replies, channel, input.id);
      if (!reply) return failure(state, input.request, `no reply to our ${input.request} in the answer`, 'bayeux:no-reply', random);
      if (input.request === 'handshake') return onHandshake(state, reply, random);
      if (input.request === 'connect') return onConnect(state, reply, random);
      return onSubscribe(state, reply, random);
    }
  }
}

/** The advice a connect asks for: an immediate answer right after a handshake, else <= 25 s. */
export function connectHoldMs(state: BayeuxState): number {
  return state.firstConnect ? 0 : CONNECT_HOLD_MS;
}
