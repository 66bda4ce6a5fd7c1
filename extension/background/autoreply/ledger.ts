// The reply ledger: invariant 3, at most one auto-reply per incoming message, ever. One entry per
// incoming message, written as `decided` BEFORE the send. From there it moves exactly once:
//
//   decided ──send ok──▶ sent
//      │  └──send failed / cancelled──▶ failed
//      └──found at start-up (the worker died between decision and outcome)──▶ unknown
//
// Nothing ever leaves sent, failed or unknown, and nothing is retried: a message that already has
// an entry, in any state, is never decided again. `unknown` may mean the reply went out.
import type { AccountId, SendResult, ServiceId } from '../../shared/domain.ts';

export type LedgerKey = string;

/** service + account + incoming message id. The account id already names its service; the
 *  service leads the key so one service's entries list together. */
export function ledgerKey(service: ServiceId, accountId: AccountId, incomingId: string): LedgerKey {
  return `${service}|${accountId}|${incomingId}`;
}

interface LedgerBase {
  key: LedgerKey;
  service: ServiceId;
  accountId: AccountId;
  peerId: string;
  /** The incoming message's serverId. */
  incomingId: string;
  ruleId: string;
  ruleName: string;
  ruleIds: string[];
  text: string;
  decidedAt: number;
  /** decidedAt + delay: when the worker should send. */
  sendAt: number;
}

export type LedgerEntry =
  | (LedgerBase & { state: 'decided' })
  | (LedgerBase & { state: 'sent'; at: number; serverId: string })
  | (LedgerBase & { state: 'failed'; at: number; error: string })
  | (LedgerBase & { state: 'unknown'; at: number; note: string });

export type LedgerState = LedgerEntry['state'];

/**
 * Storage for the ledger (IndexedDB in the worker, a Map in tests). The claim itself is not here:
 * the worker writes a `decided` entry after finding none, inside one readwrite transaction (the one
 * that stores the message, or a queue pass: hub/reply-decisions.ts), which no other writer can
 * interleave with.
 */
export interface LedgerStore {
  get(key: LedgerKey): Promise<LedgerEntry | undefined>;
  put(entry: LedgerEntry): Promise<void>;
  /** Entries in a state, or all; any order. */
  list(state?: LedgerState): Promise<LedgerEntry[]>;
  delete(keys: LedgerKey[]): Promise<void>;
}

/** What a decision claims: the entry's fields less those the ledger derives, plus the delay. */
export type DecidedReply = Omit<LedgerBase, 'key' | 'decidedAt' | 'sendAt'> & { delayMs: number };

export function decidedEntry(reply: DecidedReply, now: number): LedgerEntry {
  const { delayMs, ...rest } = reply;
  return { ...rest, key: ledgerKey(reply.service, reply.accountId, reply.incomingId), decidedAt: now, sendAt: now + delayMs, state: 'decided' };
}

export type Transition = { ok: true; entry: LedgerEntry } | { ok: false; entry: LedgerEntry; error: string };

const refuse = (entry: LedgerEntry, to: string): Transition => ({
  ok: false,
  entry,
  error: `ledger ${entry.key}: cannot go from ${entry.state} to ${to}; only a decided entry moves, once`,
});

/** The send's one and only outcome. A failure is final: auto-replies are never retried. */
export function recordOutcome(entry: LedgerEntry, result: SendResult, now: number): Transition {
  if (entry.state !== 'decided') return refuse(entry, result.ok ? 'sent' : 'failed');
  return result.ok
    ? { ok: true, entry: { ...base(entry), state: 'sent', at: result.at, serverId: result.serverId } }
    : { ok: true, entry: { ...base(entry), state: 'failed', at: now, error: result.error } };
}

/** The worker chose not to send after all (auto-reply switched off during the delay, account gone). */
export function cancel(entry: LedgerEntry, why: string, now: number): Transition {
  if (entry.state !== 'decided') return refuse(entry, 'failed');
  return { ok: true, entry: { ...base(entry), state: 'failed', at: now, error: `not sent: ${why}` } };
}

/** At start-up, a decided entry means the worker died mid-way: the reply may or may not be out. */
export function markUnknown(entry: LedgerEntry, now: number): Transition {
  if (entry.state !== 'decided') return refuse(entry, 'unknown');
  return {
    ok: true,
    entry: { ...base(entry), state: 'unknown', at: now, note: 'the worker stopped between deciding and sending; the reply may or may not have been sent, and is not retried' },
  };
}

function base(entry: LedgerEntry): LedgerBase {
  const { key, service, accountId, peerId, incomingId, ruleId, ruleName, ruleIds, text, decidedAt, sendAt } = entry;
  return { key, service, accountId, peerId, incomingId, ruleId, ruleName, ruleIds, text, decidedAt, sendAt };
}

// ---- store helpers the worker calls -----------------------------------------------------------

/** Run once at worker start-up, before any send: every `decided` entry becomes `unknown`. */
export async function recoverAfterRestart(store: LedgerStore, now: number): Promise<LedgerEntry[]> {
  const changed: LedgerEntry[] = [];
  for (const entry of await store.list('decided')) {
    const t = markUnknown(entry, now);
    if (t.ok) {
      await store.put(t.entry);
      changed.push(t.entry);
    }
  }
  return changed;
}

/**
 * Ledger retention. Forgetting an entry is safe once its message is too old to be auto-replied
 * (MAX_MESSAGE_AGE_MINUTES, well under a day): a re-delivered old message is refused as stale.
 */
export const LEDGER_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** Entries younger than this are never pruned, not even to respect `max`. */
const LEDGER_PROTECT_MS = 24 * 60 * 60 * 1000;

/** Keys to delete: finished entries past retention, then the oldest finished ones beyond `max`. */
export function keysToPrune(entries: readonly LedgerEntry[], now: number, max = 5000): LedgerKey[] {
  const finished = entries.filter((e) => e.state !== 'decided' && e.decidedAt < now - LEDGER_PROTECT_MS).sort((a, b) => a.decidedAt - b.decidedAt);
  const expired = finished.filter((e) => e.decidedAt < now - LEDGER_RETENTION_MS);
  const excess = Math.max(0, entries.length - expired.length - max);
  const extra = finished.slice(expired.length, expired.length + excess);
  return [...expired, ...extra].map((e) => e.key);
}
