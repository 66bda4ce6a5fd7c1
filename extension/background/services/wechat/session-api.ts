// The session endpoints in protocol order (digest §2.6-§2.11, §2.18).
import { cleanName } from './text.ts';
import { clip, diagnose, networkFailure, postJson, requestJson, type ApiResult, type Requester } from './api-request.ts';
import { cgi } from './hosts.ts';
import { parseSyncCheck, type SyncCheckAnswer } from './parse-text.ts';
import type { SessionState } from './session.ts';
import { list, num, readContacts, readMessage, readSyncKey, str, syncKeyString, asRecord, type RawContact, type RawMessage, type SyncKey } from './wire.ts';

/** The server holds synccheck ~25 s; the client deadline sits just above it (digest §4.1). */
export const SYNCCHECK_DEADLINE_MS = 35_000;

/** The web page's cache-buster: bitwise NOT of unix seconds. */
function rr(nowMs: number): number {
  return ~Math.floor(nowMs / 1000);
}

export interface InitResult {
  self: { id: string; name: string };
  skey: string;
  syncKey: SyncKey | undefined;
  contacts: RawContact[];
  systemTime: number;
}

export async function webwxinit(deps: Requester, state: SessionState, nowMs: number, signal: AbortSignal): Promise<ApiResult<InitResult>> {
  const s = state.session;
  const url = cgi(state.family.main, 'webwxinit', { r: rr(nowMs), pass_ticket: s.passTicket, lang: 'zh_CN' });
  const result = await postJson(deps, 'webwxinit', url, { BaseRequest: state.baseRequest() }, signal);
  if (!result.ok) return result;
  const user = asRecord(result.value.User);
  const id = str(user, 'UserName');
  if (!id) {
    diagnose(deps, 'webwxinit: no User.UserName', JSON.stringify(result.value).slice(0, 4000));
    return { ok: false, kind: 'malformed', reason: 'webwxinit did not say who we are' };
  }
  return {
    ok: true,
    value: {
      self: { id, name: cleanName(str(user, 'NickName')) },
      skey: str(result.value, 'SKey'),
      syncKey: readSyncKey(result.value.SyncKey),
      contacts: readContacts(result.value, 'ContactList'),
      systemTime: num(result.value, 'SystemTime'),
    },
  };
}

/** Code 3 = "inited" (From = To = self), code 1 = "read" (To = peer). */
export async function webwxstatusnotify(deps: Requester, state: SessionState, code: 1 | 3, to: string, nowMs: number, signal: AbortSignal): Promise<ApiResult<true>> {
  const url = cgi(state.family.main, 'webwxstatusnotify', { lang: 'zh_CN', pass_ticket: state.session.passTicket });
  const body = { BaseRequest: state.baseRequest(), Code: code, FromUserName: state.selfId, ToUserName: to, ClientMsgId: Math.floor(nowMs) };
  const result = await postJson(deps, 'webwxstatusnotify', url, body, signal);
  return result.ok ? { ok: true, value: true } : result;
}

export async function webwxgetcontact(deps: Requester, state: SessionState, seq: number, nowMs: number, signal: AbortSignal): Promise<ApiResult<{ contacts: RawContact[]; seq: number }>> {
  const url = cgi(state.family.main, 'webwxgetcontact', { r: Math.floor(nowMs), seq, skey: state.session.skey });
  const result = await requestJson(deps, 'webwxgetcontact', { url, method: 'GET', signal });
  if (!result.ok) return result;
  return { ok: true, value: { contacts: readContacts(result.value, 'MemberList'), seq: num(result.value, 'Seq') } };
}

export async function webwxbatchgetcontact(deps: Requester, state: SessionState, ids: string[], nowMs: number, signal: AbortSignal): Promise<ApiResult<RawContact[]>> {
  const url = cgi(state.family.main, 'webwxbatchgetcontact', { type: 'ex', r: Math.floor(nowMs), lang: 'zh_CN', pass_ticket: state.session.passTicket });
  const body = { BaseRequest: state.baseRequest(), Count: ids.length, List: ids.map((id) => ({ UserName: id, EncryChatRoomId: '' })) };
  const result = await postJson(deps, 'webwxbatchgetcontact', url, body, signal);
  return result.ok ? { ok: true, value: readContacts(result.value, 'ContactList') } : result;
}

export async function synccheck(deps: Requester, state: SessionState, host: string, nowMs: number, signal: AbortSignal): Promise<ApiResult<SyncCheckAnswer>> {
  const s = state.session;
  const key = s.syncCheckKey ?? s.syncKey;
  const url = cgi(host, 'synccheck', {
    r: Math.floor(nowMs),
    skey: s.skey,
    sid: s.sid,
    uin: s.uin,
    deviceid: s.deviceId,
    synckey: key ? syncKeyString(key) : '',
    _: state.syncCounter++,
  });
  const outcome = await deps.http({ url, method: 'GET', deadlineMs: SYNCCHECK_DEADLINE_MS, signal });
  if (!outcome.ok) {
    const failure = networkFailure(outcome);
    if (failure.kind === 'network') diagnose(deps, `synccheck: ${failure.reason}`, outcome.message, 'info');
    return failure;
  }
  const answer = outcome.status === 200 ? parseSyncCheck(outcome.text) : null;
  if (!answer) {
    diagnose(deps, `synccheck: unexpected answer (HTTP ${outcome.status})`, clip(outcome.text));
    return { ok: false, kind: 'malformed', reason: `synccheck gave an unexpected answer (HTTP ${outcome.status})` };
  }
  return { ok: true, value: answer, raw: outcome.text };
}

export interface SyncResult {
  messages: RawMessage[];
  modified: RawContact[];
  deleted: string[];
  syncKey: SyncKey | undefined;
  syncCheckKey: SyncKey | undefined;
  skey: string;
  continueFlag: number;
}

export async function webwxsync(deps: Requester, state: SessionState, nowMs: number, signal: AbortSignal): Promise<ApiResult<SyncResult>> {
  const s = state.session;
  const url = cgi(state.family.main, 'webwxsync', { sid: s.sid, skey: s.skey, pass_ticket: s.passTicket, lang: 'zh_CN' });
  const body = { BaseRequest: state.baseRequest(), SyncKey: s.syncKey ?? { Count: 0, List: [] }, rr: rr(nowMs) };
  const result = await postJson(deps, 'webwxsync', url, body, signal);
  if (!result.ok) return result;
  const json = result.value;
  return {
    ok: true,
    value: {
      messages: list(json, 'AddMsgList')
        .map(readMessage)
        .filter((m): m is RawMessage => m !== undefined),
      modified: readContacts(json, 'ModContactList'),
      deleted: list(json, 'DelContactList')
        .map((c) => str(c, 'UserName'))
        .filter(Boolean),
      syncKey: readSyncKey(json.SyncKey),
      syncCheckKey: readSyncKey(json.SyncCheckKey),
      skey: str(json, 'SKey'),
      continueFlag: num(json, 'ContinueFlag'),
    },
  };
}

/** Errors are ignored by every anchor: the server confirms with 1101 on the next synccheck anyway. */
export async function webwxlogout(deps: Requester, state: SessionState): Promise<void> {
  const url = cgi(state.family.main, 'webwxlogout', { redirect: 1, type: 1, skey: state.session.skey });
  await deps.http({ url, method: 'GET', deadlineMs: 10_000 });
}
