// Request pipeline: which endpoint lives on which host role, then log -> fault -> Origin check ->
// session check -> handler. Every request is recorded with its headers for the `requests` action.
import type { IncomingMessage } from 'node:http';
import type { SimRequest } from '../module.ts';
import { authenticate } from './auth.ts';
import { batchGetContact, getContact } from './contacts.ts';
import { type Exchange, type ReplyStyle, baseRequest, protocolError, send } from './exchange.ts';
import { type HostRole, parseHost, serviceOrigin } from './hosts.ts';
import { jsLogin, loginPoll, newLoginPage, pushLoginUrl, qrImage } from './login.ts';
import { checkUpload, getIcon, getMedia, getMsgImg, getPublicLinkImg, getVideo, getVoice, uploadMedia } from './media.ts';
import { acknowledge, createChatRoom, logout, opLog, updateChatRoom, verifyUser } from './secondary.ts';
import { type SentListener, revokeMessage, sendMessage } from './send.ts';
import type { Session } from './session.ts';
import type { SimState } from './state.ts';
import { statusNotify, syncCheck, webwxInit, webwxSync } from './sync.ts';
import { record } from './values.ts';

type Open = (state: SimState, ex: Exchange) => void | Promise<void>;
type Guarded = (state: SimState, ex: Exchange, session: Session) => void | Promise<void>;

interface Endpoint {
  roles: HostRole[];
  style: ReplyStyle;
  /** Needs a JSON body with a BaseRequest. */
  baseRequest?: boolean;
  open?: Open;
  guarded?: Guarded;
}

const MAIN: HostRole[] = ['main'];
const MEDIA: HostRole[] = ['main', 'file'];
const MAX_BODY = 30 * 1024 * 1024;

export function endpointTable(listeners: SentListener[]): Record<string, Endpoint> {
  const send: Guarded = (state, ex, session) => sendMessage(state, ex, session, listeners);
  const json = (guarded: Guarded, baseReq = true): Endpoint => ({ roles: MAIN, style: 'json', baseRequest: baseReq, guarded });
  return {
    jslogin: { roles: ['login'], style: 'jslogin', open: jsLogin },
    qrcode: { roles: ['login'], style: 'binary', open: qrImage },
    login: { roles: ['login'], style: 'login', open: loginPoll },
    webwxnewloginpage: { roles: MAIN, style: 'xml', open: newLoginPage },
    webwxpushloginurl: { roles: MAIN, style: 'json', open: pushLoginUrl },
    webwxinit: json(webwxInit),
    webwxstatusnotify: json(statusNotify),
    webwxgetcontact: json(getContact, false),
    webwxbatchgetcontact: json(batchGetContact),
    synccheck: { roles: ['webpush', 'main'], style: 'synccheck', guarded: syncCheck },
    webwxsync: json(webwxSync),
    webwxsendmsg: json(send),
    webwxsendmsgimg: json(send),
    webwxsendappmsg: json(send),
    webwxsendemoticon: json(send),
    webwxsendvideomsg: json(send),
    webwxrevokemsg: json(revokeMessage),
    webwxcheckupload: { roles: MEDIA, style: 'json', baseRequest: true, guarded: checkUpload },
    webwxuploadmedia: { roles: MEDIA, style: 'json', guarded: uploadMedia },
    webwxgetmsgimg: { roles: MEDIA, style: 'binary', guarded: getMsgImg },
    webwxgetvoice: { roles: MEDIA, style: 'binary', guarded: getVoice },
    webwxgetvideo: { roles: MEDIA, style: 'binary', guarded: getVideo },
    webwxgetmedia: { roles: MEDIA, style: 'binary', guarded: getMedia },
    webwxgeticon: { roles: MAIN, style: 'binary', guarded: getIcon },
    webwxgetheadimg: { roles: MAIN, style: 'binary', guarded: getIcon },
    webwxgetpubliclinkimg: { roles: MAIN, style: 'binary', guarded: getPublicLinkImg },
    webwxlogout: json(logout, false),
    webwxoplog: json(opLog),
    webwxverifyuser: json(verifyUser),
    webwxcreatechatroom: json(createChatRoom),
    webwxupdatechatroom: json(updateChatRoom),
    webwxstatreport: json(acknowledge, false),
    webwxsearchcontact: json(acknowledge, false),
    webwxcheckurl: json(acknowledge, false),
    webwxsendfeedback: json(acknowledge, false),
    webwxpreview: json(acknowledge, false),
  };
}

export function endpointName(path: string): string {
  if (path === '/jslogin') return 'jslogin';
  if (path.startsWith('/qrcode/')) return 'qrcode';
  if (path === '/' || path === '') return 'root';
  const match = /^\/cgi-bin\/mmwebwx-bin\/([a-z0-9_]+)$/i.exec(path);
  return match?.[1] ?? '';
}

function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of (header ?? '').split(';')) {
    const index = pair.indexOf('=');
    if (index > 0) out.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const ROOT_PAGE = '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>微信网页版 (simulated)</title></head><body><p>WeChat Web simulator</p></body></html>';

export async function route(state: SimState, table: Record<string, Endpoint>, request: SimRequest): Promise<void> {
  const { req, res, url, scheme } = request;
  const hostInfo = parseHost(request.host);
  if (!hostInfo) return void res.writeHead(404).end();
  const name = endpointName(url.pathname);
  const endpoint = table[name];
  const log = {
    id: state.nextRequestId(),
    at: state.now(),
    method: req.method ?? 'GET',
    scheme,
    host: request.host,
    path: url.pathname,
    endpoint: name || url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { ...req.headers },
    referer: req.headers.referer,
    origin: req.headers.origin,
    status: undefined as number | undefined,
    body: undefined as string | undefined,
    fault: undefined as string | undefined,
  };
  state.logRequest(log);
  res.on('close', () => {
    log.status = res.headersSent ? res.statusCode : 0;
  });
  const body = req.method === 'POST' ? await readBody(req) : Buffer.alloc(0);
  const multipart = String(req.headers['content-type'] ?? '').startsWith('multipart/');
  log.body = body.length === 0 ? undefined : multipart || body.length > 4096 ? `<${body.length} bytes>` : body.toString('utf8');
  let json: Record<string, unknown> | undefined;
  if (body.length > 0 && !multipart) {
    try {
      json = record(JSON.parse(body.toString('utf8')));
    } catch {
      json = undefined;
    }
  }
  const ex: Exchange = {
    req, res, url, scheme, hostInfo, endpoint: name, style: endpoint?.style ?? 'json', query: url.searchParams,
    cookies: parseCookies(req.headers.cookie), body, json, session: undefined, fault: undefined, log, timers: state.timers,
  };
  if (name === 'root' && hostInfo.role === 'main') return send(ex, { headers: { 'content-type': 'text/html; charset=utf-8' }, body: ROOT_PAGE });
  if (!endpoint || !endpoint.roles.includes(hostInfo.role)) return send(ex, { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' });

  const fault = state.faults.take(name);
  if (fault) {
    log.fault = fault.kind;
    if (fault.kind === 'hang') return; // never answered; the client must time out
    if (fault.kind === 'http') return send(ex, { status: fault.status, headers: { 'content-type': 'text/html' }, body: `<html><body><h1>${fault.status}</h1></body></html>` });
    if (fault.kind === 'retcode') return protocolError(ex, fault.retcode);
    ex.fault = fault;
  }
  // A browser-origin check: a POST carrying someone else's Origin is refused (Ret 1).
  const origin = req.headers.origin;
  if (req.method === 'POST' && origin !== undefined && hostInfo.role !== 'login') {
    if (!hostInfo.family || origin !== serviceOrigin(hostInfo.family, scheme)) {
      log.fault = `origin refused: ${origin}`;
      return protocolError(ex, 1, 'origin not allowed');
    }
  }
  if (endpoint.open) return endpoint.open(state, ex);
  const auth = authenticate(state, ex, baseRequest(ex));
  if (!auth.ok) {
    log.fault = `denied ${auth.code}: ${auth.reason}`;
    return protocolError(ex, auth.code);
  }
  if (endpoint.baseRequest && !baseRequest(ex)) return protocolError(ex, 1, 'BaseRequest missing');
  ex.session = auth.session;
  await endpoint.guarded?.(state, ex, auth.session);
}
