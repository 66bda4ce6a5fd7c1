// The domain every part of Switchboard speaks: accounts, contacts, conversations, messages, rules.
// Pure types and tiny pure helpers: no chrome.* here, so pages, worker and tests share it.

export type ServiceId = 'wechat' | 'weibo' | 'qq';
export const SERVICES: readonly ServiceId[] = ['wechat', 'weibo', 'qq'];

/** `${service}:${localId}`, e.g. `qq:10001`, `weibo:1234567`, `wechat:1` (WeChat's uin is known only after login). */
export type AccountId = string;

export interface Account {
  id: AccountId;
  service: ServiceId;
  /** What the user calls it: nickname once known, else the number/uid they typed. */
  label: string;
  /** Our own user id on the service (wxid/UserName, Weibo uid, QQ number) once known. */
  selfId?: string;
  /** False after the user signs out: the loop does not run until they sign in again. */
  enabled: boolean;
  createdAt: number;
}

/** One machine for every service (design §1). */
export type AccountStatus = 'signedOut' | 'signingIn' | 'online' | 'reconnecting' | 'needsUser' | 'stopped';

/** What the user must do when status is `needsUser`. */
export type NeedsUser =
  | { kind: 'scanQr'; qrText: string; scannedAvatar?: string; expiresAt?: number }
  | { kind: 'password'; message: string }
  | { kind: 'webLoginBlocked'; message: string }
  | { kind: 'signInOnSite'; url: string };

export interface AccountState {
  accountId: AccountId;
  status: AccountStatus;
  /** Human reason, taken from the protocol (retcode, advice, RES) where there is one. */
  reason?: string;
  /** Machine-readable code behind the reason (e.g. `wechat:1101`, `bayeux:402`, `qq:RES=20`). */
  code?: string;
  needs?: NeedsUser;
  since: number;
}

export type ContactKind = 'user' | 'group' | 'official' | 'system';
export type Presence = 'online' | 'away' | 'busy' | 'offline';

export interface Contact {
  accountId: AccountId;
  /** The service's id for the peer (WeChat UserName, Weibo uid, QQ number). */
  id: string;
  name: string;
  remark?: string;
  /** Lower-case pinyin initials and full pinyin of name and remark, for search. */
  pinyin?: { initials: string; full: string };
  kind: ContactKind;
  avatarUrl?: string;
  memberCount?: number;
  presence?: Presence;
  /** Free text the service gives (signature, city...). */
  note?: string;
  /** Pending incoming friend request (QQ): shown with approve/reject actions. */
  request?: { text: string; at: number };
}

/** `${accountId}|${peerId}` */
export type ConversationId = string;
export const conversationId = (accountId: AccountId, peerId: string): ConversationId => `${accountId}|${peerId}`;

export interface Conversation {
  id: ConversationId;
  accountId: AccountId;
  service: ServiceId;
  peerId: string;
  title: string;
  isGroup: boolean;
  lastAt: number;
  lastPreview: string;
  unread: number;
  muted: boolean;
  /**
   * When the user last wrote here themselves, from any device (outgoing, not an auto-reply): what
   * "stay quiet while I am active" reads. Kept on the record so deciding needs no message scan.
   */
  userWroteAt?: number;
}

export type MessageKind =
  | 'text'
  | 'image'
  | 'voice'
  | 'video'
  | 'file'
  | 'link'
  | 'location'
  | 'card'
  | 'sticker'
  | 'system'
  | 'recalled'
  | 'unknown';

export type SendState = 'sending' | 'sent' | 'failed';

export interface MessageMedia {
  /** Thumbnail or full URL on the service's own host (fetched with the browser's cookies). */
  url?: string;
  /** data: URL of a thumbnail cached locally. */
  thumbDataUrl?: string;
  fileName?: string;
  size?: number;
  durationMs?: number;
  title?: string;
  description?: string;
}

export interface Message {
  /** `${accountId}|${serverId}`: the dedupe key. */
  key: string;
  accountId: AccountId;
  conversationId: ConversationId;
  /** The service's own id, as a string (WeChat MsgId, Weibo dmid, QQ derived id). */
  serverId: string;
  direction: 'in' | 'out';
  senderId: string;
  senderName?: string;
  at: number;
  kind: MessageKind;
  /** Always plain text: entities decoded, markup removed. Rendered as text only. */
  text: string;
  media?: MessageMedia;
  /** Outgoing only. */
  state?: SendState;
  error?: string;
  /** History delivered at login: stored, never auto-replied. */
  replay?: boolean;
  mentionsMe?: boolean;
  /** Set on our auto-replies: which rule wrote it. */
  autoReply?: { ruleId: string; ruleName: string };
  /** The incoming message was later recalled by its sender. */
  recalled?: boolean;
}

export const messageKey = (accountId: AccountId, serverId: string): string => `${accountId}|${serverId}`;

/** The connector's view of an incoming or echoed message before the inbox stores it. */
export type IncomingMessage = Omit<Message, 'key' | 'conversationId' | 'accountId'> & { peerId: string };

export type SendContent =
  | { kind: 'text'; text: string }
  | { kind: 'image'; name: string; mime: string; bytes: Uint8Array }
  | { kind: 'file'; name: string; mime: string; bytes: Uint8Array };

export type SendResult = { ok: true; serverId: string; at: number } | { ok: false; error: string; retryable: boolean };

export function accountIdOf(service: ServiceId, localId: string): AccountId {
  return `${service}:${localId}`;
}

export function serviceOf(accountId: AccountId): ServiceId {
  const service = accountId.slice(0, accountId.indexOf(':'));
  if (service === 'wechat' || service === 'weibo' || service === 'qq') return service;
  throw new Error(`not an account id: ${accountId}`);
}
