// What the QQ loop, send and commands share for one account, and how call failures become
// account statuses.
import type { Presence } from '../../../shared/domain.ts';
import type { ConnectorDeps, StatusReport } from '../connector.ts';
import type { ActivityClock } from './activity.ts';
import type { LoginFailure, QqClient } from './client.ts';
import type { Failure } from './friends.ts';
import type { SessionStore } from './session-store.ts';

export interface QqOptions {
  /** Deadline for one request, headers and body. */
  deadlineMs: number;
  /** Outgoing texts longer than this many characters are sent as several messages (A.9.5). */
  messageLimit: number;
  /**
   * How often online friends are asked for again (Query_Stat) while a chat is live, besides MT 99
   * notices; when quiet, less often (poll-pace.ts).
   */
  presenceRefreshMs: number;
}

export const DEFAULT_OPTIONS: QqOptions = {
  deadlineMs: 20_000,
  messageLimit: 300,
  presenceRefreshMs: 180_000,
};

export interface QqRuntime {
  deps: ConnectorDeps;
  uin: string;
  client: QqClient;
  store: SessionStore;
  options: QqOptions;
  /** Contact ids stored this session (friends, requesters, strangers who wrote). */
  known: Set<string>;
  presence: Map<string, Presence>;
  /** The last chat message in or out: it sets the poll pace, and noting one wakes the loop. */
  activity: ActivityClock;
  /** Our own nickname once GetInfo told it. */
  label?: string;
  /** Report a final status (signed out, needs the user) and stop the running loop. */
  endSession(report: StatusReport): void;
}

/** The status a failed call leaves the account in when retrying cannot help; undefined if it can. */
export function terminalReport(failure: Failure): StatusReport | undefined {
  if (failure.kind === 'sessionLost') return { status: 'signedOut', reason: failure.reason, code: failure.code };
  if (failure.kind === 'loginFailed') return loginReport(failure.login);
  return undefined;
}

export function loginReport(login: LoginFailure): StatusReport | undefined {
  switch (login.kind) {
    case 'noCredentials':
      return { status: 'needsUser', reason: login.message, code: 'qq:no-password', needs: { kind: 'password', message: login.message } };
    case 'wrongPassword':
      return { status: 'needsUser', reason: login.message, code: login.code, needs: { kind: 'password', message: login.message } };
    case 'blocked':
      // RS other than 0/1: no captcha exists in 1.1, so show QQ's own reason (A.9.11).
      return { status: 'needsUser', reason: login.message, code: login.code, needs: { kind: 'webLoginBlocked', message: login.message } };
    case 'failed':
      return undefined;
  }
}

export function failureText(failure: Failure): string {
  if (failure.kind === 'loginFailed') {
    const login = failure.login;
    return login.kind === 'failed' ? login.reason : login.message;
  }
  return failure.reason;
}

export function failureCode(failure: Failure): string {
  if (failure.kind === 'loginFailed') return failure.login.kind === 'noCredentials' ? 'qq:no-password' : failure.login.code;
  return failure.code;
}

/** For commands and sends: a terminal failure ends the session; the text explains it either way. */
export function settle(rt: QqRuntime, failure: Failure): string {
  const report = terminalReport(failure);
  if (report) rt.endSession(report);
  return failureText(failure);
}
