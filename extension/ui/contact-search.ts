// Contact search over thousands of entries in well under a frame: every searchable string is
// lower-cased once when the index is built, so a keystroke is one pass of `includes` per entry.
// Matches nickname, remark, pinyin initials and full pinyin (the service's, else computed lazily).
import type { ListContact } from '../shared/compact-contacts.ts';
import type { Contact, Conversation, Presence, ServiceId } from '../shared/domain.ts';
import { conversationId, serviceOf } from '../shared/domain.ts';

export interface Pinyin {
  initials: string;
  full: string;
}

/** One row of the contacts list: a contact, or a conversation whose peer is not a stored contact. */
export interface Entry {
  conversationId: string;
  accountId: string;
  service: ServiceId;
  peerId: string;
  name: string;
  remark?: string;
  kind: Contact['kind'];
  memberCount?: number;
  presence?: Presence;
  request?: Contact['request'];
  /** Lower-cased haystacks. */
  hayName: string;
  hayRemark: string;
  hayInitials: string;
  hayFull: string;
  /** Sort key: pinyin when known so Chinese names sort by sound, as the services' own lists do. */
  sortKey: string;
}

export interface SearchIndex {
  entries: Entry[];
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
export const hasHan = (text: string): boolean => HAN.test(text);

/** What the list shows as a contact's title: the user's remark first, as the services do. */
export const displayName = (e: Pick<Entry, 'name' | 'remark'>): string => e.remark || e.name;

/**
 * One contact's entry. Built for thousands at once on the popup's way to `contacts:ready`: no
 * temporary arrays or spreads on the usual paths (pinyin given by the service, or none yet).
 */
function entryOf(contact: ListContact, service: ServiceId, computed?: (text: string) => Pinyin | undefined): Entry {
  const { accountId, id, name, remark } = contact;
  const given = contact.pinyin;
  let initials = '';
  let full = '';
  let titlePinyin: string | undefined;
  if (given) {
    initials = given.initials;
    full = given.full;
    // The service's full pinyin is the name's, then the remark's when there is one, space-separated.
    const space = full.indexOf(' ');
    if (remark && space >= 0) {
      const end = full.indexOf(' ', space + 1);
      titlePinyin = full.slice(space + 1, end < 0 ? full.length : end);
    } else titlePinyin = space < 0 ? full : full.slice(0, space);
  } else if (computed) {
    const fromName = computed(name);
    const fromRemark = remark ? computed(remark) : undefined;
    initials = [fromName?.initials, fromRemark?.initials].filter(Boolean).join(' ');
    full = [fromName?.full, fromRemark?.full].filter(Boolean).join(' ');
    titlePinyin = (fromRemark ?? fromName)?.full;
  }
  const entry: Entry = {
    conversationId: conversationId(accountId, id),
    accountId,
    service,
    peerId: id,
    name,
    kind: contact.kind,
    hayName: name.toLowerCase(),
    hayRemark: remark ? remark.toLowerCase() : '',
    hayInitials: initials.toLowerCase(),
    hayFull: full.toLowerCase(),
    sortKey: (titlePinyin || remark || name).toLowerCase(),
  };
  if (remark) entry.remark = remark;
  if (contact.memberCount !== undefined) entry.memberCount = contact.memberCount;
  if (contact.presence) entry.presence = contact.presence;
  if (contact.request) entry.request = contact.request;
  return entry;
}

function entryOfConversation(c: Conversation, computed?: (text: string) => Pinyin | undefined): Entry {
  const py = computed?.(c.title);
  return {
    conversationId: c.id,
    accountId: c.accountId,
    service: c.service,
    peerId: c.peerId,
    name: c.title,
    kind: c.isGroup ? 'group' : 'user',
    hayName: c.title.toLowerCase(),
    hayRemark: '',
    hayInitials: (py?.initials ?? '').toLowerCase(),
    hayFull: (py?.full ?? '').toLowerCase(),
    sortKey: (py?.full || c.title).toLowerCase(),
  };
}

/**
 * Build the index. `computed` gives pinyin for Chinese text the service did not romanize (loaded
 * lazily: the index is rebuilt once it is ready). System contacts are left out of the list.
 */
export function buildIndex(contacts: readonly ListContact[], conversations: Conversation[] = [], computed?: (text: string) => Pinyin | undefined): SearchIndex {
  const entries: Entry[] = [];
  const seen = new Set<string>();
  // Contacts come account by account: the service is worked out once per account.
  let account = '';
  let service: ServiceId = 'wechat';
  for (const contact of contacts) {
    if (contact.kind === 'system') continue;
    if (contact.accountId !== account) {
      account = contact.accountId;
      service = serviceOf(account);
    }
    const entry = entryOf(contact, service, computed);
    seen.add(entry.conversationId);
    entries.push(entry);
  }
  for (const c of conversations) if (!seen.has(c.id)) entries.push(entryOfConversation(c, computed));
  entries.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  return { entries };
}

/** Lower-case, trimmed, inner spaces dropped for pinyin ("zhang san" finds "zhangsan"). */
export function normalizeQuery(query: string): { text: string; compact: string } {
  const text = query.trim().toLowerCase();
  return { text, compact: text.replace(/\s+/g, '') };
}

/**
 * Entries matching the query, best first: a match at the start of the name or remark, then a
 * pinyin-initials or full-pinyin prefix, then a match anywhere. Stable within a rank (sort order).
 */
export function search(index: SearchIndex, query: string, limit = Infinity): Entry[] {
  const { text, compact } = normalizeQuery(query);
  if (!text) return index.entries.slice(0, limit);
  const ranks: Entry[][] = [[], [], []];
  const latin = /^[a-z]+$/.test(compact);
  for (const e of index.entries) {
    let rank = -1;
    if (e.hayName.startsWith(text) || e.hayRemark.startsWith(text)) rank = 0;
    else if (latin && (startsAnyWord(e.hayInitials, compact) || startsAnyWord(e.hayFull, compact))) rank = 1;
    else if (e.hayName.includes(text) || e.hayRemark.includes(text) || (latin && (e.hayInitials.includes(compact) || e.hayFull.includes(compact))) || e.peerId === text) rank = 2;
    if (rank >= 0) ranks[rank]!.push(e);
  }
  const out = ranks[0]!.concat(ranks[1]!, ranks[2]!);
  return out.length > limit ? out.slice(0, limit) : out;
}

/** `hay` holds space-separated parts (name's pinyin, remark's pinyin): does one start with `q`? */
function startsAnyWord(hay: string, q: string): boolean {
  if (!hay) return false;
  if (hay.startsWith(q)) return true;
  let at = hay.indexOf(' ');
  while (at >= 0) {
    if (hay.startsWith(q, at + 1)) return true;
    at = hay.indexOf(' ', at + 1);
  }
  return false;
}
