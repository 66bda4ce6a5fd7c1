// Test-only: ConnectorDeps for running the QQ connector in Node against the simulator. deps.http
// sends each request over node:http to the simulator's HTTP listener with the real Host header
// (tqq.tencent.com:8000); slots live in memory; the clock is fake and sleep advances it, resolving
// on the next timer turn so loops run without real waiting. Every sleep and every request is logged
// with the fake time, so tests can check the loop's pace without waiting for it.
import http from 'node:http';
import type { Account, Contact, IncomingMessage } from '../../../shared/domain.ts';
import type { HttpOutcome, HttpRequest } from '../../platform/http.ts';
import type { AccountSlot, ConnectorDeps, DiagnosticReport, StatusReport } from '../connector.ts';

export type StoredContact = Omit<Contact, 'accountId'>;

export interface Harness {
  deps: ConnectorDeps;
  statuses: StatusReport[];
  contacts: Map<string, StoredContact>;
  removed: string[];
  messages: IncomingMessage[];
  diagnostics: DiagnosticReport[];
  self: [string, string][];
  slots: Map<string, unknown>;
  clock: { now: number };
  /** Every deps.sleep call: the fake time it started at and its length. */
  sleeps: { at: number; ms: number }[];
  /** Every request: the fake time it was sent at and its CMD. */
  requests: { at: number; cmd: string }[];
  /** Sleeps of holdSleepsFrom ms or more now pending (they end only when their signal aborts). */
  held: { count: number };
  waitFor<T>(probe: () => T | undefined | false | null, what: string, timeoutMs?: number): Promise<T>;
}

export function nodeHttp(httpPort: number): (request: HttpRequest) => Promise<HttpOutcome> {
  return (request) =>
    new Promise<HttpOutcome>((resolve) => {
      const url = new URL(request.url);
      let settled = false;
      const finish = (outcome: HttpOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const req = http.request(
        {
          host: '127.0.0.1',
          port: httpPort,
          path: `${url.pathname}${url.search}`,
          method: request.method ?? 'GET',
          headers: { ...request.headers, host: url.host, connection: 'close' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => finish({ ok: false, failure: 'network', message: error.message }));
          res.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') headers.set(name, value);
            finish({ ok: true, status: res.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString('utf8'), url: request.url });
          });
        },
      );
      const timer = setTimeout(() => {
        req.destroy();
        finish({ ok: false, failure: 'timeout', message: `no complete answer within ${request.deadlineMs} ms` });
      }, request.deadlineMs);
      const onAbort = () => {
        req.destroy();
        finish({ ok: false, failure: 'aborted', message: 'stopped' });
      };
      if (request.signal?.aborted) return onAbort();
      request.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (error) => finish({ ok: false, failure: 'network', message: error.message }));
      req.end(typeof request.body === 'string' ? request.body : undefined);
    });
}

export interface HarnessOptions {
  httpPort: number;
  uin: string;
  passwordMd5?: string;
  slots?: Map<string, unknown>;
  /** Sleeps at least this long never end on their own (to catch what ends them early). */
  holdSleepsFrom?: number;
}

export function createHarness(options: HarnessOptions): Harness {
  const slots = options.slots ?? new Map<string, unknown>();
  if (options.passwordMd5 !== undefined) slots.set('credentials', { passwordMd5: options.passwordMd5 });
  const clock = { now: 1_700_000_000_000 };
  const account: Account = { id: `qq:${options.uin}`, service: 'qq', label: options.uin, enabled: true, createdAt: 0 };
  const h: Omit<Harness, 'deps' | 'waitFor'> = {
    statuses: [],
    contacts: new Map(),
    removed: [],
    messages: [],
    diagnostics: [],
    self: [],
    slots,
    clock,
    sleeps: [],
    requests: [],
    held: { count: 0 },
  };
  const http = nodeHttp(options.httpPort);
  const seen = new Set<string>();
  const deps: ConnectorDeps = {
    account,
    events: {
      status: (report) => void h.statuses.push(report),
      self: async (id, label) => void h.self.push([id, label]),
      contacts: async (upsert, remove = []) => {
        for (const contact of upsert) h.contacts.set(contact.id, contact);
        for (const id of remove) {
          h.contacts.delete(id);
          h.removed.push(id);
        }
      },
      messages: async (batch) => {
        // A little real latency, like IndexedDB, to catch anyone not awaiting the store.
        await new Promise((resolve) => setTimeout(resolve, 2));
        const added: string[] = [];
        for (const message of batch) {
          if (seen.has(message.serverId)) continue;
          seen.add(message.serverId);
          h.messages.push(message);
          added.push(message.serverId);
        }
        return { added };
      },
      recalled: async () => undefined,
      readElsewhere: async () => undefined,
      diagnostic: (report) => void h.diagnostics.push(report),
    },
    http: (request) => {
      const cmd = typeof request.body === 'string' ? /(?:^|&)CMD=([^&]*)/.exec(request.body)?.[1] : undefined;
      h.requests.push({ at: clock.now, cmd: cmd ?? '?' });
      return http(request);
    },
    slot<T>(name: string): AccountSlot<T> {
      return {
        get: async () => (slots.has(name) ? (structuredClone(slots.get(name)) as T) : undefined),
        set: async (value) => void slots.set(name, structuredClone(value)),
        clear: async () => void slots.delete(name),
      };
    },
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        h.sleeps.push({ at: clock.now, ms });
        if (options.holdSleepsFrom !== undefined && ms >= options.holdSleepsFrom) {
          h.held.count += 1;
          signal.addEventListener(
            'abort',
            () => {
              h.held.count -= 1;
              reject(signal.reason);
            },
            { once: true },
          );
          return;
        }
        clock.now += ms;
        const timer = setTimeout(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        }, 1);
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
      }),
    now: () => clock.now,
    random: () => 0.5,
    setRequestHeaders: async () => undefined,
    cookie: async () => undefined,
  };
  const waitFor = async <T>(probe: () => T | undefined | false | null, what: string, timeoutMs = 10_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined && value !== false && value !== null) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last status ${JSON.stringify(h.statuses.at(-1))}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return { ...h, deps, waitFor };
}
