// The auto-reply history in IndexedDB (`kv`), one record per conversation plus one for the
// accounts' reply times, so a decision writes what it changed: a few hundred bytes, not the whole
// history (up to 2,000 conversations, ~400 KB, which took milliseconds to serialise on every
// reply). The worker keeps the whole history in memory (hub/auto-replier.ts) and reads it back only
// when the stamp says someone else wrote it.
import { emptyHistory, parseHistory, type AutoReplyHistory } from '../autoreply/history.ts';

/** Changes with every history write (see reply-decisions.ts). */
export const HISTORY_STAMP_KEY = 'autoReplyHistoryStamp';
const PREFIX = 'autoReplyHistory|';
const ACCOUNTS_KEY = `${PREFIX}accounts`;
const CONVERSATION_PREFIX = `${PREFIX}c|`;
/** The single record an earlier build kept; read once if nothing newer exists, then replaced. */
const WHOLE_KEY = 'autoReplyHistory';

/** The part of an object store these functions use (the `kv` store inside a transaction). */
export interface KvReader {
  get(key: string): Promise<unknown>;
  getAll(range: IDBKeyRange): Promise<unknown[]>;
  getAllKeys(range: IDBKeyRange): Promise<IDBValidKey[]>;
}
export interface KvStore extends KvReader {
  put(value: unknown, key: string): Promise<unknown>;
  delete(key: string): Promise<unknown>;
}

export interface ReadHistory {
  history: AutoReplyHistory;
  /** It came from an earlier build's single record: the next write writes every record and drops that one. */
  fromWholeRecord: boolean;
}

export async function readHistory(kv: KvReader): Promise<ReadHistory> {
  const range = IDBKeyRange.bound(PREFIX, `${PREFIX}\uffff`);
  const [keys, values, whole] = await Promise.all([kv.getAllKeys(range), kv.getAll(range), kv.get(WHOLE_KEY)]);
  if (keys.length === 0 && whole !== undefined) return { history: parseHistory(whole), fromWholeRecord: true };
  const raw: { version: 1; accounts: unknown; conversations: Record<string, unknown> } = { version: 1, accounts: {}, conversations: {} };
  keys.forEach((key, i) => {
    const name = String(key);
    if (name === ACCOUNTS_KEY) raw.accounts = values[i];
    else if (name.startsWith(CONVERSATION_PREFIX)) raw.conversations[name.slice(CONVERSATION_PREFIX.length)] = values[i];
  });
  return { history: parseHistory(raw), fromWholeRecord: false };
}

/**
 * Write what differs between the history as read (`before`) and the next one. Entries a decision
 * did not touch are the same objects in both (history.ts copies only what it changes), so
 * comparing by identity finds exactly the changed records.
 */
export function writeHistory(kv: KvStore, before: ReadHistory, next: AutoReplyHistory): Promise<unknown>[] {
  const stored = before.fromWholeRecord ? emptyHistory() : before.history;
  const writes: Promise<unknown>[] = before.fromWholeRecord ? [kv.delete(WHOLE_KEY)] : [];
  const accountIds = new Set([...Object.keys(stored.accounts), ...Object.keys(next.accounts)]);
  if ([...accountIds].some((id) => stored.accounts[id] !== next.accounts[id])) writes.push(kv.put(next.accounts, ACCOUNTS_KEY));
  for (const [id, conversation] of Object.entries(next.conversations)) {
    if (stored.conversations[id] !== conversation) writes.push(kv.put(conversation, CONVERSATION_PREFIX + id));
  }
  for (const id of Object.keys(stored.conversations)) if (!(id in next.conversations)) writes.push(kv.delete(CONVERSATION_PREFIX + id));
  return writes;
}
