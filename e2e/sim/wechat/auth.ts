// Who is asking: session cookies scoped to one host family, then the identity the request repeats
// (query sid/uin/skey, BaseRequest). Missing cookies or the wrong family = 1102, as users report.
import type { Exchange } from './exchange.ts';
import type { Session } from './session.ts';
import type { SimState } from './state.ts';
import { num, str } from './values.ts';

export type AuthOutcome = { ok: true; session: Session } | { ok: false; code: number; reason: string };

/** Checks Uin / Sid / Skey of a BaseRequest against the session; 0 = fine. */
export function checkBaseRequest(session: Session, base: Record<string, unknown> | undefined): { code: number; reason: string } {
  if (!base) return { code: 0, reason: '' };
  const uin = num(base['Uin']);
  if (base['Uin'] !== undefined && uin !== session.uin) return { code: 1102, reason: 'BaseRequest.Uin does not match wxuin' };
  if (base['Sid'] !== undefined && str(base['Sid']) !== session.sid) return { code: 1102, reason: 'BaseRequest.Sid does not match wxsid' };
  const skey = str(base['Skey']);
  if (skey && !session.skeys.includes(skey)) return { code: 1100, reason: 'unknown skey' };
  return { code: 0, reason: '' };
}

export function authenticate(state: SimState, ex: Exchange, base: Record<string, unknown> | undefined): AuthOutcome {
  const family = ex.hostInfo.family;
  if (!family) return { ok: false, code: 1102, reason: `no session lives on ${ex.hostInfo.host}` };
  const uinText = ex.cookies.get('wxuin');
  const sid = ex.cookies.get('wxsid');
  if (!uinText || !sid) return { ok: false, code: 1102, reason: 'session cookies missing' };
  const session = state.findSession(Number(uinText), sid);
  if (!session) return { ok: false, code: 1102, reason: 'unknown session cookies' };
  if (session.family !== family) return { ok: false, code: 1102, reason: `session belongs to ${session.family}, asked on ${family}` };
  if (session.ended) return { ok: false, code: session.ended.code, reason: session.ended.reason };
  const q = ex.query;
  if (q.has('sid') && q.get('sid') !== session.sid) return { ok: false, code: 1102, reason: 'sid does not match wxsid' };
  if (q.has('uin') && q.get('uin') !== String(session.uin)) return { ok: false, code: 1102, reason: 'uin does not match wxuin' };
  const skey = q.get('skey');
  if (skey && !session.skeys.includes(skey)) return { ok: false, code: 1100, reason: 'unknown skey' };
  const check = checkBaseRequest(session, base);
  if (check.code !== 0) return { ok: false, ...check };
  return { ok: true, session };
}
