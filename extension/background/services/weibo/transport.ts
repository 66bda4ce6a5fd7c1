// One callback-polling GET: messages out, validated replies back, every failure as a value with a
// reason, a machine code and the raw body for the diagnostics log (invariant 7).
import type { ConnectorDeps } from '../connector.ts';
import type { BayeuxReply, OutgoingMessage } from './bayeux-messages.ts';
import { readReplies } from './bayeux-messages.ts';
import { parseJsonp } from './jsonp.ts';
import { pollUrl } from './poll-url.ts';

/** Network delay allowed on top of the hold we asked for (D.2 rule 9). */
export const NETWORK_DELAY_MS = 10_000;

export type ExchangeOutcome =
  | { ok: true; replies: BayeuxReply[] }
  | { ok: false; reason: string; code: string; raw?: string; aborted?: boolean; httpStatus?: number };

export interface ExchangeRequest {
  endpointUrl: string;
  callback: string;
  messages: OutgoingMessage[];
  deadlineMs: number;
  signal?: AbortSignal;
}

export async function exchange(http: ConnectorDeps['http'], request: ExchangeRequest): Promise<ExchangeOutcome> {
  const outcome = await http({
    url: pollUrl(request.endpointUrl, request.callback, request.messages),
    deadlineMs: request.deadlineMs,
    ...(request.signal ? { signal: request.signal } : {}),
  });
  if (!outcome.ok) {
    return { ok: false, reason: `${outcome.failure}: ${outcome.message}`, code: `net:${outcome.failure}`, aborted: outcome.failure === 'aborted' };
  }
  if (outcome.status !== 200) {
    return { ok: false, reason: `HTTP ${outcome.status} from the IM server`, code: `http:${outcome.status}`, raw: outcome.text, httpStatus: outcome.status };
  }
  const parsed = parseJsonp(outcome.text, request.callback);
  if (!parsed.ok) return { ok: false, reason: `unexpected answer from the IM server (${parsed.detail})`, code: `jsonp:${parsed.error}`, raw: outcome.text };
  const replies = readReplies(parsed.value);
  if (!replies.ok) return { ok: false, reason: `unexpected Bayeux answer (${replies.reason})`, code: 'bayeux:shape', raw: outcome.text };
  return { ok: true, replies: replies.replies };
}
