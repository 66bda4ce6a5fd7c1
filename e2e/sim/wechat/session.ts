// One web login: credentials (wxuin, wxsid, skeys, pass_ticket, tickets), the per-login UserNames,
// and the ordered sync log that SyncKey / SyncCheckKey point into. A session lives until the phone
// ends it (control `endSession`), the client logs out, or the same account logs in again.
import type { AddressBook } from './address-book.ts';
import type { Family } from './hosts.ts';
import { newAuthTicket, newDataTicket, newPassTicket, newSid, newSkey, randomHex } from './ids.ts';

/** One entry of the sync log. `payload` is already rendered for this session (UserNames inside). */
export type SyncEvent =
  | { seq: number; kind: 'msg'; selector: number; payload: Record<string, unknown> }
  | { seq: number; kind: 'modContact'; selector: number; payload: Record<string, unknown> }
  | { seq: number; kind: 'delContact'; selector: number; payload: Record<string, unknown> };

export interface SyncWaiter {
  release(retcode: number, selector: number): void;
}

export interface SyncKey {
  Count: number;
  List: Array<{ Key: number; Val: number }>;
}

/** Plain special accounts keep their names as UserName (digest 3.5). */
const PLAIN_USERNAMES = new Set(['filehelper', 'newsapp', 'fmessage', 'weixin', 'qqmail', 'medianote', 'tmessage', 'qmessage', 'qqsync', 'floatbottle']);
const EVENT_LIMIT = 20_000;

export class Session {
  readonly sid = newSid();
  readonly passTicket = newPassTicket();
  readonly dataTicket = newDataTicket();
  readonly authTicket = newAuthTicket();
  readonly uvid = randomHex(32);
  /** Every skey issued to this login (the exchange one, then one per webwxinit). */
  readonly skeys: string[] = [newSkey()];
  readonly selfUserName = `@${randomHex(32)}`;
  readonly waiters = new Set<SyncWaiter>();
  readonly events: SyncEvent[] = [];
  /** MsgID -> what this login sent, for revoke and the `sent` record. */
  readonly sentById = new Map<string, { at: number; to: string; clientMsgId: string }>();
  readonly markedRead = new Set<string>();
  ended: { code: number; reason: string; at: number } | undefined;
  initCount = 0;
  /** Highest sync seq the client has shown us (in a SyncKey it sent): what it certainly has. */
  ackedSeq = 0;
  lastSeq = 0;
  private readonly names = new Map<string, string>();
  private readonly ids = new Map<string, string>();
  private readonly encry = new Map<string, string>();
  private readonly keyBase = {
    k1: 700_000_000 + Math.floor(Math.random() * 1_000_000),
    k2: 700_000_000 + Math.floor(Math.random() * 1_000_000),
    k3: 700_000_000 + Math.floor(Math.random() * 1_000_000),
  };

  constructor(
    readonly uin: number,
    readonly family: Family,
    readonly loginAt: number,
    private readonly book: () => AddressBook,
  ) {
    this.ids.set(this.selfUserName, 'self');
  }

  get skey(): string {
    return this.skeys[this.skeys.length - 1] ?? '';
  }

  rotateSkey(): string {
    this.skeys.push(newSkey());
    return this.skey;
  }

  /** This login's UserName for a raw id ('self', contact id or group id). */
  userName(id: string): string {
    if (id === 'self') return this.selfUserName;
    if (PLAIN_USERNAMES.has(id)) return id;
    let name = this.names.get(id);
    if (!name) {
      const book = this.book();
      const contact = book.contacts.get(id);
      if (book.isGroup(id)) name = `@@${randomHex(64)}`;
      else name = `@${randomHex(contact?.kind === 'official' ? 32 : 64)}`;
      this.names.set(id, name);
      this.ids.set(name, id);
    }
    return name;
  }

  /** Raw id behind a UserName of this login (undefined for names this login never handed out). */
  idOf(userName: string): string | undefined {
    if (PLAIN_USERNAMES.has(userName)) return userName;
    return this.ids.get(userName);
  }

  encryChatRoomId(groupId: string): string {
    let value = this.encry.get(groupId);
    if (!value) {
      value = `@${randomHex(32)}`;
      this.encry.set(groupId, value);
    }
    return value;
  }

  /** SyncKey pointing just after `seq` (Key 2 carries the position; the others are decoration). */
  syncKey(seq: number, full: boolean): SyncKey {
    const list = [
      { Key: 1, Val: this.keyBase.k1 },
      { Key: 2, Val: this.keyBase.k2 + seq },
      { Key: 3, Val: this.keyBase.k3 + seq },
    ];
    if (full) list.push({ Key: 11, Val: this.keyBase.k2 + seq - 1 }, { Key: 201, Val: Math.floor(this.loginAt / 1000) + seq });
    list.push({ Key: 1000, Val: Math.floor(this.loginAt / 1000) - 3600 });
    if (full) list.push({ Key: 1001, Val: Math.floor(this.loginAt / 1000) - 7200 });
    return { Count: list.length, List: list };
  }

  /** Position encoded in a client's key: undefined when Key 2 is missing or not ours. */
  seqOf(key2: number | undefined): number | undefined {
    if (key2 === undefined || !Number.isFinite(key2)) return undefined;
    const seq = key2 - this.keyBase.k2;
    if (seq < 0) return 0;
    return Math.min(seq, this.lastSeq);
  }

  append(kind: SyncEvent['kind'], selector: number, payload: Record<string, unknown>): SyncEvent {
    this.lastSeq += 1;
    const event = { seq: this.lastSeq, kind, selector, payload } as SyncEvent;
    this.events.push(event);
    if (this.events.length > EVENT_LIMIT) this.events.splice(0, this.events.length - EVENT_LIMIT);
    for (const waiter of [...this.waiters]) waiter.release(0, selector);
    return event;
  }

  pendingAfter(seq: number): SyncEvent[] {
    return this.events.filter((e) => e.seq > seq);
  }

  end(code: number, reason: string, at: number): void {
    if (this.ended) return;
    this.ended = { code, reason, at };
    for (const waiter of [...this.waiters]) waiter.release(code, 0);
  }
}

/** Selector for what is waiting: messages first, then contact add/delete, modify, phone chat focus. */
export function selectorFor(events: SyncEvent[]): number {
  if (events.length === 0) return 0;
  const selectors = new Set(events.map((e) => e.selector));
  for (const candidate of [2, 6, 4, 7]) if (selectors.has(candidate)) return candidate;
  return events[0]?.selector ?? 2;
}
