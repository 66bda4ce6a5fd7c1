// JSONP on the wire: the wrappers seen in the wild (weibo-bayeux.md B.3) and small HTTP helpers.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** faye `/**\/cb(...);`, Weibo `try{cb(...)}catch(e){}` (2015), bare `cb(...)` (2013). */
export type WrapperStyle = 'faye' | 'weibo' | 'bare';
export const WRAPPER_STYLES: readonly WrapperStyle[] = ['faye', 'weibo', 'bare'];

/** The callback names faye accepts (dotted identifiers); Weibo's own pages use the same kind. */
export const CALLBACK_NAME = /^[a-z_$][a-z0-9_$]*(\.[a-z_$][a-z0-9_$]*)*$/i;

/** U+2028/2029 are legal in JSON but end a line in a script. */
export function scriptSafe(json: string): string {
  return json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function wrapJsonp(style: WrapperStyle, callback: string, json: string): string {
  const payload = scriptSafe(json);
  if (style === 'faye') return `/**/${callback}(${payload});`;
  if (style === 'weibo') return `try{${callback}(${payload})}catch(e){}`;
  return `${callback}(${payload})`;
}

/** The JSON inside faye's own `/**\/cb(...);` body, or undefined when it is not that shape. */
export function unwrapFaye(body: string, callback: string): string | undefined {
  const head = `/**/${callback}(`;
  if (!body.startsWith(head) || !body.endsWith(');')) return undefined;
  return body.slice(head.length, -2);
}

export function cookieHeader(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}

export function sendText(res: ServerResponse, status: number, contentType: string, body: string, extra: Record<string, string | string[]> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    'content-type': contentType,
    'cache-control': 'no-cache, no-store',
    'content-length': String(Buffer.byteLength(body)),
    ...extra,
  });
  res.end(body);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A JS single-quoted string literal that cannot close the surrounding <script>. */
export function jsString(text: string): string {
  const escape = (c: string): string => {
    const code = c.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
  };
  return `'${text.replace(/[\\'"<>&\u2028\u2029\n\r]/g, escape)}'`;
}

/** Lower-case alphanumerics, like CometD's ids and cookies. */
export function randomId(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (const byte of randomBytes(length)) id += alphabet[byte % alphabet.length];
  return id;
}
