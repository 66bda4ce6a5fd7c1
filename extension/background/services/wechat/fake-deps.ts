// Test double for ConnectorDeps: `http` is a scripted fake WeChat server (a queue of replies per
// endpoint), sleep/now are a fake clock, and every event lands in one ordered timeline so tests
// can prove orderings such as "messages stored before the SyncKey is persisted". Tests only.
import type { Account, IncomingMessage } from '../../../shared/domain.ts';
import type { HttpOutcome, HttpRequest } from '../../platform/http.ts';
import type { ConnectorDeps, DiagnosticReport, HeaderRule, StatusReport } from '../connector.ts';

export type Reply = HttpOutcome | ((request: HttpRequest) => HttpOutcome | Promise<HttpOutcome>);

export function text(body: string, status = 200): HttpOutcome {
  return { ok: true, status, headers: new Headers(), text: body, url: '' };
}

export function json(value: unknown): HttpOutcome {
  return text(JSON.stringify(value));
}

export const OK = { BaseResponse: { Ret: 0, ErrMsg: '' } };
export const NETWORK_DOWN: HttpOutcome = { ok: false, failure: 'network', message: 'net::ERR_CONNECTION_RESET' };

/** A long-poll that only ends when the request is aborted (the connector stopping). */
export const HOLD: Reply = (request) =>
  new Promise((resolve) => {
    const done = () => resolve({ ok: false, failure: 'aborted', message: 'stopped' });
    if (request.signal?.aborted) done();
    request.signal?.addEventListener('abort', done, { once: true });
  });

export function endpointOf(url: string): string {
  return new URL(url).pathname.split('/').pop() ?? '';
}

export async function ticks(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

export async function until(condition: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 2_000; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export class FakeWechat {
  readonly queues = new Map<string, Reply[]>();
  readonly defaults = new Map<string, Reply>();
  readonly calls: HttpRequest[] = [];
  readonly timeline: string[] = [];
  readonly statuses: StatusReport[] = [];
  readonly batches: IncomingMessage[][] = [];
  readonly recalled: string[] = [];
  readonly readElsewhere: string[] = [];
  readonly contacts: { upsert: { id: string; name: string }[]; remove?: string[] }[] = [];
  readonly diagnostics: DiagnosticReport[] = [];
  readonly sleeps: number[] = [];
  readonly headerRules: HeaderRule[][] = [];
  readonly slots = new Map<string, unknown>();
  /** The browser's cookie jar as the connector may read it. */
  readonly cookies = new Map<string, string>([['webwx_data_ticket', 'ticket+/=1']]);
  readonly slotSets: { name: string; value: unknown }[] = [];
  readonly controller = new AbortController();
  clock = 1_700_000_000_000;
  /** Ticks events.messages takes before it resolves: a slow IndexedDB. */
  storeDelay = 3;

  /** Queue replies for an endpoint (last path segment: jslogin, login, webwxinit, synccheck...). */
  on(endpoint: string, ...replies: Reply[]): this {
    this.queues.set(endpoint, [...(this.queues.get(endpoint) ?? []), ...replies]);
    return this;
  }

  /** Reply used whenever the endpoint's queue is empty. */
  always(endpoint: string, reply: Reply): this {
    this.defaults.set(endpoint, reply);
    return this;
  }

  callsTo(endpoint: string): HttpRequest[] {
    return this.calls.filter((c) => endpointOf(c.url) === endpoint);
  }

  endpoints(): string[] {
    return this.calls.map((c) => endpointOf(c.url));
  }

  /** Unscripted calls end the run: the script is over. */
  private async serve(request: HttpRequest): Promise<HttpOutcome> {
    this.calls.push(request);
    const endpoint = endpointOf(request.url);
    this.timeline.push(`http:${endpoint}`);
    // A macrotask, so that a runaway loop cannot starve vitest's own timeout.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (request.signal?.aborted) return { ok: false, failure: 'aborted', message: 'stopped' };
    const reply = this.queues.get(endpoint)?.shift() ?? this.defaults.get(endpoint);
    if (!reply) {
      this.timeline.push(`unscripted:${endpoint}`);
      this.controller.abort();
      return { ok: false, failure: 'aborted', message: 'script over' };
    }
    return typeof reply === 'function' ? reply(request) : reply;
  }

  deps(account: Partial<Account> = {}): ConnectorDeps {
    return {
      account: { id: 'wechat:1', service: 'wechat', label: 'WeChat', enabled: true, createdAt: 0, ...account },
      http: (request) => this.serve(request),
      slot: <T,>(name: string) => {
        return {
          get: async () => this.slots.get(name) as T | undefined,
          set: async (value: T) => {
            const copy = structuredClone(value);
            this.slots.set(name, copy);
            this.slotSets.push({ name, value: copy });
            this.timeline.push(`slot.set:${name}`);
          },
          clear: async () => {
            this.slots.delete(name);
            this.timeline.push(`slot.clear:${name}`);
          },
        };
      },
      sleep: async (ms, signal) => {
        this.sleeps.push(ms);
        this.timeline.push(`sleep:${ms}`);
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (signal.aborted) throw signal.reason;
        this.clock += ms;
      },
      now: () => this.clock,
      random: () => 0.5,
      setRequestHeaders: async (rules) => {
        this.headerRules.push(rules);
      },
      cookie: async (_url, name) => this.cookies.get(name),
      events: {
        status: (report) => {
          this.statuses.push(report);
          this.timeline.push(`status:${report.status}`);
        },
        self: async (id) => {
          this.timeline.push(`self:${id}`);
        },
        contacts: async (upsert, remove) => {
          this.contacts.push({ upsert, ...(remove ? { remove } : {}) });
        },
        messages: async (batch) => {
          this.timeline.push('messages:start');
          await ticks(this.storeDelay);
          this.batches.push(batch);
          this.timeline.push('messages:stored');
          return { added: batch.map((m) => m.serverId) };
        },
        recalled: async (id) => {
          this.recalled.push(id);
        },
        readElsewhere: async (peer) => {
          this.readElsewhere.push(peer);
        },
        diagnostic: (report) => {
          this.diagnostics.push(report);
        },
      },
    };
  }
}
