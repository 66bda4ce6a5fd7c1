// The steady state (digest §2.10, §4): synccheck long-poll; any non-zero selector -> webwxsync.
// Session-over codes end the loop; everything else backs off with jitter, asks for a restart
// through webwxinit every few failures, and gives up after many.
import { retReason, SESSION_OVER, diagnose, type ApiResult } from './api-request.ts';
import type { Backoff} from './backoff.ts';
import { describeDelay, pause } from './backoff.ts';
import type { SyncCheckAnswer } from './parse-text.ts';
import type { RunContext } from './run-context.ts';
import type { SessionState } from './session.ts';
import { synccheck } from './session-api.ts';
import { drainSync, type RoundFailure } from './sync-round.ts';

/** Consecutive failures between restarts through webwxinit (W4U restarts on the 3rd). */
export const RESTART_EVERY = 3;
/** Consecutive failures after which the loop stops and keeps the session for a later start. */
export const GIVE_UP_AFTER = 10;
/** 1205 "too often": wait at least this long. */
export const TOO_OFTEN_DELAY_MS = 30_000;

export type LoopEnd =
  | { kind: 'aborted' }
  | { kind: 'signedOut'; code: number; reason: string }
  | { kind: 'restart'; reason: string }
  | { kind: 'gaveUp'; reason: string };

export function onlineReason(state: SessionState): string {
  const name = state.session.self?.name;
  return name ? `Connected as ${name}` : 'Connected';
}

/** Try `webpush.<host>` then `<host>` until one answers retcode 0, and remember it (digest §1.1). */
async function checkWithProbe(ctx: RunContext): Promise<ApiResult<SyncCheckAnswer>> {
  const { state, deps } = ctx;
  const known = state.session.pushHost;
  const candidates = known ? [known] : state.family.push;
  let last: ApiResult<SyncCheckAnswer> = { ok: false, kind: 'aborted' };
  for (const [index, host] of candidates.entries()) {
    last = await synccheck(deps, state, host, deps.now(), ctx.signal);
    if (last.ok && last.value.retcode === 0) {
      if (!known) {
        state.session.pushHost = host;
        await state.persist().catch((error: unknown) => diagnose(deps, 'session: could not persist', String(error), 'error'));
      }
      return last;
    }
    if ((!last.ok && last.kind === 'aborted') || known || index === candidates.length - 1) return last;
    // A wrong push host answers 1100/1102 or not at all; only the last candidate's answer counts.
    diagnose(deps, `synccheck: ${host} did not answer retcode 0; trying the next host`, last.ok ? JSON.stringify(last.value) : last.reason, 'info');
  }
  return last;
}

export async function runSyncLoop(ctx: RunContext, backoff: Backoff): Promise<LoopEnd> {
  const { deps, signal } = ctx;

  const failed = async (reason: string, minDelayMs = 0): Promise<LoopEnd | null> => {
    if (backoff.attempts + 1 >= GIVE_UP_AFTER) return { kind: 'gaveUp', reason };
    const delay = Math.max(minDelayMs, backoff.next());
    ctx.report({ status: 'reconnecting', reason: `${reason}; retrying ${describeDelay(delay)}` });
    if (!(await pause(deps.sleep, delay, signal))) return { kind: 'aborted' };
    return backoff.attempts % RESTART_EVERY === 0 ? { kind: 'restart', reason } : null;
  };

  const roundFailed = (failure: RoundFailure, label: string): Promise<LoopEnd | null> => {
    if (failure.kind === 'aborted') return Promise.resolve({ kind: 'aborted' });
    if (failure.kind === 'ret' && SESSION_OVER.has(failure.ret)) return Promise.resolve({ kind: 'signedOut', code: failure.ret, reason: failure.reason });
    if (failure.kind === 'ret' && failure.ret === 1205) return failed(failure.reason, TOO_OFTEN_DELAY_MS);
    return failed(`${label}: ${failure.reason}`);
  };

  // Right after init: drain what is waiting (history after a QR login) before the first synccheck.
  let syncPending = true;
  while (!signal.aborted) {
    if (syncPending) {
      const round = await drainSync(ctx);
      if (!round.ok) {
        const end = await roundFailed(round, 'Fetching messages failed');
        if (end) return end;
        continue;
      }
      syncPending = false;
      // The backoff resets only on a good synccheck: a working webwxsync next to a broken push
      // host must still end in a give-up rather than restart forever.
      ctx.report({ status: 'online', reason: onlineReason(ctx.state) });
    }

    const check = await checkWithProbe(ctx);
    if (!check.ok) {
      const end = await roundFailed(check, 'Waiting for messages failed');
      if (end) return end;
      continue;
    }
    const { retcode, selector } = check.value;
    if (retcode === 0) {
      backoff.reset();
      ctx.report({ status: 'online', reason: onlineReason(ctx.state) });
      if (selector !== 0) syncPending = true;
      continue;
    }
    diagnose(deps, `synccheck: retcode ${retcode}`, check.raw ?? JSON.stringify(check.value), SESSION_OVER.has(retcode) ? 'info' : 'warn');
    if (SESSION_OVER.has(retcode)) return { kind: 'signedOut', code: retcode, reason: retReason(retcode) };
    const end = retcode === 1205 ? await failed(retReason(1205), TOO_OFTEN_DELAY_MS) : await failed(`WeChat answered synccheck with retcode ${retcode}`);
    if (end) return end;
  }
  return { kind: 'aborted' };
}
