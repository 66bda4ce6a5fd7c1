// The compact copy of the contacts that the popup's list and search read: per account, one `kv`
// record holding only what a list row and search use (no avatar, no note), column by column.
// 5,000 full contacts are 2 MB and take 37-110 ms to read in a page; their compact copy is about
// a third of that, and as columns (arrays of strings) it is decoded several times faster than as
// 5,000 objects (docs/performance.md, section 3). The worker, the only writer, keeps each record
// in the same transaction as the contacts it mirrors (background/inbox/compact-contacts-write.ts,
// store.ts). This module is what both sides need, and it is on the popup's first-load path: the
// record's shape, its keys, and reading it (plain IndexedDB, no idb).
import type { AccountId, Contact, ContactKind, Presence } from './domain.ts';

/** What the contacts list and search use of a contact. */
export type CompactContact = Pick<Contact, 'id' | 'name' | 'remark' | 'kind' | 'pinyin' | 'memberCount' | 'presence' | 'request'>;

/** A contacts-list row's contact: the compact fields and the account. A full Contact is one too. */
export type ListContact = CompactContact & Pick<Contact, 'accountId'>;

export const COMPACT_CONTACTS_FORMAT = 1;

/**
 * The `kv` value at `compactContactsKey(accountId)`: one array per field, row i of every array
 * being one contact; `null` where the contact has no such field. Rows are in the contacts store's
 * key order (by id), so a page reads them in the order a getAll would give.
 */
export interface CompactContactsRecord {
  format: typeof COMPACT_CONTACTS_FORMAT;
  accountId: AccountId;
  ids: string[];
  names: string[];
  kinds: ContactKind[];
  remarks: (string | null)[];
  pinyinInitials: (string | null)[];
  pinyinFull: (string | null)[];
  memberCounts: (number | null)[];
  presences: (Presence | null)[];
  requests: (NonNullable<Contact['request']> | null)[];
}

/** The record's columns: what a writer fills row by row. */
export type CompactColumns = Omit<CompactContactsRecord, 'format' | 'accountId'>;
export const COMPACT_COLUMNS = ['ids', 'names', 'kinds', 'remarks', 'pinyinInitials', 'pinyinFull', 'memberCounts', 'presences', 'requests'] as const satisfies readonly (keyof CompactColumns)[];

const PREFIX = 'contactsCompact|';
export const compactContactsKey = (accountId: AccountId): string => `${PREFIX}${accountId}`;
/**
 * Every account's record and nothing else of `kv`: keys from the prefix (inclusive) to the prefix
 * with its `|` bumped to `}` (exclusive). In key order, which is the accounts' order in the
 * contacts store too (one common prefix keeps string order).
 */
export const COMPACT_CONTACTS_BOUNDS: readonly [lower: string, upper: string] = [PREFIX, 'contactsCompact}'];

/** How many contacts a record holds. */
export const compactSize = (record: CompactContactsRecord): number => record.ids.length;

/** The record's contacts as objects, in its order. */
export function contactsOfCompact(record: CompactContactsRecord): ListContact[] {
  const { accountId, ids, names, kinds, remarks, pinyinInitials, pinyinFull, memberCounts, presences, requests } = record;
  const out: ListContact[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i += 1) {
    const c: ListContact = { accountId, id: ids[i]!, name: names[i]!, kind: kinds[i]! };
    const remark = remarks[i];
    if (remark != null) c.remark = remark;
    const initials = pinyinInitials[i];
    if (initials != null) c.pinyin = { initials, full: pinyinFull[i] ?? '' };
    const members = memberCounts[i];
    if (members != null) c.memberCount = members;
    const presence = presences[i];
    if (presence != null) c.presence = presence;
    const request = requests[i];
    if (request != null) c.request = request;
    out[i] = c;
  }
  return out;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * The record if `value` looks like one of ours (the page reads what our worker wrote: a cheap
 * shape check, every column an array of the same length and the texts search reads strings, not a validation
 * of every value), else
 * undefined.
 */
export function parseCompact(value: unknown): CompactContactsRecord | undefined {
  if (!isObject(value) || value['format'] !== COMPACT_CONTACTS_FORMAT || typeof value['accountId'] !== 'string') return undefined;
  const ids = value['ids'];
  if (!Array.isArray(ids)) return undefined;
  for (const name of COMPACT_COLUMNS) {
    const column = value[name];
    if (!Array.isArray(column) || column.length !== ids.length) return undefined;
  }
  // Search lower-cases these: a value that is not a string would break the page, not just a row.
  const texts = [ids, value['names'], value['kinds']] as unknown[][];
  for (const column of texts) for (const text of column) if (typeof text !== 'string') return undefined;
  return value as unknown as CompactContactsRecord;
}

/**
 * The list contacts of every account's record, in the contacts store's order, or undefined when
 * they cannot stand for the store: a record that does not parse, or records for other accounts
 * than those that have contacts (`holders`, in key order; a record is missing for data stored
 * before records existed, until the worker has rebuilt it).
 */
export function listContactsOf(values: readonly unknown[], holders: readonly AccountId[]): ListContact[] | undefined {
  if (values.length !== holders.length) return undefined;
  const records: CompactContactsRecord[] = [];
  for (const [i, value] of values.entries()) {
    const record = parseCompact(value);
    if (!record || record.accountId !== holders[i]) return undefined;
    records.push(record);
  }
  return records.length === 1 ? contactsOfCompact(records[0]!) : records.flatMap(contactsOfCompact);
}

/**
 * The accounts that have contacts, in key order: a key cursor over the contacts store that jumps
 * from each account's first key past its last (`[account, []]`: an array sorts after every string
 * id), so one step per account. Measured with 5,000 contacts: 1-2 ms, where a count walks every
 * record (7-25 ms) and a `nextunique` cursor on the account index every entry (26-86 ms). A reverse
 * cursor issued at the same time gives the last account, so the walk stops there instead of
 * stepping once more to find the end: with one account, no step after the first key at all (a
 * round trip on the popup's way to its contacts). Both the popup's read and the worker's repair
 * use it.
 */
export function accountsWithContacts(store: IDBObjectStore): Promise<string[]> {
  const accountOf = (cursor: IDBCursor) => (cursor.key as [string, string])[0];
  const last = new Promise<string | undefined>((resolve, reject) => {
    const request = store.openKeyCursor(null, 'prev');
    request.onsuccess = () => resolve(request.result ? accountOf(request.result) : undefined);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
  return new Promise((resolve, reject) => {
    const out: string[] = [];
    const request = store.openKeyCursor();
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve(out);
      const account = accountOf(cursor);
      out.push(account);
      // The reverse cursor was issued first, so its answer is in by now.
      last.then((final) => (account === final ? resolve(out) : cursor.continue([account, []])), reject);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}
