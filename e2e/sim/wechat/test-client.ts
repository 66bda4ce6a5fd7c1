// Test helpers (no tests here): start the simulator with only the WeChat module, a tiny HTTPS client
// that sets the Host header itself and keeps a domain-scoped cookie jar like a browser, and the
// steps of a full login.
import https from 'node:https';
import { startSimulator, type RunningSim } from '../server.ts';
import { createWechatModule } from './index.ts';
import type { Clock } from './timers.ts';

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  buffer: Buffer;
  text: string;
}

interface Cookie {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
}

export class SimClient {
  readonly cookies: Cookie[] = [];

  constructor(private readonly port: number) {}

  private cookieHeader(host: string): string {
    return this.cookies
      .filter((c) => (c.hostOnly ? host === c.domain : host === c.domain || host.endsWith(`.${c.domain}`)))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  private store(host: string, header: string[] | undefined): void {
    for (const line of header ?? []) {
      const [pair = '', ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const domainAttr = attributes.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith('domain='));
      const domain = domainAttr ? domainAttr.slice(7).replace(/^\./, '').toLowerCase() : host;
      const existing = this.cookies.findIndex((c) => c.name === name && c.domain === domain);
      const cookie = { name, value, domain, hostOnly: !domainAttr };
      if (existing >= 0) this.cookies[existing] = cookie;
      else this.cookies.push(cookie);
    }
  }

  request(method: string, url: string, options: { headers?: Record<string, string>; body?: string | Buffer; cookies?: boolean } = {}): Promise<Response> {
    const target = new URL(url);
    const cookie = options.cookies === false ? '' : this.cookieHeader(target.hostname);
    const headers: Record<string, string> = { host: target.hostname, ...options.headers };
    if (cookie) headers['cookie'] = cookie;
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    return new Promise((resolve, reject) => {
      const req = https.request(
        { host: '127.0.0.1', port: this.port, method, path: target.pathname + target.search, headers, rejectUnauthorized: false, servername: target.hostname },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('aborted', () => reject(new Error('aborted')));
          res.on('end', () => {
            this.store(target.hostname, res.headers['set-cookie']);
            const buffer = Buffer.concat(chunks);
            resolve({ status: res.statusCode ?? 0, headers: res.headers, buffer, text: buffer.toString('utf8') });
          });
        },
      );
      req.on('error', reject);
      if (options.body !== undefined) req.write(options.body);
      req.end();
    });
  }

  get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request('GET', url, { headers });
  }

  postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.request('POST', url, { headers: { 'content-type': 'application/json; charset=UTF-8', ...headers }, body: JSON.stringify(body) });
  }

  cookie(name: string): string | undefined {
    return this.cookies.find((c) => c.name === name)?.value;
  }
}

export interface TestSim {
  sim: RunningSim;
  control<T = unknown>(action: string, body?: Record<string, unknown>): Promise<T>;
  client(): SimClient;
  close(): Promise<void>;
}

export async function startWechatSim(options: { clock?: Clock; demo?: boolean } = {}): Promise<TestSim> {
  const sim = await startSimulator({ modules: [(ctx) => createWechatModule(ctx, { clock: options.clock })], demo: options.demo ?? false });
  return {
    sim,
    async control<T>(action: string, body: Record<string, unknown> = {}): Promise<T> {
      const res = await fetch(`${sim.controlUrl}/wechat/${action}`, { method: 'POST', body: JSON.stringify(body) });
      const json = (await res.json()) as T & { error?: string };
      if (res.status !== 200) throw new Error(`control ${action}: ${json.error ?? res.status}`);
      return json;
    },
    client: () => new SimClient(sim.httpsPort),
    close: () => sim.close(),
  };
}

/** Poll until `check` returns a value (not a sleep: it ends as soon as the condition holds). */
export async function waitFor<T>(check: () => Promise<T | undefined | false>, what = 'condition', timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const UOS_HEADERS = { 'client-version': '2.0.0', extspam: 'Go8FCIkFEokFCggwMDAwMDAwMRAGGvAESySibk50w5Wb3uTl2c2h64jVVrV7gNs06GFlWplHQbY' };
export const JSLOGIN = 'https://login.wx.qq.com/jslogin?appid=wx782c26e4c19acffb&fun=new&lang=zh_CN&redirect_uri=' + encodeURIComponent('https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage?mod=desktop');

export interface LoggedIn {
  host: string;
  uin: number;
  sid: string;
  skey: string;
  passTicket: string;
  baseRequest: { Uin: number; Sid: string; Skey: string; DeviceID: string };
  syncKey: { Count: number; List: Array<{ Key: number; Val: number }> };
  self: string;
  init: Record<string, unknown>;
}

export const tag = (xml: string, name: string): string => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? '';
export const syncKeyString = (key: LoggedIn['syncKey']) => key.List.map((k) => `${k.Key}_${k.Val}`).join('|');

/** jslogin -> confirm -> login poll -> exchange -> webwxinit, on the chosen family. */
export async function login(t: TestSim, client: SimClient, family = 'wx'): Promise<LoggedIn> {
  const js = await client.get(JSLOGIN);
  const uuid = /uuid = "([^"]+)"/.exec(js.text)?.[1] ?? '';
  await t.control('confirm', { uuid, family });
  const poll = await client.get(`https://login.wx.qq.com/cgi-bin/mmwebwx-bin/login?loginicon=true&uuid=${uuid}&tip=0&r=1&_=2`);
  const redirect = /redirect_uri="([^"]+)"/.exec(poll.text)?.[1] ?? '';
  const exchange = await client.get(`${redirect}&fun=new&version=v2`, UOS_HEADERS);
  const host = new URL(redirect).hostname;
  const uin = Number(tag(exchange.text, 'wxuin'));
  const sid = tag(exchange.text, 'wxsid');
  const passTicket = tag(exchange.text, 'pass_ticket');
  const baseRequest = { Uin: uin, Sid: sid, Skey: tag(exchange.text, 'skey'), DeviceID: 'e123456789012345' };
  const initRes = await client.postJson(`https://${host}/cgi-bin/mmwebwx-bin/webwxinit?pass_ticket=${passTicket}&r=1`, { BaseRequest: baseRequest });
  const init = JSON.parse(initRes.text) as Record<string, unknown> & { SKey: string; SyncKey: LoggedIn['syncKey']; User: { UserName: string } };
  baseRequest.Skey = init.SKey;
  return { host, uin, sid, skey: init.SKey, passTicket, baseRequest, syncKey: init.SyncKey, self: init.User.UserName, init };
}

/** multipart/form-data body the way browsers (and wechat4u's form-data) write it. */
export function multipart(fields: Record<string, string>, file: { name: string; type: string; data: Buffer }): { body: Buffer; contentType: string } {
  const boundary = `----WebKitFormBoundary${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="filename"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
  parts.push(file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
