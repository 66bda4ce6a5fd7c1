// Pages read the store directly (read-only): the first frame needs no round trip to a worker
// that may be asleep. The worker remains the only writer.
import { unwrap, wrap } from 'idb';
import { DB_VERSION, openSwitchboardDb, type Db } from '../shared/db.ts';
import { newestMessages, recentConversations as recent } from '../shared/db-queries.ts';
import type { ListContact } from '../shared/compact-contacts.ts';
import type { Contact, Conversation, Message } from '../shared/domain.ts';
import { readListContacts } from './list-contacts.ts';

let dbPromise: Promise<Db> | undefined;
const db = () => (dbPromise ??= openSwitchboardDb());

/**
 * Use a connection the page already opened (the popup's first-screen read opens one before this
 * module has even loaded), instead of opening a second one on the first later read. Only one of
 * the current schema version; when a newer schema wants the database, the next read opens afresh.
 */
export function adoptConnection(raw: IDBDatabase): void {
  if (dbPromise || raw.version !== DB_VERSION) return;
  raw.addEventListener('versionchange', () => {
    dbPromise = undefined;
  });
  // The same database and version openSwitchboardDb opens: idb's typed wrapper over it.
  dbPromise = Promise.resolve(wrap(raw) as unknown as Db);
}

/**
 * Conversations by last activity, newest first. One getAll on the index is several times faster
 * than stepping a cursor record by record (each step is a round trip), which the first frame feels.
 */
export async function recentConversations(limit = 500): Promise<Conversation[]> {
  const store = await db();
  const count = await store.count('conversations');
  if (count > limit * 4) return recent(store, limit);
  return (await store.getAllFromIndex('conversations', 'byLastAt')).reverse().slice(0, limit);
}

/** Every full contact (the options page's names; the contacts list's last resort). */
export async function allContacts(): Promise<Contact[]> {
  return (await db()).getAll('contacts');
}

/** What the contacts list shows: the worker's compact records, or every contact without them. */
export async function listContacts(): Promise<ListContact[]> {
  return readListContacts(unwrap(await db()));
}

export async function messagesOf(conversationId: string, limit = 50, beforeAt?: number): Promise<Message[]> {
  return newestMessages(await db(), conversationId, limit, beforeAt);
}
