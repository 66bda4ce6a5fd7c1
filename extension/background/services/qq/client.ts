// The request layer: one POST per command to tqq.tencent.com:8000, all requests of an account
// serialised through one queue (A.9.10), SEQ matched on the reply, RES=20 answered by exactly one
// re-login and one retry of the command (A.5), every unexpected body sent to diagnostics.
import type { ConnectorDeps, StatusReport } from '../connector.ts';
import { encodeRequest, integer, parseReply, scalar, type Reply, type RequestValue } from './codec.ts';
import { isPasswordDigest } from './password.ts';
import { HI_DEFAULT_S, LI_DEFAULT_S, LOGIN_LC, QQ_URL, QQ_VERSION, RES_NOT_LOGGED_IN, RES_OK } from './protocol.ts';
import type { SessionStore } from './session-store.ts';

export type Params = ReadonlyArray<readonly [string, RequestValue]>;

export type LoginOutcome =
  | { kind: 'ok'; hi: number; li: number }
  | { kind: 'noCredentials'; message: string }
  | { kind: 'wrongPassword'; message: string; code: string }
  | { kind: 'blocked'; message: string; code: string }
  | { kind: 'failed'; reason: string; code: string };
export type LoginFailure = Exclude<LoginOutcome, { kind: 'ok' }>;

export type CallOutcome =
  | { kind: 'ok'; reply: Reply; body: string }
  /** The server answered with a RES other than 0 (and other than a recoverable 20). */
  | { kind: 'refused'; res: number; reason: string; code: string }
  /** Network trouble, an HTTP error status or a body we cannot read. */
  | { kind: 'failed'; reason: string; code: string }
  /** RES=20 again right after a successful re-login: the session is over. */
  | { kind: 'sessionLost'; reason: string; code: string }
  /** RES=20, and the re-login it needs did not work. */
  | { kind: 'loginFailed'; login: LoginFailure };

type Exchange = { kind: 'reply'; res: number; reply: Reply; body: string } | { kind: 'failed'; reason: string; code: string };

export interface Credentials {
  passwordMd5: string;
}

export interface ClientOptions {
  deadlineMs: number;
}

/** Bound on how much of a body goes into one diagnostics entry (the log bounds it again). */
const DIAGNOSTIC_RAW_LIMIT = 16 * 1024;

export class QqClient {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: ConnectorDeps,
    private readonly store: SessionStore,
    readonly uin: string,
    private readonly report: (status: StatusReport) => void,
    private readonly options: ClientOptions,
  ) {}

  login(signal?: AbortSignal): Promise<LoginOutcome> {
    return this.serial(() => this.doLogin(signal));
  }

  /** One command with the RES=20 policy. Never throws for protocol or network trouble. */
  call(cmd: string, params: Params = [], signal?: AbortSignal): Promise<CallOutcome> {
    return this.serial(async () => {
      let answer = await this.exchange(cmd, params, signal);
      if (answer.kind === 'failed') return answer;
      if (answer.res === RES_NOT_LOGGED_IN) {
        this.report({ status: 'reconnecting', reason: 'QQ says the session is not signed in (RES=20); signing in again', code: 'qq:RES=20' });
        const login = await this.doLogin(signal);
        if (login.kind !== 'ok') return { kind: 'loginFailed', login };
        this.report({ status: 'online', reason: 'Signed in to QQ again', code: 'qq:relogin' });
        answer = await this.exchange(cmd, params, signal);
        if (answer.kind === 'failed') return answer;
        if (answer.res === RES_NOT_LOGGED_IN) {
          return {
            kind: 'sessionLost',
            reason: `QQ ended the session again right after signing in (RES=20 on ${cmd}): signed in elsewhere or the session was refused`,
            code: 'qq:RES=20',
          };
        }
      }
      if (answer.res !== RES_OK) {
        this.diagnose('warn', `${cmd}: RES=${answer.res}`, answer.body);
        return { kind: 'refused', res: answer.res, reason: `QQ refused ${cmd} (RES=${answer.res})`, code: `qq:RES=${answer.res}` };
      }
      await this.store.touch(this.deps.now());
      return { kind: 'ok', reply: answer.reply, body: answer.body };
    });
  }

  /** Logout: the one command that works without a session (A.4), so no re-login for it. */
  logout(signal?: AbortSignal): Promise<CallOutcome> {
    return this.serial(async () => {
      const answer = await this.exchange('Logout', [], signal);
      if (answer.kind === 'failed') return answer;
      if (answer.res !== RES_OK) return { kind: 'refused', res: answer.res, reason: `QQ refused Logout (RES=${answer.res})`, code: `qq:RES=${answer.res}` };
      return { kind: 'ok', reply: answer.reply, body: answer.body };
    });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async doLogin(signal?: AbortSignal): Promise<LoginOutcome> {
    const credentials = await this.deps.slot<Credentials>('credentials').get();
    if (!credentials || !isPasswordDigest(credentials.passwordMd5)) {
      return { kind: 'noCredentials', message: 'Enter the QQ password for this account' };
    }
    const answer = await this.exchange('Login', [['PS', credentials.passwordMd5], ['M5', 1], ['LC', LOGIN_LC]], signal);
    if (answer.kind === 'failed') return answer;
    const { reply, body } = answer;
    if (answer.res !== RES_OK) {
      this.diagnose('warn', `Login: RES=${answer.res}`, body);
      return { kind: 'failed', reason: `QQ refused the sign-in request (RES=${answer.res})`, code: `qq:RES=${answer.res}` };
    }
    const rs = integer(reply, 'RS', Number.NaN);
    const ra = scalar(reply, 'RA')?.trim();
    if (rs === 0) {
      const positive = (value: number, fallback: number) => (value > 0 ? value : fallback);
      const hi = positive(integer(reply, 'HI', HI_DEFAULT_S), HI_DEFAULT_S);
      const li = positive(integer(reply, 'LI', LI_DEFAULT_S), LI_DEFAULT_S);
      const now = this.deps.now();
      await this.store.update({ hi, li, loggedInAt: now, lastOkAt: now });
      return { kind: 'ok', hi, li };
    }
    this.diagnose('warn', `Login: RS=${Number.isNaN(rs) ? 'missing' : rs}`, body);
    if (Number.isNaN(rs)) return { kind: 'failed', reason: 'QQ answered the sign-in without a result (no RS)', code: 'qq:protocol' };
    await this.store.forgetLogin();
    if (rs === 1) return { kind: 'wrongPassword', message: ra || 'QQ says the password is wrong', code: 'qq:RS=1' };
    return { kind: 'blocked', message: ra || `QQ refused the sign-in (RS=${rs})`, code: `qq:RS=${rs}` };
  }

  /** One HTTP exchange: no queueing, no re-login. */
  private async exchange(cmd: string, params: Params, signal?: AbortSignal): Promise<Exchange> {
    const seq = await this.store.takeSeq();
    const body = encodeRequest([['VER', QQ_VERSION], ['CMD', cmd], ['SEQ', seq], ['UIN', this.uin], ...params]);
    const outcome = await this.deps.http({
      url: QQ_URL,
      method: 'POST',
      // As captured by zwell (A.2); the interface keeps no cookies (sessions are IP + UIN).
      headers: { 'Content-Type': 'text/plain; charset=UTF-8' },
      body,
      deadlineMs: this.options.deadlineMs,
      signal,
      withCookies: false,
    });
    if (!outcome.ok) {
      const reason = outcome.failure === 'timeout' ? `QQ did not answer ${cmd} in time` : `cannot reach QQ (${outcome.message})`;
      return { kind: 'failed', reason, code: `qq:${outcome.failure}` };
    }
    if (outcome.status !== 200) {
      this.diagnose('warn', `${cmd}: HTTP ${outcome.status}`, outcome.text);
      return { kind: 'failed', reason: `QQ answered ${cmd} with HTTP ${outcome.status}`, code: `qq:http-${outcome.status}` };
    }
    const parsed = parseReply(outcome.text);
    if (!parsed.ok) {
      this.diagnose('error', `${cmd}: ${parsed.error}`, outcome.text);
      return { kind: 'failed', reason: `QQ sent an unreadable answer to ${cmd} (${parsed.error})`, code: 'qq:protocol' };
    }
    const reply = parsed.reply;
    const mismatch = this.envelopeMismatch(reply, cmd, seq);
    if (mismatch) {
      this.diagnose('error', `${cmd}: ${mismatch}`, outcome.text);
      return { kind: 'failed', reason: `QQ's answer to ${cmd} does not belong to it (${mismatch})`, code: 'qq:protocol' };
    }
    const res = integer(reply, 'RES', Number.NaN);
    if (Number.isNaN(res)) {
      this.diagnose('error', `${cmd}: no RES`, outcome.text);
      return { kind: 'failed', reason: `QQ answered ${cmd} without a result code`, code: 'qq:protocol' };
    }
    return { kind: 'reply', res, reply, body: outcome.text };
  }

  /** The echoed SEQ, UIN and CMD must be ours when present (A.2); stale replies are refused. */
  private envelopeMismatch(reply: Reply, cmd: string, seq: number): string | undefined {
    const replySeq = scalar(reply, 'SEQ')?.trim();
    if (replySeq !== undefined && replySeq !== String(seq)) return `SEQ ${replySeq}, expected ${seq}`;
    const replyUin = scalar(reply, 'UIN')?.trim();
    if (replyUin !== undefined && replyUin !== '' && replyUin !== this.uin) return `UIN ${replyUin}, expected ${this.uin}`;
    const replyCmd = scalar(reply, 'CMD')?.trim();
    if (replyCmd !== undefined && replyCmd.toUpperCase() !== cmd.toUpperCase()) return `CMD ${replyCmd}, expected ${cmd}`;
    return undefined;
  }

  diagnose(level: 'info' | 'warn' | 'error', what: string, raw?: string): void {
    this.deps.events.diagnostic({ level, what: `qq ${what}`, raw: raw === undefined ? undefined : raw.slice(0, DIAGNOSTIC_RAW_LIMIT) });
  }
}
