// What one GetMsgEx reply means (A.6): chat messages, presence notices, friend-request events.
// Pure. GetMsgEx has no message ids and no acknowledgement, so each message gets a derived id:
// type + sender + content hash + a 10-second time bucket + its ordinal among identical messages in
// the same reply. The same text from the same sender delivered twice within one bucket collapses
// to one message in the inbox (the heuristic dedupe of A.6); distinct repeats in one reply stay.
import type { IncomingMessage, Presence } from '../../../shared/domain.ts';
import { integer, rows, type Reply } from './codec.ts';
import { contactOf, type ContactUpsert } from './friends.ts';
import {
  MT_CHAT,
  MT_FRIEND_REQUEST,
  MT_REQUEST_ACCEPTED,
  MT_REQUEST_REFUSED,
  MT_STATUS,
  SYSTEM_NAME,
  SYSTEM_UIN,
  isUin,
  presenceOf,
} from './protocol.ts';

export const DEDUPE_WINDOW_MS = 10_000;

export interface InboxContext {
  now: number;
  names: Readonly<Record<string, string>>;
  /** Contacts already stored (friends, known strangers): senders outside it are added. */
  known: ReadonlySet<string>;
}

export interface Interpreted {
  messages: IncomingMessage[];
  contacts: ContactUpsert[];
  /** People who accepted our request (MT 3): now friends. */
  newFriends: string[];
  presence: Map<string, Presence>;
  notes: string[];
}

export type InterpretResult = { ok: true; batch: Interpreted } | { ok: false; error: string };

/** FNV-1a over UTF-16 code units: a short stable fingerprint, not a security hash. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

export function messageId(type: number, from: string, text: string, at: number, ordinal: number): string {
  return `qq-${type}-${from}-${fingerprint(text)}-${Math.floor(at / DEDUPE_WINDOW_MS)}-${ordinal}`;
}

export function interpretMessages(reply: Reply, ctx: InboxContext): InterpretResult {
  const table = rows(reply, ['MT', 'UN', 'MG']);
  if (!table.ok) return table;
  const count = integer(reply, 'MN', table.rows.length);
  if (count !== table.rows.length) return { ok: false, error: `MN=${count} but ${table.rows.length} messages` };

  const batch: Interpreted = { messages: [], contacts: [], newFriends: [], presence: new Map(), notes: [] };
  const ordinals = new Map<string, number>();
  const known = new Set(ctx.known);
  const nameOf = (uin: string) => (uin === SYSTEM_UIN ? ctx.names[uin] || SYSTEM_NAME : ctx.names[uin]);
  const addMessage = (type: number, from: string, text: string, kind: 'text' | 'system', index: number) => {
    const key = `${type}|${from}|${text}`;
    const ordinal = ordinals.get(key) ?? 0;
    ordinals.set(key, ordinal + 1);
    batch.messages.push({
      serverId: messageId(type, from, text, ctx.now, ordinal),
      peerId: from,
      direction: 'in',
      senderId: from,
      ...(nameOf(from) ? { senderName: nameOf(from) } : {}),
      // No server time exists: receipt time, offset by position so the reply's order survives sorting.
      at: ctx.now + index,
      kind,
      text,
    });
  };
  const ensureContact = (from: string) => {
    if (known.has(from)) return;
    known.add(from);
    batch.contacts.push(contactOf(from, nameOf(from)));
  };

  table.rows.forEach((row, index) => {
    const type = Number(row.MT.trim());
    const from = row.UN.trim();
    const text = row.MG;
    if (!isUin(from)) {
      batch.notes.push(`GetMsgEx: sender is not a QQ number: ${JSON.stringify(from.slice(0, 40))}`);
      return;
    }
    const name = nameOf(from) || from;
    switch (type) {
      case MT_CHAT:
        ensureContact(from);
        addMessage(type, from, text, from === SYSTEM_UIN ? 'system' : 'text', index);
        return;
      case MT_STATUS: {
        const presence = presenceOf(Number(text.trim()));
        if (!presence) {
          batch.notes.push(`GetMsgEx: unknown status ${JSON.stringify(text.slice(0, 40))} from ${from}`);
          return;
        }
        batch.presence.set(from, presence);
        batch.contacts.push(contactOf(from, nameOf(from), presence));
        known.add(from);
        return;
      }
      case MT_FRIEND_REQUEST:
        known.add(from);
        batch.contacts.push({ ...contactOf(from, nameOf(from)), request: { text, at: ctx.now + index } });
        return;
      case MT_REQUEST_ACCEPTED:
        known.add(from);
        batch.newFriends.push(from);
        batch.contacts.push(contactOf(from, nameOf(from)));
        addMessage(type, from, `${name} accepted your friend request`, 'system', index);
        return;
      case MT_REQUEST_REFUSED:
        ensureContact(from);
        addMessage(type, from, `${name} refused your friend request${text.trim() ? `: ${text}` : ''}`, 'system', index);
        return;
      default:
        batch.notes.push(`GetMsgEx: unknown message type MT=${row.MT.slice(0, 20)} from ${from}`);
    }
  });
  return { ok: true, batch };
}
