// The contacts list's read, with the plain IndexedDB API (the popup runs it before idb loads): the
// worker's compact records (shared/compact-contacts.ts) and which accounts have contacts, in one
// transaction. When the records cannot stand for the store (data stored before the worker kept
// them and not yet rebuilt, a shape that is not ours), every full contact is read instead: the
// list is never partial, only slower.
import { accountsWithContacts, COMPACT_CONTACTS_BOUNDS, listContactsOf, type ListContact } from '../shared/compact-contacts.ts';
import type { Contact } from '../shared/domain.ts';
import { requestResult as result } from './idb-request.ts';

/** Every stored contact, full records (2 MB for 5,000): the fallback. */
function readAllContacts(db: IDBDatabase): Promise<Contact[]> {
  return result(db.transaction('contacts', 'readonly').objectStore('contacts').getAll() as IDBRequest<Contact[]>);
}

/** What the contacts list shows, in the contacts store's order. */
export async function readListContacts(db: IDBDatabase): Promise<ListContact[]> {
  if (!db.objectStoreNames.contains('kv')) return readAllContacts(db);
  const reading = db.transaction(['kv', 'contacts'], 'readonly');
  const [records, holders] = await Promise.all([
    result(reading.objectStore('kv').getAll(IDBKeyRange.bound(...COMPACT_CONTACTS_BOUNDS, false, true)) as IDBRequest<unknown[]>),
    accountsWithContacts(reading.objectStore('contacts')),
  ]);
  const list = listContactsOf(records, holders);
  if (list) return list;
  // The benchmark's log shows which read an opening took.
  performance.mark('contacts:full-read');
  return readAllContacts(db);
}
