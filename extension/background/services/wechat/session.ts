// The persisted WeChat session (invariant 2: resumable anywhere) and the live state around it.
import type { AccountSlot } from '../connector.ts';
import { ContactBook } from './contacts.ts';
import { familyFor, type HostFamily } from './hosts.ts';
import type { MediaHosts } from './media-urls.ts';
import { asRecord, num, readSyncKey, str, type SyncKey } from './wire.ts';

export const SESSION_SLOT = 'session';
/** Recently seen MsgIds kept with the session (digest §4.3 recommends a bounded persisted set). */
export const SEEN_LIMIT = 300;
/** Recent sends kept for revoke (needs ClientMsgId and the 2-minute window). */
export const SENT_LIMIT = 20;

export interface SentRecord {
  id: string;
  to: string;
  at: number;
  clientMsgId: string;
}

export interface WechatSession {
  v: 1;
  /** Main host of the family (wx.qq.com, wx2.qq.com, ...). */
  host: string;
  uin: string;
  sid: string;
  skey: string;
  passTicket: string;
  deviceId: string;
  syncKey: SyncKey | null;
  syncCheckKey: SyncKey | null;
  self: { id: string; name: string } | null;
  /** The synccheck host that answered retcode 0, once known. */
  pushHost: string | null;
  /** Server time (unix s) of the QR login: older messages are history. */
  loginAt: number;
  seen: string[];
  sent: SentRecord[];
}

/** Validate what storage gave back; anything inconsistent means "no session" (QR login). */
export function readStoredSession(value: unknown): WechatSession | undefined {
  const obj = asRecord(value);
  if (!obj || obj.v !== 1) return undefined;
  const host = str(obj, 'host');
  if (!familyFor(host) || familyFor(host)?.main !== host) return undefined;
  const uin = str(obj, 'uin');
  const sid = str(obj, 'sid');
  const skey = str(obj, 'skey');
  const passTicket = str(obj, 'passTicket');
  const deviceId = str(obj, 'deviceId');
  if (!/^\d+$/.test(uin) || !sid || !skey || !passTicket || !/^e\d{15}$/.test(deviceId)) return undefined;
  const self = asRecord(obj.self);
  const seen = Array.isArray(obj.seen) ? obj.seen.filter((id): id is string => typeof id === 'string').slice(-SEEN_LIMIT) : [];
  const sent = Array.isArray(obj.sent)
    ? obj.sent
        .map(asRecord)
        .filter((r) => r !== undefined)
        .map((r) => ({ id: str(r, 'id'), to: str(r, 'to'), at: num(r, 'at'), clientMsgId: str(r, 'clientMsgId') }))
        .filter((r) => r.id && r.to)
        .slice(-SENT_LIMIT)
    : [];
  const pushHost = str(obj, 'pushHost');
  return {
    v: 1,
    host,
    uin,
    sid,
    skey,
    passTicket,
    deviceId,
    syncKey: readSyncKey(obj.syncKey) ?? null,
    syncCheckKey: readSyncKey(obj.syncCheckKey) ?? null,
    self: self && str(self, 'id') ? { id: str(self, 'id'), name: str(self, 'name') } : null,
    pushHost: pushHost && familyFor(host)?.push.includes(pushHost) ? pushHost : null,
    loginAt: num(obj, 'loginAt'),
    seen,
    sent,
  };
}

/** Everything one signed-in session needs at run time. Contacts are per session: UserNames change per login. */
export class SessionState {
  readonly family: HostFamily;
  readonly book: ContactBook;
  /** True from a QR login until its first sync round is drained: that round is all history. */
  replayAll = false;
  lastBatchAt = Number.NEGATIVE_INFINITY;
  /** synccheck's `_`: starts at a timestamp and counts up per call, like the web page. */
  syncCounter: number;
  private readonly seenSet: Set<string>;

  constructor(
    public session: WechatSession,
    private readonly slot: AccountSlot<WechatSession>,
    nowMs: number,
  ) {
    const family = familyFor(session.host);
    if (!family) throw new Error(`not a WeChat host: ${session.host}`);
    this.family = family;
    this.book = new ContactBook(family.main);
    this.syncCounter = nowMs;
    this.seenSet = new Set(session.seen);
  }

  get selfId(): string {
    return this.session.self?.id ?? '';
  }

  baseRequest(): { Uin: number; Sid: string; Skey: string; DeviceID: string } {
    const s = this.session;
    return { Uin: Number(s.uin), Sid: s.sid, Skey: s.skey, DeviceID: s.deviceId };
  }

  mediaHosts(): MediaHosts {
    const s = this.session;
    return { mainHost: this.family.main, fileHost: this.family.file, skey: s.skey, uin: s.uin, passTicket: s.passTicket };
  }

  hasSeen(id: string): boolean {
    return this.seenSet.has(id);
  }

  /** Remember ids in memory; they are persisted with the next persist(). */
  remember(ids: string[]): void {
    for (const id of ids) {
      if (this.seenSet.has(id)) continue;
      this.seenSet.add(id);
      this.session.seen.push(id);
    }
    while (this.session.seen.length > SEEN_LIMIT) {
      const dropped = this.session.seen.shift();
      if (dropped !== undefined) this.seenSet.delete(dropped);
    }
  }

  recordSent(record: SentRecord): void {
    this.session.sent.push(record);
    if (this.session.sent.length > SENT_LIMIT) this.session.sent.splice(0, this.session.sent.length - SENT_LIMIT);
  }

  /** Store a copy: later in-memory changes must not leak into what storage holds. */
  persist(): Promise<void> {
    return this.slot.set(JSON.parse(JSON.stringify(this.session)) as WechatSession);
  }
}
