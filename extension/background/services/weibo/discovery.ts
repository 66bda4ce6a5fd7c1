// Discovery (weibo-bayeux.md B.2): webim.jsp on nas.im.api.weibo.com tells which Bayeux server and
// channel this user has. It needs the weibo.com login cookies; without them Weibo answers an error
// object, and the user has to sign in on weibo.com.
import { isRecord } from './bayeux-messages.ts';
import type { Endpoint } from './bayeux-machine.ts';
import { parseJsonp } from './jsonp.ts';

export const DISCOVERY_HOST = 'nas.im.api.weibo.com';

export function webimUrl(uid: string, callback: string, now: number): string {
  const params = new URLSearchParams({ v: '1.1', returntype: 'json', uid, callback, __rnd: String(now) });
  return `http://${DISCOVERY_HOST}/im/webim.jsp?${params.toString()}`;
}

export type DiscoveryResult =
  | { kind: 'found'; endpoint: Endpoint }
  | { kind: 'loginRequired'; reason: string; raw: string }
  | { kind: 'failed'; reason: string; code: string; raw: string };

/** Only Weibo's own hosts: the server name comes from the network and decides where cookies go. */
function endpointOf(serverValue: string, channel: string): Endpoint | undefined {
  let url: URL;
  try {
    url = new URL(serverValue);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.hostname !== 'weibo.com' && !url.hostname.endsWith('.weibo.com')) return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  if (!/^\/im\/[A-Za-z0-9_-]+$/.test(channel)) return undefined;
  const server = url.toString().endsWith('/') ? url.toString() : `${url.toString()}/`;
  return { server, channel, url: `${server}im` };
}

/** Pure: read webim.jsp's answer (JSONP with our callback, or plain JSON). */
export function readDiscovery(body: string, callback: string): DiscoveryResult {
  const text = body.trim();
  let value: unknown;
  if (text.startsWith('{')) {
    try {
      value = JSON.parse(text);
    } catch {
      return { kind: 'failed', reason: 'webim.jsp answered broken JSON', code: 'webim:json', raw: body };
    }
  } else {
    const parsed = parseJsonp(text, callback);
    if (!parsed.ok) return { kind: 'failed', reason: `webim.jsp answered an unexpected body (${parsed.detail})`, code: `jsonp:${parsed.error}`, raw: body };
    value = parsed.value;
  }
  if (!isRecord(value)) return { kind: 'failed', reason: 'webim.jsp answered something other than an object', code: 'webim:shape', raw: body };
  const channel = value['channel'];
  const server = value['server'];
  if (typeof channel === 'string' && typeof server === 'string') {
    const endpoint = endpointOf(server, channel);
    if (endpoint) return { kind: 'found', endpoint };
    return { kind: 'failed', reason: `webim.jsp named a server or channel we do not trust: ${server} ${channel}`, code: 'webim:endpoint', raw: body };
  }
  if ('error' in value || 'error_code' in value) {
    const error = typeof value['error'] === 'string' ? value['error'] : 'not signed in';
    const code = typeof value['error_code'] === 'number' || typeof value['error_code'] === 'string' ? ` (${String(value['error_code'])})` : '';
    return { kind: 'loginRequired', reason: `Sign in to weibo.com in this browser: Weibo says "${error}"${code}`, raw: body };
  }
  return { kind: 'failed', reason: 'webim.jsp answered without channel and server', code: 'webim:shape', raw: body };
}
