// The WeChat Web connector: QR login or resume, init, contacts, the sync loop, sends and commands.
// Everything from the browser arrives through ConnectorDeps (no chrome.* here).
import type { SendContent, SendResult } from '../../../shared/domain.ts';
import type { AccountCommand, AccountSlot, CommandResult, Connector, ConnectorDeps, StatusReport } from '../connector.ts';
import { diagnose, SESSION_OVER } from './api-request.ts';
import { Backoff, describeDelay, pause } from './backoff.ts';
import { loadContacts } from './contact-sync.ts';
import { familyHeaderRules, installHeaders } from './headers.ts';
import { qrLogin } from './login.ts';
import { statusReporter, type RunContext } from './run-context.ts';
import { revokeMessage, sendContent } from './send.ts';
import { readStoredSession, SESSION_SLOT, SessionState, type WechatSession } from './session.ts';
import { webwxlogout, webwxstatusnotify } from './session-api.ts';
import { initSession, newSession } from './session-start.ts';
import { GIVE_UP_AFTER, onlineReason, runSyncLoop } from './sync-loop.ts';

/** Sends at least this far apart per account (1/s sustained worked, 0.5 s did not: digest §4.5). */
export const SEND_GAP_MS = 1_000;

const BLOCKED_AT_INIT =
  'WeChat refused to start a web session for this account (1). This usually means the account is not ' +
  'real-name verified or is blocked from Web WeChat; check the WeChat app, then try again.';

export class WechatConnector implements Connector {
  private state: SessionState | null = null;
  private running: { controller: AbortController; done: Promise<void> } | null = null;
  private sendChain: Promise<unknown> = Promise.resolve();
  private lastSendAt = Number.NEGATIVE_INFINITY;
  private fileIndex = 0;
  private readonly report: (report: StatusReport) => void;
  private readonly slot: AccountSlot<WechatSession>;

  constructor(private readonly deps: ConnectorDeps) {
    this.report = statusReporter(deps);
    this.slot = deps.slot<WechatSession>(SESSION_SLOT);
  }

  async start(signal: AbortSignal): Promise<void> {
    // Invariant 6: never two loops for one account.
    if (this.running) {
      this.running.controller.abort();
      await this.running.done;
    }
    if (signal.aborted) return;
    const controller = new AbortController();
    const relay = () => controller.abort(signal.reason);
    signal.addEventListener('abort', relay, { once: true });
    const done = this.runSession(controller.signal).catch((error: unknown) => {
      // Only a bug gets here; report it instead of killing the engine (invariant 7).
      diagnose(this.deps, 'wechat: internal error', error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error), 'error');
      this.report({ status: 'stopped', reason: 'WeChat stopped after an internal error; see diagnostics' });
    });
    const run = { controller, done };
    this.running = run;
    try {
      await done;
    } finally {
      signal.removeEventListener('abort', relay);
      if (this.running === run) this.running = null;
    }
  }

  private async runSession(signal: AbortSignal): Promise<void> {
    const { deps } = this;
    const backoff = new Backoff(deps.random);
    let session = readStoredSession(await this.slot.get().catch(() => undefined));
    let mode: 'fresh' | 'resume' | 'restart' = 'resume';
    while (!signal.aborted) {
      if (!session) {
        const login = await qrLogin(deps, signal, this.report);
        if (login.kind === 'aborted') return;
        if (login.kind === 'blocked') return this.report({ status: 'needsUser', reason: login.message, code: 'wechat:1203', needs: { kind: 'webLoginBlocked', message: login.message } });
        if (login.kind === 'gaveUp') return this.report({ status: 'signedOut', reason: login.reason });
        session = newSession(login, deps.random);
        mode = 'fresh';
      } else if (mode === 'resume') {
        this.report({ status: 'signingIn', reason: 'Resuming your WeChat session' });
      }
      const state = new SessionState(session, this.slot, deps.now());
      await installHeaders(deps, familyHeaderRules(state.family));
      const init = await initSession(deps, state, mode === 'fresh', signal);
      if (init.kind === 'aborted') return;
      if (init.kind === 'refused') {
        await this.forget();
        if (mode === 'fresh' && init.ret === 1) {
          return this.report({ status: 'needsUser', reason: BLOCKED_AT_INIT, code: 'wechat:1', needs: { kind: 'webLoginBlocked', message: BLOCKED_AT_INIT } });
        }
        if (mode === 'restart' && SESSION_OVER.has(init.ret)) return this.report({ status: 'signedOut', reason: init.reason, code: `wechat:${init.ret}` });
        // A stored session the server no longer accepts: sign in again with a QR code.
        this.report({ status: 'signingIn', reason: `${init.reason}; signing in again` });
        session = undefined;
        if (mode === 'fresh' && !(await pause(deps.sleep, backoff.next(), signal))) return;
        continue;
      }
      if (init.kind === 'retry') {
        if (backoff.attempts + 1 >= GIVE_UP_AFTER) return this.report({ status: 'stopped', reason: `Gave up reaching WeChat: ${init.reason}` });
        const delay = backoff.next();
        this.report({ status: 'reconnecting', reason: `Starting the session failed: ${init.reason}; retrying ${describeDelay(delay)}` });
        if (!(await pause(deps.sleep, delay, signal))) return;
        continue; // same session, same mode
      }

      this.state = state;
      this.report({ status: 'online', reason: onlineReason(state) });
      const ctx: RunContext = { deps, signal, state, report: this.report };
      await loadContacts(ctx, init.contacts);
      state.replayAll = mode === 'fresh';
      const end = await runSyncLoop(ctx, backoff);
      switch (end.kind) {
        case 'aborted':
          return;
        case 'signedOut':
          await this.forget();
          return this.report({ status: 'signedOut', reason: end.reason, code: `wechat:${end.code}` });
        case 'gaveUp':
          return this.report({ status: 'stopped', reason: `Gave up after repeated failures: ${end.reason}. The session is kept and resumes on the next start.` });
        case 'restart':
          this.report({ status: 'reconnecting', reason: `Restarting the session: ${end.reason}` });
          session = state.session;
          // The remembered push host may be what broke: probe again after the restart.
          session.pushHost = null;
          mode = 'restart';
      }
    }
  }

  /** Drop the session everywhere: it is over and cannot be resumed. */
  private async forget(): Promise<void> {
    this.state = null;
    try {
      await this.slot.clear();
    } catch (error) {
      diagnose(this.deps, 'session: could not clear', String(error), 'error');
    }
  }

  send(peerId: string, content: SendContent): Promise<SendResult> {
    const job = this.sendChain.then(() => this.sendNow(peerId, content));
    this.sendChain = job.catch(() => undefined);
    return job;
  }

  private async sendNow(peerId: string, content: SendContent): Promise<SendResult> {
    const { deps } = this;
    const state = this.state;
    if (!state?.selfId) return { ok: false, error: 'WeChat is not signed in', retryable: true };
    const wait = this.lastSendAt + SEND_GAP_MS - deps.now();
    if (wait > 0) await deps.sleep(wait, new AbortController().signal);
    this.lastSendAt = deps.now();
    const outcome = await sendContent(deps, state, peerId, content, this.fileIndex++);
    if (outcome.record) {
      state.recordSent(outcome.record);
      state.remember([outcome.record.id]);
      await state.persist().catch((error: unknown) => diagnose(deps, 'session: could not persist', String(error), 'error'));
    }
    return outcome.result;
  }

  async command(command: AccountCommand): Promise<CommandResult> {
    const state = this.state;
    if (command.kind !== 'markRead' && command.kind !== 'revoke') return { ok: false, error: 'WeChat Web does not support this' };
    if (!state?.selfId) return { ok: false, error: 'WeChat is not signed in' };
    if (command.kind === 'revoke') return revokeMessage(this.deps, state, command.serverId, command.peerId);
    const result = await webwxstatusnotify(this.deps, state, 1, command.peerId, this.deps.now(), new AbortController().signal);
    return result.ok ? { ok: true } : { ok: false, error: `Marking the chat read failed: ${result.kind === 'aborted' ? 'stopped' : result.reason}` };
  }

  async signOut(): Promise<void> {
    const running = this.running;
    if (running) {
      running.controller.abort();
      await running.done;
    }
    const session = this.state?.session ?? readStoredSession(await this.slot.get().catch(() => undefined));
    if (session) await webwxlogout(this.deps, new SessionState(session, this.slot, this.deps.now()));
    await this.forget();
    this.report({ status: 'signedOut', reason: 'You signed out of WeChat' });
  }
}
