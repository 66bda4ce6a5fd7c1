// One request helper for every WeChat call: outcomes are values (never throws for network or
// protocol trouble), and every unexpected answer is logged with its raw body (invariant 7).
import type { ConnectorDeps } from '../connector.ts';
import type { HttpOutcome, HttpRequest } from '../../platform/http.ts';
import { readBaseResponse, type Json } from './wire.ts';

export const DEADLINE_MS = 30_000;
const RAW_LIMIT = 4_000;

export type ApiFailure =
  | { ok: false; kind: 'aborted' }
  | { ok: false; kind: 'network'; reason: string }
  | { ok: false; kind: 'ret'; ret: number; reason: string }
  | { ok: false; kind: 'malformed'; reason: string };

/** `raw` is the body as text, for fields JSON numbers would round (MsgID). */
export type ApiResult<T> = { ok: true; value: T; raw?: string } | ApiFailure;

export type Requester = Pick<ConnectorDeps, 'http' | 'events'>;

export function clip(raw: string): string {
  return raw.length > RAW_LIMIT ? `${raw.slice(0, RAW_LIMIT)}… (${raw.length} chars)` : raw;
}

export function networkFailure(outcome: Extract<HttpOutcome, { ok: false }>): ApiFailure {
  if (outcome.failure === 'aborted') return { ok: false, kind: 'aborted' };
  return { ok: false, kind: 'network', reason: outcome.failure === 'timeout' ? `no answer in time (${outcome.message})` : `network error (${outcome.message})` };
}

export function diagnose(deps: Requester, what: string, raw: string, level: 'info' | 'warn' | 'error' = 'warn'): void {
  deps.events.diagnostic({ level, what, raw: clip(raw) });
}

/** Send a request, expect a JSON object with `BaseResponse.Ret == 0`. */
export async function requestJson(
  deps: Requester,
  endpoint: string,
  request: Omit<HttpRequest, 'deadlineMs'> & { deadlineMs?: number },
): Promise<ApiResult<Json>> {
  const outcome = await deps.http({ deadlineMs: DEADLINE_MS, ...request });
  if (!outcome.ok) {
    const failure = networkFailure(outcome);
    if (failure.kind === 'network') diagnose(deps, `${endpoint}: ${failure.reason}`, outcome.message, 'info');
    return failure;
  }
  if (outcome.status < 200 || outcome.status >= 300) {
    diagnose(deps, `${endpoint}: HTTP ${outcome.status}`, outcome.text);
    return { ok: false, kind: 'malformed', reason: `HTTP ${outcome.status}` };
  }
  let json: unknown;
  try {
    // NewMsgId loses precision here; nothing reads it (MsgId is the string key).
    json = JSON.parse(outcome.text);
  } catch {
    diagnose(deps, `${endpoint}: answer is not JSON`, outcome.text);
    return { ok: false, kind: 'malformed', reason: 'the answer is not JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    diagnose(deps, `${endpoint}: answer is not an object`, outcome.text);
    return { ok: false, kind: 'malformed', reason: 'unexpected answer' };
  }
  const base = readBaseResponse(json as Json);
  if (!base) {
    diagnose(deps, `${endpoint}: no BaseResponse`, outcome.text);
    return { ok: false, kind: 'malformed', reason: 'the answer has no BaseResponse' };
  }
  if (base.ret !== 0) {
    diagnose(deps, `${endpoint}: Ret ${base.ret}`, outcome.text);
    return { ok: false, kind: 'ret', ret: base.ret, reason: retReason(base.ret, base.message) };
  }
  return { ok: true, value: json as Json, raw: outcome.text };
}

export function postJson(deps: Requester, endpoint: string, url: string, body: unknown, signal?: AbortSignal): Promise<ApiResult<Json>> {
  return requestJson(deps, endpoint, {
    url,
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=UTF-8' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

/** Human reasons for the codes the digest lists (§2.20). */
export function retReason(ret: number, message = ''): string {
  const known: Record<number, string> = {
    1: 'WeChat refused the request (1: blocked or not verified account, or bad parameters)',
    [-1]: 'WeChat had a system error (-1)',
    [-2]: 'WeChat reported a logic error (-2)',
    [-14]: 'WeChat rejected the session ticket (-14)',
    1100: 'WeChat ended the web session (1100: signed out on the phone)',
    1101: 'The web session ended (1101: signed out on the phone, signed in elsewhere, or expired)',
    1102: 'The session cookies are no longer valid (1102)',
    1203: 'WeChat does not allow this account to sign in on the web (1203)',
    1205: 'WeChat says we are acting too often (1205)',
  };
  const base = known[ret] ?? `WeChat answered Ret ${ret}`;
  return message ? `${base}: ${message}` : base;
}

export const SESSION_OVER = new Set([1100, 1101, 1102]);
