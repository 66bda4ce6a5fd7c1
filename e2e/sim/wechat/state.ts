// Everything the WeChat simulator knows: configuration, address book, QR logins, sessions, media,
// armed faults and the records the control API reports.
import type { SimContext } from '../module.ts';
import type { AddressBook, SelfProfile } from './address-book.ts';
import { buildAddressBook } from './book-generator.ts';
import type { RequestLogEntry } from './exchange.ts';
import { FaultQueue } from './faults.ts';
import type { Family } from './hosts.ts';
import { MsgIdSource } from './ids.ts';
import type { MessageSpec } from './messages.ts';
import { MediaStore } from './media-store.ts';
import type { Session } from './session.ts';
import { type Clock, Timers } from './timers.ts';
import { escapeText } from './wire.ts';

export type RateClass = 'send' | 'batch' | 'upload';
export interface RateLimit {
  max: number;
  windowMs: number;
}

export interface SimConfig {
  /** How long synccheck is held when nothing happens (real service: ~25 s). */
  syncHoldMs: number;
  /** How long the login poll is held when nothing happens (real service: ~25 s). */
  loginHoldMs: number;
  qrLifetimeMs: number;
  /** Most AddMsgList+ModContactList+DelContactList entries per webwxsync; the rest sets ContinueFlag. */
  syncBatchSize: number;
  contactPageSize: number;
  /** Messages from earlier sessions replayed by the first webwxsync after login. */
  historyCount: number;
  exchangeVariant: '200' | '301';
  /** webwxnewloginpage needs fun=new&version=v2 (else ret 1203). */
  exchangeRequiresV2: boolean;
  /** Needs the UOS patch: mod=desktop in the jslogin redirect_uri and client-version/extspam headers. */
  requireDesktop: boolean;
  /** The account is barred from web login whatever the client does (ret 1203). */
  forbidWeb: boolean;
  rateLimits: Record<RateClass, RateLimit | null>;
  /** Upload form / webwxgetmedia query must carry webwx_data_ticket (a wrong one is always refused). */
  requireDataTicketField: boolean;
  revokeWindowMs: number;
  defaultFamily: Family;
  /** Demo only: scan and confirm a displayed QR by themselves. */
  autoLogin: boolean;
  /** Demo auto-login: scanned this long after jslogin, confirmed after twice as long. */
  autoLoginDelayMs: number;
  demoReplyDelayMs: number;
  demoGreetingMs: number;
}

export function defaultConfig(): SimConfig {
  return {
    syncHoldMs: 25_000,
    loginHoldMs: 25_000,
    qrLifetimeMs: 300_000,
    syncBatchSize: 50,
    contactPageSize: 1_000,
    historyCount: 5,
    exchangeVariant: '200',
    exchangeRequiresV2: true,
    requireDesktop: true,
    forbidWeb: false,
    rateLimits: { send: { max: 5, windowMs: 1_000 }, batch: { max: 20, windowMs: 1_000 }, upload: null },
    requireDataTicketField: false,
    revokeWindowMs: 120_000,
    defaultFamily: 'wx',
    autoLogin: true,
    autoLoginDelayMs: 2_500,
    demoReplyDelayMs: 800,
    demoGreetingMs: 90_000,
  };
}

export type QrStatus = 'waiting' | 'scanned' | 'confirmed' | 'expired' | 'used';

export interface QrLogin {
  uuid: string;
  createdAt: number;
  /** jslogin's redirect_uri carried mod=desktop (the UOS patch). */
  desktop: boolean;
  /** Started by webwxpushloginurl (scan-free re-login) rather than jslogin. */
  push: boolean;
  status: QrStatus;
  avatar: string;
  uin: number | undefined;
  family: Family | undefined;
  ticket: string | undefined;
  scanTime: number | undefined;
  polls: number;
  /** Some poll has already answered 201 for the current scan. */
  reported: boolean;
  waiters: Set<() => void>;
}

export interface Account {
  profile: SelfProfile;
  /** Messages this account has seen, oldest first (bounded): the source of history replay. */
  history: MessageSpec[];
  /** Last wxuin/auth ticket handed out: webwxpushloginurl accepts them. */
  lastAuthTicket: string | undefined;
}

export type SentRecord = { kind: string; at: number; uin: number } & Record<string, unknown>;

const REQUEST_LIMIT = 2_000;
const SENT_LIMIT = 20_000;
const HISTORY_LIMIT = 500;

export class SimState {
  config = defaultConfig();
  book: AddressBook = buildAddressBook();
  readonly qrs = new Map<string, QrLogin>();
  sessions: Session[] = [];
  readonly accounts = new Map<number, Account>();
  readonly media = new MediaStore();
  readonly faults = new FaultQueue();
  readonly requests: RequestLogEntry[] = [];
  readonly sent: SentRecord[] = [];
  readonly msgIds = new MsgIdSource();
  readonly timers = new Timers();
  /** Recent send times per session key and rate class. */
  readonly rateWindows = new Map<string, number[]>();
  private requestSeq = 0;

  constructor(
    readonly ctx: SimContext,
    readonly clock: Clock,
  ) {}

  now(): number {
    return this.clock.now();
  }

  nowSeconds(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  nextRequestId(): number {
    this.requestSeq += 1;
    return this.requestSeq;
  }

  logRequest(entry: RequestLogEntry): void {
    this.requests.push(entry);
    if (this.requests.length > REQUEST_LIMIT) this.requests.splice(0, this.requests.length - REQUEST_LIMIT);
  }

  recordSent(entry: SentRecord): void {
    this.sent.push(entry);
    if (this.sent.length > SENT_LIMIT) this.sent.splice(0, this.sent.length - SENT_LIMIT);
    this.ctx.record('wechat', entry.kind, entry);
  }

  account(uin: number): Account {
    let account = this.accounts.get(uin);
    if (!account) {
      const profile = uin === this.book.self.uin ? this.book.self : { ...this.book.self, uin, id: `wxid_account_${uin}`, nickName: `账号${uin}` };
      // The default account starts with the book's older messages: what history replay brings.
      const seeded = uin === this.book.self.uin ? this.book.seedHistory : [];
      const history: MessageSpec[] = seeded.map((h) => ({
        msgId: this.msgIds.take(),
        createTime: this.nowSeconds() - h.ageSeconds,
        msgType: 1,
        from: h.group ?? h.from,
        to: 'self',
        sender: h.group ? h.from : undefined,
        content: escapeText(h.text),
      }));
      account = { profile, history, lastAuthTicket: undefined };
      this.accounts.set(uin, account);
    }
    return account;
  }

  remember(uin: number, spec: MessageSpec): void {
    const history = this.account(uin).history;
    history.push(spec);
    if (history.length > HISTORY_LIMIT) history.splice(0, history.length - HISTORY_LIMIT);
  }

  liveSessions(uin?: number): Session[] {
    return this.sessions.filter((s) => !s.ended && (uin === undefined || s.uin === uin));
  }

  findSession(uin: number, sid: string): Session | undefined {
    return this.sessions.find((s) => s.uin === uin && s.sid === sid);
  }

  /** True when `cls` is over its limit for this session; otherwise counts this call. */
  overLimit(sessionKey: string, cls: RateClass): boolean {
    const limit = this.config.rateLimits[cls];
    if (!limit) return false;
    const key = `${sessionKey}:${cls}`;
    const now = this.now();
    const recent = (this.rateWindows.get(key) ?? []).filter((t) => now - t < limit.windowMs);
    if (recent.length >= limit.max) {
      this.rateWindows.set(key, recent);
      return true;
    }
    recent.push(now);
    this.rateWindows.set(key, recent);
    return false;
  }
}
