// Bringing a session up: a new one from QR login keys, and webwxinit + statusnotify for new,
// resumed and restarted sessions alike (digest §2.6, §2.7, §4.4).
import type { ConnectorDeps } from '../connector.ts';
import { diagnose } from './api-request.ts';
import { makeDeviceId } from './ids.ts';
import type { LoginOutcome } from './login.ts';
import type { SessionState, WechatSession } from './session.ts';
import { webwxinit, webwxstatusnotify } from './session-api.ts';
import type { RawContact } from './wire.ts';

export type InitOutcome =
  | { kind: 'ok'; contacts: RawContact[] }
  | { kind: 'refused'; ret: number; reason: string }
  | { kind: 'retry'; reason: string }
  | { kind: 'aborted' };

export function newSession(login: Extract<LoginOutcome, { kind: 'ok' }>, random: () => number): WechatSession {
  return {
    v: 1,
    host: login.family.main,
    uin: login.uin,
    sid: login.sid,
    skey: login.skey,
    passTicket: login.passTicket,
    deviceId: makeDeviceId(random),
    syncKey: null,
    syncCheckKey: null,
    self: null,
    pushHost: null,
    loginAt: 0,
    seen: [],
    sent: [],
  };
}

/**
 * webwxinit then statusnotify code 3. A fresh login takes the server's SyncKey and login time; a
 * resumed session keeps its stored SyncKey, which is the cursor of what the inbox already holds.
 */
export async function initSession(deps: ConnectorDeps, state: SessionState, fresh: boolean, signal: AbortSignal): Promise<InitOutcome> {
  const init = await webwxinit(deps, state, deps.now(), signal);
  if (!init.ok) {
    if (init.kind === 'aborted') return { kind: 'aborted' };
    if (init.kind === 'ret') return { kind: 'refused', ret: init.ret, reason: init.reason };
    return { kind: 'retry', reason: init.reason };
  }
  const s = state.session;
  const value = init.value;
  if (value.skey) s.skey = value.skey; // SKey replaces the login skey [W4U]
  s.self = value.self;
  if (fresh || !s.syncKey) {
    if (!value.syncKey) diagnose(deps, 'webwxinit: no SyncKey', JSON.stringify({ self: value.self.id }));
    s.syncKey = value.syncKey ?? null;
    s.syncCheckKey = null;
  }
  if (fresh || !s.loginAt) s.loginAt = value.systemTime > 0 ? value.systemTime : Math.floor(deps.now() / 1000);
  try {
    await state.persist();
    await deps.events.self(value.self.id, value.self.name || value.self.id);
  } catch (error) {
    diagnose(deps, 'session: could not persist after init', String(error), 'error');
  }
  // "Show signed in on the phone"; failure is logged and harmless.
  await webwxstatusnotify(deps, state, 3, value.self.id, deps.now(), signal);
  return { kind: 'ok', contacts: value.contacts };
}
