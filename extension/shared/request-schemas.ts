// The schema of every page -> worker request, and the validator that applies them where requests
// enter the worker (invariant 8). Worker-only: pages import types from messages.ts.
import * as v from 'valibot';
import type { Request } from './messages.ts';
import { NOTIFICATION_SETTINGS } from './settings.ts';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const service = v.picklist(['wechat', 'weibo', 'qq']);
const presence = v.picklist(['online', 'away', 'busy', 'offline']);
/** Attachments travel as base64: runtime messages are JSON, not structured clones. */
const attachment = v.object({
  kind: v.picklist(['image', 'file']),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
  mime: v.pipe(v.string(), v.maxLength(100)),
  base64: v.pipe(v.string(), v.maxLength(40 * 1024 * 1024)),
});

const accountCommand = v.variant('kind', [
  v.object({ kind: v.literal('markRead'), peerId: id }),
  v.object({ kind: v.literal('revoke'), serverId: id, peerId: id }),
  v.object({ kind: v.literal('setPresence'), presence }),
  v.object({
    kind: v.literal('answerFriendRequest'),
    peerId: id,
    answer: v.picklist(['approve', 'reject', 'askBack']),
    text: v.optional(v.pipe(v.string(), v.maxLength(500))),
  }),
  v.object({ kind: v.literal('addFriend'), peerId: id, text: v.optional(v.pipe(v.string(), v.maxLength(500))) }),
  v.object({ kind: v.literal('removeFriend'), peerId: id }),
  v.object({ kind: v.literal('searchUser'), query: v.pipe(v.string(), v.minLength(1), v.maxLength(100)) }),
  v.object({ kind: v.literal('fetchProfile'), peerId: id }),
]);

/** One schema per request type: the payload a page may send. */
export const REQUEST_SCHEMAS = {
  snapshot: v.object({}),
  addAccount: v.object({
    service,
    /** Weibo uid or QQ number; WeChat learns its id at login. */
    localId: v.optional(v.pipe(v.string(), v.regex(/^\d{4,20}$/, 'must be digits'))),
    /** QQ only: lower-case MD5 hex of the password, computed in the page; the plain password never leaves it. */
    passwordMd5: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/))),
  }),
  signIn: v.object({ accountId: id }),
  signOut: v.object({ accountId: id }),
  removeAccount: v.object({ accountId: id }),
  setPassword: v.object({ accountId: id, passwordMd5: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/)) }),
  sendText: v.object({ conversationId: id, text: v.pipe(v.string(), v.minLength(1), v.maxLength(20_000)) }),
  sendAttachment: v.object({ conversationId: id, attachment }),
  retrySend: v.object({ messageKey: id }),
  markRead: v.object({ conversationId: id }),
  markAllRead: v.object({}),
  setMuted: v.object({ conversationId: id, muted: v.boolean() }),
  accountCommand: v.object({ accountId: id, command: accountCommand }),
  diagnostics: v.object({ accountId: v.optional(id) }),
  getSettings: v.object({}),
  /** Rules and auto-reply settings are checked by their own validators (rules.ts) in the handler. */
  saveRules: v.object({ rules: v.array(v.unknown()) }),
  saveAutoReplySettings: v.object({ settings: v.unknown() }),
  setAutoReplyEnabled: v.object({ enabled: v.boolean() }),
  saveNotificationSettings: v.object({ settings: NOTIFICATION_SETTINGS }),
  exportData: v.object({}),
  importData: v.object({ json: v.pipe(v.string(), v.maxLength(5 * 1024 * 1024)) }),
  clearHistory: v.object({}),
  /** The rule tester: what would happen if this message arrived now. */
  testAutoReply: v.object({
    service,
    text: v.pipe(v.string(), v.maxLength(5000)),
    senderName: v.pipe(v.string(), v.maxLength(200)),
    isGroup: v.boolean(),
    mentionsMe: v.boolean(),
    isContact: v.boolean(),
    kind: v.optional(v.picklist(['text', 'image', 'voice', 'video', 'file', 'link', 'location', 'card', 'sticker'])),
  }),
  autoReplyLog: v.object({ limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5000))) }),
  /** The weibo.com content script reports the logged-in uid it found on the page. */
  weiboUidSeen: v.object({ uid: v.pipe(v.string(), v.regex(/^\d{4,20}$/)) }),
} as const;

export type RequestType = keyof typeof REQUEST_SCHEMAS;
export type RequestPayload<T extends RequestType> = v.InferOutput<(typeof REQUEST_SCHEMAS)[T]>;

/** Only these request types are accepted from content scripts; everything else needs one of our pages. */
export const CONTENT_SCRIPT_REQUESTS: readonly RequestType[] = ['weiboUidSeen'];

export type ParsedRequest = { ok: true; request: Request } | { ok: false; error: string };

/** Validate an untrusted runtime message. Never throws. */
export function parseRequest(raw: unknown): ParsedRequest {
  if (typeof raw !== 'object' || raw === null) return { ok: false, error: 'request must be an object' };
  const { type, payload } = raw as { type?: unknown; payload?: unknown };
  if (typeof type !== 'string' || !Object.hasOwn(REQUEST_SCHEMAS, type)) {
    return { ok: false, error: `unknown request type: ${String(type).slice(0, 60)}` };
  }
  const schema = REQUEST_SCHEMAS[type as RequestType];
  const result = v.safeParse(schema, payload ?? {});
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    return { ok: false, error: `invalid ${type}${path ? ` (${path})` : ''}: ${issue.message}` };
  }
  return { ok: true, request: { type, payload: result.output } as Request };
}
