// Pushes on the user's channel (weibo-bayeux.md B.5), parsed from `unknown` into typed events.
// Pure. Both `msg` shapes are accepted: 2013 rows `[uid, text, time_ms]` and 2021 rows
// `[fromuid, text, time_ms, "", "", [], dmid, 0]` with an `info` object. uids may arrive as
// numbers or strings; times in ms or s.
import type { BayeuxReply } from './bayeux-messages.ts';
import { isRecord } from './bayeux-messages.ts';

export interface DmRecord {
  /** dmid when present, else a key from (uid, time, text) as the document suggests. */
  serverId: string;
  from: string;
  text: string;
  at: number;
  /** The sender's client marked it as an automatic reply (2021 `ext.autoReply`). */
  autoReply: boolean;
}

export interface PushContact {
  uid: string;
  nick: string;
  online?: boolean;
}

export type WeiboPush =
  | { kind: 'dms'; dms: DmRecord[] }
  | { kind: 'sentElsewhere'; serverId: string; peerId: string; text: string; at: number }
  | { kind: 'readElsewhere'; peerId: string }
  | { kind: 'contacts'; contacts: PushContact[]; source: 'roster' | 'recents' }
  | { kind: 'reply'; id: string; ret: number; data: Record<string, unknown> }
  | { kind: 'unknown'; reason: string };

const IGNORED_TYPES = new Set(['unreader', 'usersetting']);

function uidOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^[0-9]{1,20}$/.test(value)) return value;
  return undefined;
}

const textOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^[0-9]+$/.test(value)) return Number(value);
  return undefined;
}

/** Milliseconds; values that look like seconds (before 2001 in ms) are scaled. */
export function timeOf(value: unknown, fallback: number): number {
  const n = numberOf(value);
  if (n === undefined || n <= 0) return fallback;
  return n < 1e12 ? n * 1000 : n;
}

const idOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;

/** FNV-1a, for the fallback de-duplication key of DMs without a dmid. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export function fallbackDmKey(from: string, at: number, text: string): string {
  return `t${from}-${at}-${hash(text)}`;
}

function parseMsg(data: Record<string, unknown>, selfUid: string, now: number): WeiboPush[] {
  const info = isRecord(data['info']) ? data['info'] : undefined;
  const ext = isRecord(data['ext']) ? data['ext'] : undefined;
  const autoReply = ext?.['autoReply'] === true;
  const rows = Array.isArray(data['items']) ? data['items'] : [];
  const dms: DmRecord[] = [];
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    const single = rows.length === 1 ? info : undefined;
    const from = uidOf(row[0]) ?? uidOf(single?.['fromuid']);
    const text = textOf(row[1]) ?? textOf(single?.['content']);
    if (!from || text === undefined) continue;
    const at = timeOf(row[2] ?? single?.['time'], now);
    const dmid = idOf(row[6]) ?? idOf(single?.['dmid']);
    dms.push({ serverId: dmid ?? fallbackDmKey(from, at, text), from, text, at, autoReply });
  }
  if (rows.length === 0 && info) {
    const from = uidOf(info['fromuid']);
    const text = textOf(info['content']);
    if (from && text !== undefined) {
      const at = timeOf(info['time'], now);
      dms.push({ serverId: idOf(info['dmid']) ?? fallbackDmKey(from, at, text), from, text, at, autoReply });
    }
  }
  // Our own messages come back as `synchroniz`; a `msg` from ourselves is not an incoming DM.
  const incoming = dms.filter((dm) => dm.from !== selfUid);
  if (incoming.length === 0) return dms.length === 0 ? [{ kind: 'unknown', reason: 'msg push without readable items' }] : [];
  return [{ kind: 'dms', dms: incoming }];
}

function parseSync(data: Record<string, unknown>, selfUid: string, now: number): WeiboPush[] {
  const raw = data['syncData'];
  if (raw === undefined) return []; // a command reply `{type: "synchroniz", ret: 0}`
  let sync: unknown = raw;
  if (typeof raw === 'string') {
    try {
      sync = JSON.parse(raw);
    } catch {
      return [{ kind: 'unknown', reason: 'synchroniz syncData is not JSON' }];
    }
  }
  if (!isRecord(sync)) return [{ kind: 'unknown', reason: 'synchroniz syncData is not an object' }];
  const peerId = uidOf(sync['uid']);
  if (!peerId) return [{ kind: 'unknown', reason: 'synchroniz without uid' }];
  if (sync['type'] === 'dmread') return [{ kind: 'readElsewhere', peerId }];
  const text = textOf(sync['msg']);
  if (text === undefined) return [{ kind: 'unknown', reason: 'synchroniz without msg' }];
  const at = timeOf(sync['time'], now);
  const serverId = idOf(sync['dmid']) ?? idOf(sync['mid']) ?? fallbackDmKey(selfUid, at, text);
  return [{ kind: 'sentElsewhere', serverId, peerId, text, at }];
}

function parseRows(rows: unknown, withPresence: boolean): PushContact[] {
  if (!Array.isArray(rows)) return [];
  const contacts: PushContact[] = [];
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    const uid = uidOf(row[0]);
    if (!uid) continue;
    const contact: PushContact = { uid, nick: textOf(row[1]) ?? uid };
    if (withPresence) contact.online = row[2] === 1 || row[2] === '1' || row[2] === true;
    contacts.push(contact);
  }
  return contacts;
}

/** Everything one delivery on our channel means. */
export function parseDelivery(delivery: BayeuxReply, selfUid: string, now: number): WeiboPush[] {
  const data = delivery.data;
  if (!isRecord(data)) return [{ kind: 'unknown', reason: 'push data is not an object' }];
  const pushes: WeiboPush[] = [];
  const ret = numberOf(data['ret']) ?? (typeof data['ret'] === 'string' && /^-[0-9]+$/.test(data['ret']) ? Number(data['ret']) : undefined);
  if (delivery.id !== undefined && ret !== undefined) pushes.push({ kind: 'reply', id: delivery.id, ret, data });
  const type = data['type'];
  if (type === 'msg') pushes.push(...parseMsg(data, selfUid, now));
  else if (type === 'synchroniz') pushes.push(...parseSync(data, selfUid, now));
  else if (type === 'roster') pushes.push({ kind: 'contacts', contacts: parseRows(data['items'], true), source: 'roster' });
  else if (type === 'recents') pushes.push({ kind: 'contacts', contacts: parseRows(data['recents'], false), source: 'recents' });
  else if (typeof type === 'string' && IGNORED_TYPES.has(type)) return pushes;
  else if (ret === undefined) pushes.push({ kind: 'unknown', reason: `push of unknown type ${String(type)}` });
  return pushes;
}
