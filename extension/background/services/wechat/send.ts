// Sending (digest §2.12-§2.15): exactly one attempt per call; failures are values with a reason.
import type { SendContent, SendResult } from '../../../shared/domain.ts';
import type { ConnectorDeps } from '../connector.ts';
import { postJson, SESSION_OVER, type ApiFailure } from './api-request.ts';
import { cgi } from './hosts.ts';
import { makeClientMsgId } from './ids.ts';
import type { SentRecord, SessionState } from './session.ts';
import { uploadMedia } from './upload.ts';
import { str } from './wire.ts';

type Deps = Pick<ConnectorDeps, 'http' | 'events' | 'now' | 'random' | 'cookie'>;

/** OW's 20 MB image limit; files above 25 MB need webwxcheckupload, which we do not implement. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
export const MAX_FILE_BYTES = 25 * 1024 * 1024;
/** WeChat lets a sender recall a message for 2 minutes (OW). */
export const REVOKE_WINDOW_MS = 2 * 60_000;
/** The appid WeChat expects inside outgoing file <appmsg> XML (digest §2.1). */
const FILE_APPID = 'wxeb7ec651dd0aefa9';

export type SendOutcome = { result: SendResult; record?: SentRecord };

function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[ch] ?? 'amp'};`);
}

export function fileAppMsg(name: string, size: number, mediaId: string): string {
  const ext = name.includes('.') ? (name.split('.').pop() ?? '') : '';
  return (
    `<appmsg appid='${FILE_APPID}' sdkver=''><title>${xmlEscape(name)}</title><des></des><action></action><type>6</type>` +
    `<content></content><url></url><lowurl></lowurl><appattach><totallen>${size}</totallen><attachid>${xmlEscape(mediaId)}</attachid>` +
    `<fileext>${xmlEscape(ext)}</fileext></appattach><extinfo></extinfo></appmsg>`
  );
}

export function failureText(failure: ApiFailure, what: string): { error: string; retryable: boolean } {
  switch (failure.kind) {
    case 'aborted':
      return { error: `${what} was cancelled`, retryable: true };
    case 'network':
      // After a timeout the server may have delivered it: do not invite a duplicate.
      return { error: `${what} failed: ${failure.reason}`, retryable: !failure.reason.startsWith('no answer in time') };
    case 'ret':
      if (SESSION_OVER.has(failure.ret)) return { error: `${what} failed: not signed in to WeChat (${failure.ret})`, retryable: false };
      return { error: `${what} failed: ${failure.reason}`, retryable: failure.ret === 1205 };
    case 'malformed':
      return { error: `${what} failed: ${failure.reason}`, retryable: false };
  }
}

async function postMsg(deps: Deps, state: SessionState, to: string, endpoint: string, query: Record<string, string>, msg: Record<string, unknown>, what: string): Promise<SendOutcome> {
  const clientMsgId = makeClientMsgId(deps.now(), deps.random);
  const body = {
    BaseRequest: state.baseRequest(),
    Scene: 0,
    Msg: { ...msg, FromUserName: state.selfId, ToUserName: to, LocalID: clientMsgId, ClientMsgId: clientMsgId },
  };
  const result = await postJson(deps, endpoint, cgi(state.family.main, endpoint, { ...query, pass_ticket: state.session.passTicket }), body);
  if (!result.ok) return { result: { ok: false, ...failureText(result, what) } };
  // MsgID is a string on the wire; read it from the text in case a server sends a big number.
  const raw = result.raw ? /"MsgID"\s*:\s*"?(\d{1,24})"?/.exec(result.raw)?.[1] : undefined;
  const msgId = raw ?? str(result.value, 'MsgID');
  const at = deps.now();
  if (!msgId) {
    deps.events.diagnostic({ level: 'warn', what: `${endpoint}: no MsgID`, raw: result.raw?.slice(0, 4000) ?? '' });
    return { result: { ok: true, serverId: `local-${clientMsgId}`, at } };
  }
  return { result: { ok: true, serverId: msgId, at }, record: { id: msgId, to, at, clientMsgId } };
}

export async function sendContent(deps: Deps, state: SessionState, to: string, content: SendContent, fileIndex: number): Promise<SendOutcome> {
  switch (content.kind) {
    case 'text': {
      if (!content.text) return { result: { ok: false, error: 'Nothing to send: the message is empty', retryable: false } };
      return postMsg(deps, state, to, 'webwxsendmsg', { lang: 'zh_CN' }, { Type: 1, Content: content.text }, 'Sending the message');
    }
    case 'image': {
      if (content.bytes.length > MAX_IMAGE_BYTES) return { result: { ok: false, error: `The image is too large for WeChat (over ${MAX_IMAGE_BYTES / 1024 / 1024} MB)`, retryable: false } };
      const upload = await uploadMedia(deps, state, content, to, fileIndex);
      if (!upload.ok) return { result: upload };
      return postMsg(deps, state, to, 'webwxsendmsgimg', { fun: 'async', f: 'json' }, { Type: 3, MediaId: upload.mediaId, Content: '' }, 'Sending the image');
    }
    case 'file': {
      if (content.bytes.length > MAX_FILE_BYTES) return { result: { ok: false, error: `The file is too large to send from here (over ${MAX_FILE_BYTES / 1024 / 1024} MB)`, retryable: false } };
      const upload = await uploadMedia(deps, state, content, to, fileIndex);
      if (!upload.ok) return { result: upload };
      const xml = fileAppMsg(content.name, content.bytes.length, upload.mediaId);
      return postMsg(deps, state, to, 'webwxsendappmsg', { fun: 'async', f: 'json', lang: 'zh_CN' }, { Type: 6, Content: xml }, 'Sending the file');
    }
  }
}

export async function revokeMessage(deps: Deps, state: SessionState, serverId: string, peerId: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const record = state.session.sent.find((r) => r.id === serverId);
  if (!record) return { ok: false, error: 'Only messages sent from Switchboard in this session can be recalled' };
  if (deps.now() - record.at > REVOKE_WINDOW_MS) return { ok: false, error: 'WeChat only allows recalling a message within 2 minutes of sending it' };
  const url = cgi(state.family.main, 'webwxrevokemsg', { lang: 'zh_CN', pass_ticket: state.session.passTicket });
  const body = { BaseRequest: state.baseRequest(), SvrMsgId: serverId, ToUserName: record.to || peerId, ClientMsgId: record.clientMsgId };
  const result = await postJson(deps, 'webwxrevokemsg', url, body);
  return result.ok ? { ok: true } : { ok: false, error: failureText(result, 'Recalling the message').error };
}

