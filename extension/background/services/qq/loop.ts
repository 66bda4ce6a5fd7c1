// The account loop: sign in (or resume a session the server still holds), sync friends, then poll
// GetMsgEx at the pace poll-pace.ts sets: fast for a few minutes after a chat message in or out,
// slower when quiet. Messages are stored before the next poll (invariant 1): GetMsgEx drains the
// server queue, so nothing may act on a message that is not persisted yet.
import type { StatusReport } from '../connector.ts';
import type { LoginFailure } from './client.ts';
import { fetchFriendUins, fetchOnlineFriends, contactOf, type Failure } from './friends.ts';
import { interpretMessages } from './messages.ts';
import { scalar } from './codec.ts';
import { pollIntervalMs, presenceRefreshDelayMs } from './poll-pace.ts';
import { failureCode, failureText, terminalReport, type QqRuntime } from './runtime.ts';

type SessionEnd = { kind: 'stop' } | { kind: 'terminal'; report: StatusReport } | { kind: 'retry'; reason: string; code: string };
type Step = { ok: true } | { ok: false; failure: Failure };
/** A Query_Stat refresh, with how many requests (pages) it took: the quiet pace budgets them. */
type PresenceStep = { ok: true; requests: number } | { ok: false; failure: Failure };

const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 60_000;

/** Exponential backoff with ±25 % jitter so many accounts do not retry in step. */
export function backoffMs(attempt: number, random: () => number): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 10));
  return Math.round(base * (0.75 + random() * 0.5));
}

export async function runLoop(rt: QqRuntime, signal: AbortSignal): Promise<void> {
  await reportInterruptedPoll(rt);
  let attempt = 0;
  while (!signal.aborted) {
    const end = await runSession(rt, signal, () => (attempt = 0)).catch((error: unknown): SessionEnd => {
      // Storage or hub trouble (events rejected): never let it kill the engine (invariant 7).
      const message = error instanceof Error ? error.message : String(error);
      rt.client.diagnose('error', `loop: ${message}`);
      return { kind: 'retry', reason: `Storing QQ data failed (${message})`, code: 'qq:internal' };
    });
    if (end.kind === 'stop' || signal.aborted) return;
    if (end.kind === 'terminal') {
      // The next start signs in afresh instead of trying to resume a session that is over.
      await rt.store.forgetLogin().catch(() => undefined);
      rt.deps.events.status(end.report);
      return;
    }
    rt.deps.events.status({ status: 'reconnecting', reason: end.reason, code: end.code });
    try {
      await rt.deps.sleep(backoffMs(attempt, rt.deps.random), signal);
    } catch {
      return;
    }
    attempt += 1;
  }
}

function endOf(failure: Failure, signal: AbortSignal): SessionEnd {
  if (signal.aborted) return { kind: 'stop' };
  const report = terminalReport(failure);
  if (report) return { kind: 'terminal', report };
  return { kind: 'retry', reason: failureText(failure), code: failureCode(failure) };
}

function endOfLogin(login: LoginFailure, signal: AbortSignal): SessionEnd {
  return endOf({ kind: 'loginFailed', login }, signal);
}

async function runSession(rt: QqRuntime, signal: AbortSignal, healthy: () => void): Promise<SessionEnd> {
  const state = await rt.store.load();
  const started = rt.deps.now();
  // A session the server still holds is resumed without a new Login: a second Login for the same
  // UIN misbehaves until the first times out (A.8). Half of LI leaves room for clock doubt.
  const resumable = state.loggedInAt !== undefined && state.lastOkAt !== undefined && started - state.lastOkAt < (state.li * 1000) / 2;
  if (!resumable) {
    rt.deps.events.status({ status: 'signingIn', reason: 'Signing in to QQ' });
    const login = await rt.client.login(signal);
    if (login.kind !== 'ok') return endOfLogin(login, signal);
  }
  rt.deps.events.status({
    status: 'online',
    reason: resumable ? 'Resumed the QQ session' : 'Signed in to QQ',
    code: `qq:HI=${state.hi},LI=${state.li}`,
  });
  const identified = await identify(rt, signal);
  if (!identified.ok) return endOf(identified.failure, signal);
  const synced = await syncFriends(rt, signal);
  if (!synced.ok) return endOf(synced.failure, signal);
  healthy();
  let presence = { at: rt.deps.now(), requests: synced.requests };
  // The first poll comes at once, also after a restart: whatever queued meanwhile arrives now.
  while (!signal.aborted) {
    const polledAt = rt.deps.now();
    const poll = await pollOnce(rt, signal);
    if (!poll.ok) return endOf(poll.failure, signal);
    healthy();
    const due = presenceRefreshDelayMs({
      now: rt.deps.now(),
      lastActivityAt: rt.activity.watched ? rt.deps.now() : await rt.activity.lastAt(),
      requests: presence.requests,
      activeRefreshMs: rt.options.presenceRefreshMs,
    });
    if (rt.deps.now() - presence.at >= due) {
      const refreshed = await refreshPresence(rt, signal, false);
      if (!refreshed.ok) return endOf(refreshed.failure, signal);
      presence = { at: rt.deps.now(), requests: refreshed.requests };
    }
    try {
      await untilNextPoll(rt, polledAt, signal);
    } catch {
      return { kind: 'stop' };
    }
  }
  return { kind: 'stop' };
}

/**
 * Sleeps until one poll interval after the last poll started. Activity (a message sent meanwhile)
 * ends the sleep early and the interval is worked out again, so the fast pace applies at once.
 * Rejects only when the loop is stopped.
 */
async function untilNextPoll(rt: QqRuntime, polledAt: number, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const woken = rt.activity.woken; // before lastAt(): a note in between still ends the sleep
    const { hi, li } = await rt.store.load();
    const now = rt.deps.now();
    // A page of ours is open: the user is looking at their chats, so the live pace applies.
    const lastActivityAt = rt.activity.watched ? now : await rt.activity.lastAt();
    const remaining = polledAt + pollIntervalMs({ now, lastActivityAt, hiSeconds: hi, liSeconds: li }) - now;
    if (remaining <= 0) return;
    try {
      await rt.deps.sleep(remaining, AbortSignal.any([signal, woken]));
      return;
    } catch (error) {
      if (signal.aborted) throw error;
    }
  }
  throw signal.reason;
}

/** Our own nickname (GetInfo LV=1 on ourselves), once per connector; a failure is not fatal. */
async function identify(rt: QqRuntime, signal: AbortSignal): Promise<Step> {
  let label = rt.label;
  if (label === undefined) {
    const info = await rt.client.call('GetInfo', [['LV', 1], ['UN', rt.uin]], signal);
    if (info.kind !== 'ok' && terminalReport(info)) return { ok: false, failure: info };
    const nick = info.kind === 'ok' ? scalar(info.reply, 'NK')?.trim() : undefined;
    if (nick) rt.label = nick;
    label = nick || rt.uin;
  }
  await rt.deps.events.self(rt.uin, label);
  return { ok: true };
}

/** The whole friend list with presence: every friend upserted, friends who left removed. */
async function syncFriends(rt: QqRuntime, signal: AbortSignal): Promise<PresenceStep> {
  const listed = await fetchFriendUins(rt.client, signal);
  if (!listed.ok) return { ok: false, failure: listed.failure };
  const state = await rt.store.load();
  const uins = listed.items.map((f) => f.uin).filter((uin) => uin !== rt.uin);
  const current = new Set(uins);
  const removed = state.friends.filter((uin) => !current.has(uin));
  await rt.store.update({ friends: uins });
  for (const uin of removed) rt.known.delete(uin);
  rt.presence.clear();
  return refreshPresence(rt, signal, true, removed);
}

/** Query_Stat: friends it lists are online/busy, all others offline. Upserts what changed. */
async function refreshPresence(rt: QqRuntime, signal: AbortSignal, all: boolean, removed: string[] = []): Promise<PresenceStep> {
  const online = await fetchOnlineFriends(rt.client, signal);
  if (!online.ok) return { ok: false, failure: online.failure };
  await rt.store.rememberNames(Object.fromEntries(online.items.filter((f) => f.name.trim()).map((f) => [f.uin, f.name])));
  const state = await rt.store.load();
  const byUin = new Map(online.items.map((f) => [f.uin, f]));
  const upserts = [];
  for (const uin of state.friends) {
    const presence = byUin.get(uin)?.presence ?? 'offline';
    if (!all && rt.presence.get(uin) === presence) continue;
    rt.presence.set(uin, presence);
    rt.known.add(uin);
    upserts.push(contactOf(uin, state.names[uin], presence));
  }
  if (upserts.length > 0 || removed.length > 0) await rt.deps.events.contacts(upserts, removed);
  return { ok: true, requests: online.requests };
}

/**
 * GetMsgEx drains the server's queue and QQ has no acknowledgement (A.6): if the worker dies
 * between the server answering and the batch being stored, that batch is gone. It cannot be
 * prevented, so it is made visible: a marker is set before each poll and cleared once the batch is
 * stored; a marker found at start means the last poll never finished.
 */
const POLL_MARKER = 'pollInFlight';

export async function reportInterruptedPoll(rt: QqRuntime): Promise<void> {
  const marker = rt.deps.slot<{ startedAt: number }>(POLL_MARKER);
  const open = await marker.get();
  if (!open) return;
  rt.client.diagnose(
    'warn',
    `A QQ message poll started at ${new Date(open.startedAt).toISOString()} never finished (the browser stopped Switchboard). QQ cannot send a drained batch again, so messages in it may be missing.`,
  );
  await marker.clear();
}

async function pollOnce(rt: QqRuntime, signal: AbortSignal): Promise<Step> {
  const marker = rt.deps.slot<{ startedAt: number }>(POLL_MARKER);
  await marker.set({ startedAt: rt.deps.now() });
  const answer = await rt.client.call('GetMsgEx', [], signal);
  if (answer.kind !== 'ok') {
    // A failed poll is already reported with its reason; the marker exists for the one case that
    // leaves no other trace: the worker dying mid-poll.
    await marker.clear();
    return { ok: false, failure: answer };
  }
  const state = await rt.store.load();
  const result = interpretMessages(answer.reply, { now: rt.deps.now(), names: state.names, known: rt.known });
  if (!result.ok) {
    // The server has already drained these: the raw body in diagnostics is all that is left of them.
    rt.client.diagnose('error', `GetMsgEx: ${result.error}`, answer.body);
    return { ok: false, failure: { kind: 'failed', reason: `QQ sent unreadable messages (${result.error})`, code: 'qq:protocol' } };
  }
  const { batch } = result;
  for (const note of batch.notes) rt.client.diagnose('warn', note, answer.body);
  if (batch.newFriends.length > 0) {
    const friends = new Set(state.friends);
    for (const uin of batch.newFriends) friends.add(uin);
    await rt.store.update({ friends: [...friends] });
  }
  for (const [uin, presence] of batch.presence) rt.presence.set(uin, presence);
  for (const contact of batch.contacts) rt.known.add(contact.id);
  // Persist first (invariant 1): contacts, then messages, awaited before anything else happens.
  if (batch.contacts.length > 0) await rt.deps.events.contacts(batch.contacts);
  if (batch.messages.length > 0) await rt.deps.events.messages(batch.messages);
  await marker.clear();
  // After the marker: a failed activity write must not look like an unfinished poll. System
  // notices (10000, friend-request outcomes) are not a chat and leave the pace alone.
  if (batch.messages.some((m) => m.kind !== 'system')) await rt.activity.note(rt.deps.now());
  return { ok: true };
}
