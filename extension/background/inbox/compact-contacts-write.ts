// Writing the compact contacts records (shared/compact-contacts.ts): built from an account's
// contacts, or patched with the same change the contacts store got. Pure; the worker's inbox
// store puts the result in the contacts' own transaction. Kept apart from the shared module so
// the popup's first load does not carry the writer.
import { COMPACT_COLUMNS, COMPACT_CONTACTS_FORMAT, type CompactColumns as Columns, type CompactContactsRecord } from '../../shared/compact-contacts.ts';
import type { AccountId, Contact } from '../../shared/domain.ts';

const emptyColumns = (): Columns => ({ ids: [], names: [], kinds: [], remarks: [], pinyinInitials: [], pinyinFull: [], memberCounts: [], presences: [], requests: [] });

/** Write one contact into row `i` (past the end: a new row). */
function setRow(cols: Columns, i: number, c: Omit<Contact, 'accountId'>): void {
  cols.ids[i] = c.id;
  cols.names[i] = c.name;
  cols.kinds[i] = c.kind;
  cols.remarks[i] = c.remark ?? null;
  cols.pinyinInitials[i] = c.pinyin?.initials ?? null;
  cols.pinyinFull[i] = c.pinyin?.full ?? null;
  cols.memberCounts[i] = c.memberCount ?? null;
  cols.presences[i] = c.presence ?? null;
  cols.requests[i] = c.request ?? null;
}

/** Rows `order` (indexes into `cols`) as new columns. */
function pick(cols: Columns, order: readonly number[]): Columns {
  const out = emptyColumns();
  for (const name of COMPACT_COLUMNS) (out[name] as unknown[]) = order.map((i) => cols[name][i]);
  return out;
}

/** Row indexes `rows` sorted by id, as IndexedDB orders string keys (by UTF-16 code unit, like `<`). */
function byIdOrder(ids: readonly string[], rows: number[] = ids.map((_, i) => i)): number[] {
  return rows.sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
}

const recordOf = (accountId: AccountId, cols: Columns): CompactContactsRecord => ({ format: COMPACT_CONTACTS_FORMAT, accountId, ...cols });

/** The record built from every stored contact of one account (any order). */
export function buildCompact(accountId: AccountId, contacts: readonly Omit<Contact, 'accountId'>[]): CompactContactsRecord {
  const cols = emptyColumns();
  contacts.forEach((c, i) => setRow(cols, i, c));
  return recordOf(accountId, pick(cols, byIdOrder(cols.ids)));
}

/**
 * The record after the same change the contacts store got: every upsert replaces its contact
 * whole (the store `put`s it), then the removals. Rows are patched in place; the rows are sorted
 * again only when a new id was added.
 */
export function patchCompact(record: CompactContactsRecord, upsert: readonly Omit<Contact, 'accountId'>[], remove: readonly string[]): CompactContactsRecord {
  const cols = pick(record, record.ids.map((_, i) => i));
  const at = new Map<string, number>();
  cols.ids.forEach((id, i) => at.set(id, i));
  let added = false;
  for (const contact of upsert) {
    let i = at.get(contact.id);
    if (i === undefined) {
      i = cols.ids.length;
      at.set(contact.id, i);
      added = true;
    }
    setRow(cols, i, contact);
  }
  const gone = new Set(remove.filter((id) => at.has(id)));
  if (!gone.size && !added) return recordOf(record.accountId, cols);
  const kept = cols.ids.map((_, i) => i).filter((i) => !gone.has(cols.ids[i]!));
  return recordOf(record.accountId, pick(cols, added ? byIdOrder(cols.ids, kept) : kept));
}
