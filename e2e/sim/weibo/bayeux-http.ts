// The HTTP layer in front of faye for `*.web1.im.weibo.com/im`: URL-length limit, faults,
// and a rewrite of faye's reply body (ack batches, the wrapper style, Weibo's cookies).
// The response is intercepted, not replaced, so faye's own flow is untouched; only the FIRST
// write reaches the socket, which also defuses faye's double write after a client abort.
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { SimContext, SimRequest } from '../module.ts';
import type { BayeuxBackend } from './bayeux-server.ts';
import type { FayeMessage } from './faye.ts';
import type { FaultTarget, Faults } from './faults.ts';
import { answerFault } from './faults.ts';
import type { WrapperStyle } from './wire.ts';
import { cookieHeader, randomId, sendText, unwrapFaye, wrapJsonp } from './wire.ts';

/** Jetty's default request header buffer is 8 KiB; longer request lines get 414 (decision 9). */
export const MAX_REQUEST_URL = 8000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseMessages(text: string | null): FayeMessage[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    const list = Array.isArray(value) ? value : [value];
    return list.filter((m): m is FayeMessage => isRecord(m) && typeof m['channel'] === 'string');
  } catch {
    return [];
  }
}

const isDelivery = (m: FayeMessage) => 'data' in m && m.successful === undefined && !m.channel.startsWith('/meta/');

export interface BayeuxHttpEnv {
  backend: BayeuxBackend;
  faults: Faults;
  ctx: SimContext;
  wrapper(): WrapperStyle;
}

export function serveBayeux(request: SimRequest, env: BayeuxHttpEnv): void {
  const { req, res, url } = request;
  if ((req.url ?? '').length > MAX_REQUEST_URL) return sendText(res, 414, 'text/html', '<h1>HTTP ERROR 414 URI Too Long</h1>');
  const isGet = req.method === 'GET';
  const jsonp = url.searchParams.get('jsonp') || 'jsonpcallback';
  const messages = isGet ? parseMessages(url.searchParams.get('message')) : [];
  const connect = messages.find((m) => m.channel === '/meta/connect');
  const sends = messages.filter((m) => m.channel === '/im/req' && isRecord(m.data) && m.data['cmd'] === 'msg');
  env.ctx.record('weibo', 'bayeux', {
    host: request.host,
    method: req.method,
    channels: messages.map((m) => m.channel),
    clientId: messages.find((m) => m.clientId)?.clientId ?? null,
    ext: connect?.ext ?? null,
    advice: connect?.advice ?? null,
    referer: req.headers.referer ?? '',
    urlLength: (req.url ?? '').length,
  });

  const targets: FaultTarget[] = ['bayeux'];
  if (connect) targets.push('connect');
  if (sends.length > 0) targets.push('send');
  const fault = env.faults.take(targets);
  if (fault) return answerFault(res, fault, jsonp, JSON.stringify([{ channel: '/meta/connect', successful: true, id: connect?.id ?? '1' }]));

  const connectClient = connect?.clientId;
  if (connectClient) env.backend.connectArrived(connectClient);
  const wantsBrowserCookie = messages.some((m) => m.channel === '/meta/handshake') && !cookieHeader(req).has('BAYEUX_BROWSER');
  intercept(res, (status, headers, body) => {
    if (status === 200 && connectClient) env.backend.connectAnswered(connectClient);
    if (status !== 200) return { status, headers, body };
    const json = isGet ? unwrapFaye(body, jsonp) : body;
    if (json === undefined) return { status, headers, body };
    const replies = rewriteReplies(JSON.parse(json) as FayeMessage[], env.backend);
    const text = JSON.stringify(replies);
    const out: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() !== 'content-length') out[name] = value;
    const finalBody = isGet ? wrapJsonp(env.wrapper(), jsonp, text) : text;
    out['Content-Length'] = String(Buffer.byteLength(finalBody));
    if (wantsBrowserCookie) out['Set-Cookie'] = [`BAYEUX_BROWSER=${randomId(16)}; Path=/; HttpOnly`, `JSESSIONID=${randomId(24)}; Path=/; HttpOnly`];
    return { status, headers: out, body: finalBody };
  });
  env.backend.adapter.handle(req, res);
}

/** Seal connect deliveries into an ack batch; drop the clientId faye echoes on connect replies. */
function rewriteReplies(replies: FayeMessage[], backend: BayeuxBackend): FayeMessage[] {
  const connectReply = replies.find((m) => m.channel === '/meta/connect');
  if (!connectReply?.successful || !connectReply.clientId) return replies;
  const clientId = connectReply.clientId;
  delete connectReply.clientId;
  const sealed = backend.acks.seal(clientId, replies.filter(isDelivery));
  if (!sealed) return replies;
  connectReply.ext = { ...(connectReply.ext ?? {}), ack: sealed.batch };
  return [...replies.filter((m) => !isDelivery(m)), ...sealed.events];
}

type Transform = (status: number, headers: OutgoingHttpHeaders, body: string) => { status: number; headers: OutgoingHttpHeaders; body: string };

function intercept(res: ServerResponse, transform: Transform): void {
  const writeHead = res.writeHead.bind(res);
  const end = res.end.bind(res);
  let status = 200;
  let headers: OutgoingHttpHeaders = {};
  let written = false;
  res.writeHead = ((code: number, value?: OutgoingHttpHeaders) => {
    status = code;
    headers = value ?? {};
    return res;
  }) as ServerResponse['writeHead'];
  res.end = ((chunk?: unknown) => {
    const body = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
    // Always transform (ack bookkeeping must see every reply faye produced) but write only once.
    const out = transform(status, headers, body);
    if (written || res.headersSent || res.destroyed) return res;
    written = true;
    writeHead(out.status, out.headers);
    end(out.body);
    return res;
  }) as ServerResponse['end'];
}
