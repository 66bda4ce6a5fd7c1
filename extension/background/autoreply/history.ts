// Bookkeeping for caps, cooldowns and the loop guard: a small JSON record the worker persists
// (chrome.storage) and passes to `decide`. Every function here is pure and returns a new record;
// sizes are bounded so the record cannot grow without limit.
import { conversationId, type AccountId, type ConversationId } from '../../shared/domain.ts';
import { LIMITS, LOOP_GUARD } from '../../shared/rules.ts';
import type { Decision, DecideInput } from './types.ts';

export interface RecentReply {
  /** Planned send time of our auto-reply. */
  at: number;
  /** When the peer next wrote after it, if they did. */
  answeredAt?: number;
}

export interface ConversationHistory {
  /** Last auto-reply time per rule id: the rule's cooldown in this conversation. */
  lastByRule: Record<string, number>;
  /** The last few auto-replies, oldest first: the loop guard. */
  recent: RecentReply[];
  /** Loop guard engaged: no auto-reply here before this time. */
  pausedUntil?: number;
  /** Last time this entry changed; the least recently touched are evicted first. */
  touchedAt: number;
}

export interface AutoReplyHistory {
  version: 1;
  /** Per account: times of its auto-replies in the last day, oldest first (the caps). */
  accounts: Record<AccountId, number[]>;
  /** Keyed by conversation id (`${accountId}|${peerId}`): cooldowns are per conversation. */
  conversations: Record<ConversationId, ConversationHistory>;
}

export const HISTORY_LIMITS = {
  accountWindowMs: 24 * 60 * 60 * 1000,
  accountEntries: LIMITS.perDay,
  conversations: 2000,
  recent: LOOP_GUARD.exchanges,
  recentMaxAgeMs: 24 * 60 * 60 * 1000,
  cooldownMaxMs: LIMITS.cooldownMinutes * 60 * 1000,
} as const;

export function emptyHistory(): AutoReplyHistory {
  return { version: 1, accounts: {}, conversations: {} };
}

/** Accepts what the worker read from storage; anything malformed starts over empty (caps restart). */
export function parseHistory(raw: unknown): AutoReplyHistory {
  if (typeof raw !== 'object' || raw === null) return emptyHistory();
  const r = raw as Partial<AutoReplyHistory>;
  if (r.version !== 1 || typeof r.accounts !== 'object' || typeof r.conversations !== 'object' || !r.accounts || !r.conversations) {
    return emptyHistory();
  }
  const accounts: AutoReplyHistory['accounts'] = {};
  for (const [id, times] of Object.entries(r.accounts)) {
    if (Array.isArray(times)) accounts[id] = times.filter((t): t is number => typeof t === 'number');
  }
  const conversations: AutoReplyHistory['conversations'] = {};
  for (const [id, c] of Object.entries(r.conversations as Record<string, unknown>)) {
    if (typeof c !== 'object' || c === null) continue;
    const conv = c as Partial<ConversationHistory>;
    conversations[id] = {
      lastByRule: Object.fromEntries(Object.entries(conv.lastByRule ?? {}).filter(([, t]) => typeof t === 'number')),
      recent: Array.isArray(conv.recent) ? conv.recent.filter((e) => typeof e?.at === 'number') : [],
      ...(typeof conv.pausedUntil === 'number' ? { pausedUntil: conv.pausedUntil } : {}),
      touchedAt: typeof conv.touchedAt === 'number' ? conv.touchedAt : 0,
    };
  }
  return { version: 1, accounts, conversations };
}

// ---- reading ------------------------------------------------------------------------------

export function repliesSince(history: AutoReplyHistory, accountId: AccountId, since: number): number {
  return (history.accounts[accountId] ?? []).filter((t) => t > since).length;
}

/** The earliest of the account's replies still inside the window (for "next slot at" wording). */
export function oldestSince(history: AutoReplyHistory, accountId: AccountId, since: number): number | undefined {
  return (history.accounts[accountId] ?? []).find((t) => t > since);
}

export function lastReplyOfRule(history: AutoReplyHistory, convId: ConversationId, ruleId: string): number | undefined {
  return history.conversations[convId]?.lastByRule[ruleId];
}

export function pausedUntil(history: AutoReplyHistory, convId: ConversationId, now: number): number | undefined {
  const until = history.conversations[convId]?.pausedUntil;
  return until !== undefined && until > now ? until : undefined;
}

const quick = (r: RecentReply): boolean =>
  r.answeredAt !== undefined && r.answeredAt >= r.at && r.answeredAt - r.at <= LOOP_GUARD.withinSeconds * 1000;

/**
 * How many of our auto-replies in a row the peer answered within the loop window, counting a
 * message arriving `now` as the answer to our last, still unanswered reply. 0 when this message
 * is not such an answer.
 */
export function quickStreak(history: AutoReplyHistory, convId: ConversationId, now: number): number {
  const recent = history.conversations[convId]?.recent ?? [];
  const last = recent[recent.length - 1];
  if (!last || last.answeredAt !== undefined || !quick({ at: last.at, answeredAt: now })) return 0;
  let streak = 1;
  for (let i = recent.length - 2; i >= 0 && quick(recent[i] as RecentReply); i--) streak++;
  return streak;
}

// ---- writing ------------------------------------------------------------------------------
// Each public writer copies the record once (a draft) and then edits only that copy, so callers'
// records are never mutated and a large record is not copied once per step.

function draft(history: AutoReplyHistory): AutoReplyHistory {
  return { version: 1, accounts: { ...history.accounts }, conversations: { ...history.conversations } };
}

function touch(d: AutoReplyHistory, convId: ConversationId, now: number): ConversationHistory {
  const old = d.conversations[convId];
  const conv: ConversationHistory = {
    lastByRule: { ...old?.lastByRule },
    recent: (old?.recent ?? []).map((r) => ({ ...r })),
    ...(old?.pausedUntil !== undefined ? { pausedUntil: old.pausedUntil } : {}),
    touchedAt: now,
  };
  d.conversations[convId] = conv;
  return conv;
}

function answers(history: AutoReplyHistory, convId: ConversationId, now: number): boolean {
  const last = history.conversations[convId]?.recent.at(-1);
  return last !== undefined && last.answeredAt === undefined && now >= last.at;
}

function noteIncomingIn(d: AutoReplyHistory, convId: ConversationId, now: number): void {
  const conv = touch(d, convId, now);
  (conv.recent[conv.recent.length - 1] as RecentReply).answeredAt = now;
}

/** The peer wrote at `now`: it answers our last auto-reply if that one is unanswered. */
export function noteIncoming(history: AutoReplyHistory, accountId: AccountId, peerId: string, now: number): AutoReplyHistory {
  const convId = conversationId(accountId, peerId);
  if (!answers(history, convId, now)) return history;
  const d = draft(history);
  noteIncomingIn(d, convId, now);
  return d;
}

export interface ReplyRecord {
  accountId: AccountId;
  peerId: string;
  ruleIds: readonly string[];
  /** Planned send time (decision time + delay). */
  at: number;
}

function recordReplyIn(d: AutoReplyHistory, reply: ReplyRecord, now: number): void {
  const conv = touch(d, conversationId(reply.accountId, reply.peerId), now);
  for (const id of reply.ruleIds) conv.lastByRule[id] = reply.at;
  conv.recent.push({ at: reply.at });
  d.accounts[reply.accountId] = [...(d.accounts[reply.accountId] ?? []), reply.at]
    .sort((a, b) => a - b)
    .filter((t) => t > now - HISTORY_LIMITS.accountWindowMs)
    .slice(-HISTORY_LIMITS.accountEntries);
}

/**
 * Counts an auto-reply against caps, cooldowns and the loop guard. Record it when the decision is
 * committed (ledger `decided`), not after the send: two messages arriving during the delay must
 * already see the first reply, and a failed send still counts (the server may have taken it).
 */
export function recordReply(history: AutoReplyHistory, reply: ReplyRecord, now: number): AutoReplyHistory {
  const d = draft(history);
  recordReplyIn(d, reply, now);
  return boundHistory(d, now);
}

/**
 * Full pruning walks every conversation, so it runs only when the record outgrows its bound (and
 * then cuts to 90% of it, so it stays rare). The worker may also call pruneHistory at start-up.
 */
function boundHistory(history: AutoReplyHistory, now: number): AutoReplyHistory {
  return Object.keys(history.conversations).length > HISTORY_LIMITS.conversations ? pruneHistory(history, now, Math.floor(HISTORY_LIMITS.conversations * 0.9)) : history;
}

/**
 * The one call a single decision needs after `decide`: notes the peer's message for the loop
 * guard, counts a reply, or engages the loop pause. Returns the record to persist (the same object
 * when nothing changed, so the caller can skip the write).
 */
export function applyDecision(history: AutoReplyHistory, input: DecideInput, decision: Decision): AutoReplyHistory {
  if (!changesHistory(history, input, decision)) return history;
  const d = draft(history);
  applyInPlace(d, input, decision);
  return boundHistory(d, input.clock.now);
}

/**
 * Many decisions in a row (a batch of messages): one private copy, each decision applied to it in
 * place so the next `decide` sees it, bounded once at the end. Copying the whole record per
 * decision would cost O(conversations) each time.
 */
export function historyBatch(history: AutoReplyHistory): {
  readonly current: AutoReplyHistory;
  apply(input: DecideInput, decision: Decision): boolean;
  finish(now: number): AutoReplyHistory;
} {
  const d = draft(history);
  return {
    current: d,
    apply(input, decision) {
      if (!changesHistory(d, input, decision)) return false;
      applyInPlace(d, input, decision);
      return true;
    },
    finish: (now) => boundHistory(d, now),
  };
}

function fromPeerAnswering(history: AutoReplyHistory, input: DecideInput): boolean {
  const { message, account, clock } = input;
  const fromPeer = message.direction === 'in' && !message.replay && message.senderId !== account.selfId;
  return fromPeer && answers(history, conversationId(account.id, message.peerId), clock.now);
}

function changesHistory(history: AutoReplyHistory, input: DecideInput, decision: Decision): boolean {
  const pauses = decision.kind === 'skip' && decision.reason === 'loop-detected' && decision.pauseUntil !== undefined;
  return decision.kind === 'reply' || pauses || fromPeerAnswering(history, input);
}

function applyInPlace(d: AutoReplyHistory, input: DecideInput, decision: Decision): void {
  const { message, account, clock } = input;
  const now = clock.now;
  const convId = conversationId(account.id, message.peerId);
  if (fromPeerAnswering(d, input)) noteIncomingIn(d, convId, now);
  if (decision.kind === 'reply') {
    recordReplyIn(d, { accountId: account.id, peerId: message.peerId, ruleIds: decision.ruleIds, at: now + decision.delayMs }, now);
  } else if (decision.kind === 'skip' && decision.reason === 'loop-detected' && decision.pauseUntil !== undefined) {
    const conv = touch(d, convId, now);
    conv.pausedUntil = decision.pauseUntil;
    conv.recent = []; // the streak that caused the pause must not re-trigger when it ends
  }
}

/** Drops what can no longer affect a decision and keeps at most `keep` conversations. */
export function pruneHistory(history: AutoReplyHistory, now: number, keep: number = HISTORY_LIMITS.conversations): AutoReplyHistory {
  const accounts: AutoReplyHistory['accounts'] = {};
  for (const [id, times] of Object.entries(history.accounts)) {
    const kept = times.filter((t) => t > now - HISTORY_LIMITS.accountWindowMs).slice(-HISTORY_LIMITS.accountEntries);
    if (kept.length) accounts[id] = kept;
  }
  const conversations: [ConversationId, ConversationHistory][] = [];
  for (const [id, conv] of Object.entries(history.conversations)) {
    const lastByRule = Object.fromEntries(Object.entries(conv.lastByRule).filter(([, t]) => t > now - HISTORY_LIMITS.cooldownMaxMs));
    const recent = conv.recent.filter((r) => r.at > now - HISTORY_LIMITS.recentMaxAgeMs).slice(-HISTORY_LIMITS.recent);
    const paused = conv.pausedUntil !== undefined && conv.pausedUntil > now;
    if (!paused && recent.length === 0 && Object.keys(lastByRule).length === 0) continue;
    conversations.push([id, { lastByRule, recent, ...(paused ? { pausedUntil: conv.pausedUntil } : {}), touchedAt: conv.touchedAt }]);
  }
  // Over the bound, forget the conversations least recently touched (their cooldowns are the oldest).
  conversations.sort((a, b) => b[1].touchedAt - a[1].touchedAt);
  return { version: 1, accounts, conversations: Object.fromEntries(conversations.slice(0, keep)) };
}
