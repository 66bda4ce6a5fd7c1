// The IndexedDB schema, shared by the worker (the only writer) and the pages (readers: the popup
// renders its first frame straight from here without waking the worker — see docs/decisions.md).
import { openDB, unwrap, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { Contact, Conversation, Message } from './domain.ts';
import type { LedgerEntry } from '../background/autoreply/ledger.ts';

export const DB_NAME = 'switchboard';
/**
 * 2: `messages` and `conversations` lost their `byAccount` index. Their keys begin with the account
 * id and `|` (shared/domain.ts), so an account's records are already one key range
 * (`accountKeyRange`), and every stored message and conversation paid for an index nobody needed.
 */
export const DB_VERSION = 2;

export interface SwitchboardDb extends DBSchema {
  messages: {
    key: string;
    value: Message;
    indexes: { byConversation: [string, number] };
  };
  conversations: {
    key: string;
    value: Conversation;
    indexes: { byLastAt: number };
  };
  contacts: {
    key: [string, string];
    value: Contact;
    indexes: { byAccount: string };
  };
  /** Auto-reply ledger: one record per incoming message ever considered (invariant 3). */
  ledger: {
    key: string;
    value: LedgerEntry;
    indexes: { byAt: number };
  };
  /**
   * Incoming messages waiting for an auto-reply decision or for their planned send time. Written in
   * the same transaction that stores the message, so no crash can skip one.
   */
  replyQueue: {
    key: string;
    value: ReplyQueueRecord;
  };
  /** Small records that must change atomically with the queue (the auto-reply history). */
  kv: {
    key: string;
    value: unknown;
  };
}

/** One queued message; `plan` is set once a rule decided to reply: what to send and when. */
export interface ReplyQueueItem {
  messageKey: string;
  accountId: string;
  queuedAt: number;
  plan?: { ruleId: string; ruleName: string; ruleIds: string[]; text: string; sendAt: number };
}

/**
 * The new incoming messages of one stored batch, queued as ONE record (key `batch|<first message
 * key>`): a burst of a thousand costs one write here, not a thousand. The auto-replier expands it;
 * planned replies are then kept as single items.
 */
export interface ReplyQueueBatch {
  messageKey: string;
  accountId: string;
  queuedAt: number;
  messageKeys: string[];
}

export type ReplyQueueRecord = ReplyQueueItem | ReplyQueueBatch;

export function isQueueBatch(record: ReplyQueueRecord): record is ReplyQueueBatch {
  return 'messageKeys' in record;
}

export type Db = IDBPDatabase<SwitchboardDb>;

/**
 * The worker's transaction for storing messages and deciding their auto-replies: the inbox's
 * stores plus the ledger and the history (`kv`), so a message, its decision and its claim commit
 * together. The queue pass uses the same scope.
 */
export const WRITE_STORES = ['messages', 'conversations', 'contacts', 'replyQueue', 'kv', 'ledger'] as const;
export type WriteTx = IDBPTransaction<SwitchboardDb, typeof WRITE_STORES, 'readwrite'>;

/**
 * Every key of `messages` or `conversations` that belongs to the account: those keys are
 * `<accountId>|<…>`, and an account id never contains `|`. From `<accountId>|` (inclusive) to
 * `<accountId>}` (exclusive; `}` is the character after `|`).
 */
export function accountKeyRange(accountId: string): IDBKeyRange {
  return IDBKeyRange.bound(`${accountId}|`, `${accountId}}`, false, true);
}

export function openSwitchboardDb(): Promise<Db> {
  return openDB<SwitchboardDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion >= 1) {
        // Version 1's account indexes (see DB_VERSION), which the typed schema no longer names;
        // the records stay as they are.
        for (const name of ['messages', 'conversations'] as const) {
          const store = unwrap(tx.objectStore(name));
          if (store.indexNames.contains('byAccount')) store.deleteIndex('byAccount');
        }
        return;
      }
      const messages = db.createObjectStore('messages', { keyPath: 'key' });
      messages.createIndex('byConversation', ['conversationId', 'at']);
      const conversations = db.createObjectStore('conversations', { keyPath: 'id' });
      conversations.createIndex('byLastAt', 'lastAt');
      const contacts = db.createObjectStore('contacts', { keyPath: ['accountId', 'id'] });
      contacts.createIndex('byAccount', 'accountId');
      const ledger = db.createObjectStore('ledger', { keyPath: 'key' });
      ledger.createIndex('byAt', 'decidedAt');
      db.createObjectStore('replyQueue', { keyPath: 'messageKey' });
      db.createObjectStore('kv');
    },
    // A newer version (an updated worker) wants the database: this older connection lets it.
    blocking(_currentVersion, _blockedVersion, event) {
      (event.target as IDBDatabase).close();
    },
  });
}
