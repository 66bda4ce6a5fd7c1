// Test helper: a small cookie-keeping HTTP client for Node that sends every request for a real
// host name to the simulator on loopback (with the right Host header), the way Chromium's
// --host-resolver-rules does. It returns the extension's HttpOutcome, so it can stand in for
// ConnectorDeps.http in Node tests.
import http from 'node:http';
import https from 'node:https';
import type { HttpOutcome, HttpRequest } from '../../../extension/background/platform/http.ts';

interface StoredCookie {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
}

export class CookieJar {
  private cookies: StoredCookie[] = [];

  store(url: URL, setCookie: string[]): void {
    for (const line of setCookie) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const cookie: StoredCookie = {
        name: pair.slice(0, eq).trim(),
        value: pair.slice(eq + 1).trim(),
        domain: url.hostname,
        hostOnly: true,
        path: '/',
        secure: false,
      };
      let expired = false;
      for (const attribute of attributes) {
        const [key = '', value = ''] = attribute.split('=').map((part) => part.trim());
        const lower = key.toLowerCase();
        if (lower === 'domain' && value) {
          cookie.domain = value.replace(/^\./, '').toLowerCase();
          cookie.hostOnly = false;
        } else if (lower === 'path' && value) cookie.path = value;
        else if (lower === 'secure') cookie.secure = true;
        else if (lower === 'expires' && Date.parse(value) < Date.now()) expired = true;
        else if (lower === 'max-age' && Number(value) <= 0) expired = true;
      }
      this.cookies = this.cookies.filter((c) => !(c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path));
      if (!expired) this.cookies.push(cookie);
    }
  }

  header(url: URL): string {
    const host = url.hostname;
    return this.cookies
      .filter((c) => (c.hostOnly ? host === c.domain : host === c.domain || host.endsWith(`.${c.domain}`)))
      .filter((c) => url.pathname.startsWith(c.path) && (!c.secure || url.protocol === 'https:'))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  get(name: string): string | undefined {
    return this.cookies.find((c) => c.name === name)?.value;
  }
}

export interface NodeHttp {
  request(request: HttpRequest): Promise<HttpOutcome>;
  readonly jar: CookieJar;
  /** Extra headers per host, as declarativeNetRequest would add them (Referer...). */
  readonly hostHeaders: Map<string, Record<string, string>>;
}

interface RawResponse {
  status: number;
  headers: Headers;
  body: string;
  setCookie: string[];
}

export function createNodeHttp(ports: { httpPort: number; httpsPort: number }): NodeHttp {
  const jar = new CookieJar();
  const hostHeaders = new Map<string, Record<string, string>>();

  const once = (url: URL, request: HttpRequest, signal: AbortSignal): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      const secure = url.protocol === 'https:';
      const headers: Record<string, string> = { host: url.host, ...(request.headers ?? {}), ...(hostHeaders.get(url.hostname) ?? {}) };
      if (request.withCookies !== false) {
        const cookie = jar.header(url);
        if (cookie) headers['cookie'] = cookie;
      }
      const body = typeof request.body === 'string' ? request.body : undefined;
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const options = {
        host: '127.0.0.1',
        port: secure ? ports.httpsPort : ports.httpPort,
        method: request.method ?? 'GET',
        path: `${url.pathname}${url.search}`,
        headers,
        signal,
        ...(secure ? { servername: url.hostname, rejectUnauthorized: false } : {}),
      };
      const req = (secure ? https : http).request(options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const item of ([] as (string | undefined)[]).concat(value)) if (item !== undefined) responseHeaders.append(name, item);
          }
          const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
          resolve({ status: res.statusCode ?? 0, headers: responseHeaders, body: Buffer.concat(chunks).toString('utf8'), setCookie });
        });
      });
      req.on('error', reject);
      req.end(body);
    });

  return {
    jar,
    hostHeaders,
    async request(request) {
      const controller = new AbortController();
      const deadline = setTimeout(() => controller.abort(), request.deadlineMs);
      const onAbort = () => controller.abort();
      request.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        if (request.signal?.aborted) return { ok: false, failure: 'aborted', message: 'stopped before sending' };
        let url = new URL(request.url);
        for (let hop = 0; ; hop += 1) {
          const response = await once(url, request, controller.signal);
          jar.store(url, response.setCookie);
          const location = response.headers.get('location');
          if (response.status >= 300 && response.status < 400 && location && hop < 5) {
            url = new URL(location, url);
            continue;
          }
          return { ok: true, status: response.status, headers: response.headers, text: response.body, url: url.toString() };
        }
      } catch (error) {
        if (request.signal?.aborted) return { ok: false, failure: 'aborted', message: 'stopped' };
        if (controller.signal.aborted) return { ok: false, failure: 'timeout', message: `no complete answer within ${request.deadlineMs} ms` };
        return { ok: false, failure: 'network', message: error instanceof Error ? error.message : String(error) };
      } finally {
        clearTimeout(deadline);
        request.signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
