// The one interface every service plugs into the hub with (design §1). The hub, inbox and
// auto-reply never know which protocol is behind it. Everything a connector needs from the
// browser comes in through ConnectorDeps, so connectors are testable without chrome.*.
import type {
  Account,
  AccountStatus,
  Contact,
  IncomingMessage,
  NeedsUser,
  Presence,
  SendContent,
  SendResult,
} from '../../shared/domain.ts';
import type { HttpRequest, HttpOutcome } from '../platform/http.ts';

/** A state the connector reports; the hub stamps accountId and time. */
export interface StatusReport {
  status: AccountStatus;
  reason?: string;
  code?: string;
  needs?: NeedsUser;
}

export interface DiagnosticReport {
  level: 'info' | 'warn' | 'error';
  /** Short machine-friendly summary, e.g. `synccheck: unexpected body`. */
  what: string;
  /** The raw body or value that caused it; the log bounds its size. */
  raw?: string;
}

export interface ConnectorEvents {
  status(report: StatusReport): void;
  /** Our own identity once known (WeChat self after init, Weibo/QQ after login). */
  self(selfId: string, label: string): Promise<void>;
  /** Upsert contacts (accountId is filled by the hub) and remove by id. Resolves once stored. */
  contacts(upsert: Omit<Contact, 'accountId'>[], remove?: string[]): Promise<void>;
  /**
   * Store messages. Resolves once they are durably in IndexedDB (invariant 1: only then may the
   * connector advance and persist its cursor). Returns the serverIds that were new (not duplicates).
   */
  messages(batch: IncomingMessage[]): Promise<{ added: string[] }>;
  /** A previously received message was recalled by its sender. */
  recalled(serverId: string): Promise<void>;
  /** The service says the user read a conversation elsewhere (WeChat type 51, Weibo synchroniz). */
  readElsewhere(peerId: string): Promise<void>;
  diagnostic(report: DiagnosticReport): void;
}

/** Persisted per account: cursors, sessions, credentials. Survives worker death (invariant 2). */
export interface AccountSlot<T> {
  get(): Promise<T | undefined>;
  set(value: T): Promise<void>;
  clear(): Promise<void>;
}

export interface ConnectorDeps {
  account: Account;
  events: ConnectorEvents;
  /** fetch with a deadline and the worker keepalive; never throws for network trouble. */
  http(request: HttpRequest): Promise<HttpOutcome>;
  /** Named per-account storage: 'session' for cursors, 'credentials' for secrets, anything else. */
  slot<T>(name: string): AccountSlot<T>;
  /** Resolves after ms, or early (rejecting with the abort reason) when signal aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  now(): number;
  random(): number;
  /**
   * A cookie's value from the browser's jar (the browser attaches cookies itself; this is for
   * protocols that also want a cookie's value in a form field, like WeChat's webwx_data_ticket).
   */
  cookie(url: string, name: string): Promise<string | undefined>;
  /** Set the Referer/Origin the service's own page would send, for this service's hosts. */
  setRequestHeaders(rules: HeaderRule[]): Promise<void>;
}

export interface HeaderRule {
  /** Exact host names the rule applies to. */
  hosts: string[];
  /** Headers to set on the extension's own requests to those hosts (e.g. Referer, Origin). */
  set: Record<string, string>;
}

/** Actions beyond sending that some services support; others answer `unsupported`. */
export type AccountCommand =
  | { kind: 'markRead'; peerId: string }
  | { kind: 'revoke'; serverId: string; peerId: string }
  | { kind: 'setPresence'; presence: Presence }
  | { kind: 'answerFriendRequest'; peerId: string; answer: 'approve' | 'reject' | 'askBack'; text?: string }
  | { kind: 'addFriend'; peerId: string; text?: string }
  | { kind: 'removeFriend'; peerId: string }
  | { kind: 'searchUser'; query: string }
  | { kind: 'fetchProfile'; peerId: string };

export type CommandResult =
  | { ok: true; contacts?: Omit<Contact, 'accountId'>[]; message?: string }
  | { ok: false; error: string };

export interface Connector {
  /**
   * Run (or resume from persisted state) the login and protocol loop until `signal` aborts or the
   * service ends the session for good. Reports every state change through events.status. Never
   * throws for protocol or network trouble: those become statuses and backoff.
   */
  start(signal: AbortSignal): Promise<void>;
  /** Exactly one attempt; the caller decides about retries (auto-replies are never retried). */
  send(peerId: string, content: SendContent): Promise<SendResult>;
  command(command: AccountCommand): Promise<CommandResult>;
  /** Tell the service we leave (webwxlogout, Logout) and forget the session. */
  signOut(): Promise<void>;
  /**
   * Whether one of the extension's pages is open (the user is looking at their chats). A
   * connector that polls may poll at its live pace meanwhile; long-poll connectors ignore it.
   */
  setWatched?(watched: boolean): void;
}

export type ConnectorFactory = (deps: ConnectorDeps) => Connector;
