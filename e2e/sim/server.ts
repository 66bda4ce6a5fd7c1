// The simulator host: one Node process standing in for WeChat Web, Weibo IM and QQ.
// Browser traffic arrives on an HTTP and an HTTPS listener (Chromium maps the real host names here
// with --host-resolver-rules) and is routed by Host header to a service module. The control API
// listens on its own loopback port and is never reachable through the mapped host names.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import selfsigned from 'selfsigned';
import type { SimContext, SimLogEntry, SimModule, SimModuleFactory, SimRequest } from './module.ts';
import { hostResolverRules } from './host-rules.ts';

const RECORD_LIMIT = 50_000;

export interface SimOptions {
  modules: SimModuleFactory[];
  demo?: boolean;
  /** 0 (default) picks free ports. */
  httpPort?: number;
  httpsPort?: number;
  controlPort?: number;
}

export interface RunningSim {
  httpPort: number;
  httpsPort: number;
  controlPort: number;
  /** The value for Chromium's --host-resolver-rules. */
  hostRules: string;
  controlUrl: string;
  close(): Promise<void>;
}

export async function startSimulator(options: SimOptions): Promise<RunningSim> {
  const records: SimLogEntry[] = [];
  const ctx: SimContext = {
    demo: options.demo ?? false,
    record(service, kind, detail) {
      records.push({ at: Date.now(), service, kind, detail });
      if (records.length > RECORD_LIMIT) records.splice(0, records.length - RECORD_LIMIT);
    },
  };
  const modules: SimModule[] = [];
  for (const factory of options.modules) modules.push(await factory(ctx));

  const serve = (scheme: 'http' | 'https') => (req: http.IncomingMessage, res: http.ServerResponse) => {
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    const [host = '', portText] = hostHeader.split(':');
    const port = portText ? Number(portText) : scheme === 'https' ? 443 : 80;
    const url = new URL(req.url ?? '/', `${scheme}://${hostHeader || 'unknown'}`);
    const module = modules.find((m) => m.claims(host, port, url.pathname));
    if (!module) {
      ctx.record('host', 'unrouted', { host: hostHeader, path: url.pathname });
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no simulated service for ${hostHeader}`);
      return;
    }
    const request: SimRequest = { req, res, url, scheme, host, port };
    Promise.resolve()
      .then(() => module.handle(request))
      .catch((error: unknown) => {
        ctx.record(module.name, 'crash', String(error instanceof Error ? error.stack : error));
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('simulator error');
      });
  };

  const pems = await selfsigned.generate([{ name: 'commonName', value: 'switchboard-simulator' }], {
    keySize: 2048,
    algorithm: 'sha256',
  });
  const httpServer = http.createServer(serve('http'));
  const httpsServer = https.createServer({ key: pems.private, cert: pems.cert }, serve('https'));
  const controlServer = http.createServer((req, res) => void control(req, res));
  for (const server of [httpServer, httpsServer]) {
    // Long polls are held by design; Node's defaults would cut them.
    server.requestTimeout = 0;
    server.headersTimeout = 60_000;
    server.keepAliveTimeout = 65_000;
  }

  async function control(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://control');
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    try {
      const body = req.method === 'POST' ? await readJson(req) : {};
      const parts = url.pathname.split('/').filter(Boolean);
      if (parts.length === 0 || parts[0] === 'health') return reply(200, { ok: true, modules: modules.map((m) => m.name) });
      if (parts[0] === 'reset') {
        for (const m of modules) await m.reset();
        records.length = 0;
        return reply(200, { ok: true });
      }
      if (parts[0] === 'records') {
        const service = url.searchParams.get('service');
        const kind = url.searchParams.get('kind');
        const since = Number(url.searchParams.get('since') ?? 0);
        return reply(
          200,
          records.filter((r) => (!service || r.service === service) && (!kind || r.kind === kind) && r.at >= since),
        );
      }
      const module = modules.find((m) => m.name === parts[0]);
      const action = parts[1] ? module?.control[parts[1]] : undefined;
      if (!module || !action) return reply(404, { error: `no control action ${url.pathname}` });
      return reply(200, (await action(body)) ?? { ok: true });
    } catch (error) {
      return reply(400, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  const listen = (server: http.Server | https.Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  const httpPort = await listen(httpServer, options.httpPort ?? 0);
  const httpsPort = await listen(httpsServer, options.httpsPort ?? 0);
  const controlPort = await listen(controlServer, options.controlPort ?? 0);

  return {
    httpPort,
    httpsPort,
    controlPort,
    hostRules: hostResolverRules(httpPort, httpsPort),
    controlUrl: `http://127.0.0.1:${controlPort}`,
    async close() {
      for (const m of modules) await m.close();
      for (const server of [httpServer, httpsServer, controlServer]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('control body must be a JSON object');
  return value as Record<string, unknown>;
}
