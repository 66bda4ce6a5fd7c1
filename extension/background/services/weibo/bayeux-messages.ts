// Bayeux 1.0 messages as the client sees them (weibo-bayeux.md A.1): replies are validated from
// `unknown` into a narrow shape once, here, so the rest of the client never touches raw JSON.

export type Reconnect = 'retry' | 'handshake' | 'none';

export interface Advice {
  reconnect?: Reconnect;
  interval?: number;
  timeout?: number;
  multipleClients?: boolean;
}

export interface BayeuxReply {
  channel: string;
  id?: string;
  clientId?: string;
  successful?: boolean;
  error?: string;
  advice?: Advice;
  data?: unknown;
  ext?: Record<string, unknown>;
}

/** What we send: plain JSON objects, always with a channel and an id. */
export type OutgoingMessage = { channel: string; id: string } & Record<string, unknown>;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const finite = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** Advice, with a per-transport `callback-polling` sub-object taking precedence (A.1 "Advice"). */
export function readAdvice(value: unknown): Advice | undefined {
  if (!isRecord(value)) return undefined;
  const nested = isRecord(value['callback-polling']) ? value['callback-polling'] : {};
  const merged = { ...value, ...nested };
  const advice: Advice = {};
  const reconnect = merged['reconnect'];
  if (reconnect === 'retry' || reconnect === 'handshake' || reconnect === 'none') advice.reconnect = reconnect;
  const interval = finite(merged['interval']);
  if (interval !== undefined) advice.interval = interval;
  const timeout = finite(merged['timeout']);
  if (timeout !== undefined) advice.timeout = timeout;
  if (merged['multiple-clients'] === true) advice.multipleClients = true;
  return advice;
}

export type RepliesResult = { ok: true; replies: BayeuxReply[] } | { ok: false; reason: string };

export function readReplies(value: unknown): RepliesResult {
  const list = Array.isArray(value) ? value : isRecord(value) ? [value] : undefined;
  if (!list) return { ok: false, reason: 'reply is not a JSON array of messages' };
  const replies: BayeuxReply[] = [];
  for (const item of list) {
    if (!isRecord(item) || typeof item['channel'] !== 'string') return { ok: false, reason: 'a message without a channel' };
    const reply: BayeuxReply = { channel: item['channel'] };
    const id = item['id'];
    if (typeof id === 'string' || typeof id === 'number') reply.id = String(id);
    if (typeof item['clientId'] === 'string') reply.clientId = item['clientId'];
    if (typeof item['successful'] === 'boolean') reply.successful = item['successful'];
    if (typeof item['error'] === 'string') reply.error = item['error'];
    const advice = readAdvice(item['advice']);
    if (advice) reply.advice = advice;
    if ('data' in item) reply.data = item['data'];
    if (isRecord(item['ext'])) reply.ext = item['ext'];
    replies.push(reply);
  }
  return { ok: true, replies };
}

/** `402::Unknown client` -> 402. Bayeux errors are `code:args:message`. */
export function errorCode(error: string | undefined): number | undefined {
  const match = error ? /^(\d{3}):/.exec(error) : null;
  return match?.[1] ? Number(match[1]) : undefined;
}

/** faye says 401, CometD/Weibo 402 (A.1.1, A.2). */
export function isUnknownClient(reply: BayeuxReply): boolean {
  if (reply.successful !== false) return false;
  const code = errorCode(reply.error);
  return code === 401 || code === 402;
}

/** Server deliveries (pushes) carry data and no `successful`; meta and publish replies do. */
export function isDelivery(reply: BayeuxReply): boolean {
  return reply.successful === undefined && 'data' in reply && !reply.channel.startsWith('/meta/');
}
