// THE contract between the worker and the pages (docs/messages.md). Requests go page -> worker
// with runtime.sendMessage and are answered by the handler's promise; events go worker -> page on a
// long-lived port named `ui`. Every request is validated (request-schemas.ts) where it enters the
// worker. This file holds types only, so pages pay nothing for the validator.
import type { RequestPayload, RequestType } from './request-schemas.ts';
import type { Account, AccountState, Contact, Conversation, Message } from './domain.ts';
import type { AutoReplySettings, Rule } from './rules.ts';
import type { NotificationSettings } from './settings.ts';
import type { Explanation } from '../background/autoreply/types.ts';
import type { LedgerEntry } from '../background/autoreply/ledger.ts';

export interface DiagnosticEntry {
  at: number;
  accountId: string;
  level: 'info' | 'warn' | 'error';
  what: string;
  raw?: string;
}

export interface Snapshot {
  bootId: string;
  accounts: Account[];
  states: AccountState[];
  /** A Weibo uid seen logged in on weibo.com that has no account yet (popup banner). */
  weiboUidSeen?: string;
}

/** What each request answers. */
export interface ResponseMap {
  snapshot: Snapshot;
  addAccount: { accountId: string };
  signIn: Ok;
  signOut: Ok;
  removeAccount: Ok;
  setPassword: Ok;
  sendText: { messageKey: string };
  sendAttachment: { messageKey: string };
  retrySend: { messageKey: string };
  markRead: Ok;
  markAllRead: Ok;
  setMuted: Ok;
  accountCommand: { ok: true; contacts?: Omit<Contact, 'accountId'>[]; message?: string };
  diagnostics: { entries: DiagnosticEntry[] };
  weiboUidSeen: Ok;
  getSettings: AllSettings;
  saveRules: Ok;
  saveAutoReplySettings: Ok;
  setAutoReplyEnabled: Ok;
  saveNotificationSettings: Ok;
  exportData: { json: string; fileName: string };
  importData: { rules: number; accounts: number };
  clearHistory: Ok;
  testAutoReply: Explanation;
  autoReplyLog: { entries: LedgerEntry[] };
}

export interface AllSettings {
  rules: Rule[];
  autoReply: AutoReplySettings;
  notifications: NotificationSettings;
}
export type Ok = { ok: true };

export type { RequestPayload, RequestType };

export type Request = { [T in RequestType]: { type: T; payload: RequestPayload<T> } }[RequestType];
/** Every answer is wrapped, so a refused or failed request is a value the page can show. */
export type Reply<T extends RequestType> = { ok: true; value: ResponseMap[T] } | { ok: false; error: string };

/** Worker -> page events on the `ui` port. */
export type UiEvent =
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'state'; state: AccountState }
  | { type: 'conversations'; conversations: Conversation[] }
  | { type: 'messages'; messages: Message[] }
  /** A sent message got its server id: the page swaps the old key for the new message. */
  | { type: 'messageReplaced'; oldKey: string; message: Message }
  | { type: 'contactsChanged'; accountId: string }
  | { type: 'historyCleared' }
  | { type: 'settings'; settings: AllSettings }
  /** The auto-reply ledger changed (a decision, a send, an unknown outcome). */
  | { type: 'autoReply'; entry: LedgerEntry };

export const UI_PORT = 'ui';

