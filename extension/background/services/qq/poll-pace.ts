// How often the QQ loop asks: GetMsgEx fast while a chat is live, slower when nothing happens.
// QQ's HTTP interface has no long-poll (A.6), so its idle cost is its poll rate; issue #8 allows
// 3 requests a minute per idle account, every request counted. Pure: the clock comes in.
// The numbers and why: docs/decisions/qq.md, "Poll pace".

/** A chat message in either direction within this long makes the account active. */
export const ACTIVE_WINDOW_MS = 180_000;
export const POLL_MIN_MS = 2_000;
/** While active: min(HI/2, 10 s), as the protocol digest proposes (A.8). */
export const ACTIVE_POLL_MAX_MS = 10_000;
/**
 * While quiet: 2.5 GetMsgEx a minute. Also below the 30 s after which Chromium stops an idle
 * worker: each poll's storage writes are the extension API calls that keep it running, and a
 * stopped worker comes back through the watchdog with a session resume that costs more requests.
 */
export const QUIET_POLL_MAX_MS = 24_000;
/** Query_Stat while quiet: MT 99 notices already bring presence changes; this only repairs drift. */
export const QUIET_PRESENCE_MIN_MS = 600_000;
/** ...and never more than half a request a minute, however many pages the online list takes. */
export const QUIET_PRESENCE_MS_PER_REQUEST = 120_000;

export interface PaceInput {
  now: number;
  /** When the last chat message came in or went out; undefined if never (or not known). */
  lastActivityAt: number | undefined;
  /** The session's HI and LI from Login, in seconds (A.8). */
  hiSeconds: number;
  liSeconds: number;
}

/**
 * Active while the last message is less than the window old. A time in the future (the clock was
 * set back) counts only within one window of now, so a clock change cannot pin the fast pace.
 */
export function isActive(now: number, lastActivityAt: number | undefined): boolean {
  if (lastActivityAt === undefined || !Number.isFinite(lastActivityAt)) return false;
  const since = now - lastActivityAt;
  return since < ACTIVE_WINDOW_MS && since > -ACTIVE_WINDOW_MS;
}

/**
 * Time from the start of one GetMsgEx to the start of the next. Never above half of HI or LI: the
 * server drops a session it has not heard from (A.8), and half leaves a whole request deadline of
 * room for a late poll.
 */
export function pollIntervalMs(input: PaceInput): number {
  const keepAliveMs = (Math.min(positive(input.hiSeconds), positive(input.liSeconds)) * 1000) / 2;
  const active = clamp(keepAliveMs, POLL_MIN_MS, ACTIVE_POLL_MAX_MS);
  if (isActive(input.now, input.lastActivityAt)) return active;
  return clamp(keepAliveMs, active, QUIET_POLL_MAX_MS);
}

export interface PresenceInput {
  now: number;
  lastActivityAt: number | undefined;
  /** How many Query_Stat requests the last refresh took (one per page). */
  requests: number;
  /** The refresh period while active (QqOptions.presenceRefreshMs). */
  activeRefreshMs: number;
}

/** Time from one Query_Stat refresh to the next. */
export function presenceRefreshDelayMs(input: PresenceInput): number {
  if (isActive(input.now, input.lastActivityAt)) return input.activeRefreshMs;
  return Math.max(input.activeRefreshMs, QUIET_PRESENCE_MIN_MS, Math.max(1, input.requests) * QUIET_PRESENCE_MS_PER_REQUEST);
}

/** HI/LI are parsed as positive integers with defaults (decision 8); NaN or 0 still must not poll in a spin. */
function positive(seconds: number): number {
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
