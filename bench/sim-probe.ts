// The simulator, in this process, with a probe around every module: each record a module writes
// (e.g. WeChat's `message` send, Weibo's `dm-sent`) is timestamped with performance.now() the
// moment it happens, every request is counted per module with its start time, and in-flight
// requests are tracked (a held long-poll is one in flight). Control actions are called directly,
// not over HTTP, so an inject is timed to the microsecond and costs no extra round trip.
// The simulator itself is untouched: the probe only wraps the SimModule/SimContext interfaces.
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { SimContext, SimModule, SimModuleFactory } from '../e2e/sim/module.ts';
import { ALL_MODULES } from '../e2e/sim/modules.ts';
import { startSimulator, type RunningSim } from '../e2e/sim/server.ts';

export interface ProbeRecord {
  /** performance.now() in this process when the module wrote the record. */
  t: number;
  service: string;
  kind: string;
  detail: Record<string, unknown>;
}

export interface ProbeRequest {
  t: number;
  module: string;
  scheme: 'http' | 'https';
  host: string;
  path: string;
}

interface ModuleTraffic {
  inFlight: number;
  lastStart: number;
  lastEnd: number;
}

export class Probe {
  readonly events = new EventEmitter();
  readonly requests: ProbeRequest[] = [];
  private readonly modules = new Map<string, SimModule>();
  private readonly traffic = new Map<string, ModuleTraffic>();
  /** Keep the request log for idle counting; the latency runs clear it. */
  logRequests = true;

  constructor() {
    this.events.setMaxListeners(0);
  }

  wrap(factory: SimModuleFactory): SimModuleFactory {
    return async (ctx: SimContext) => {
      const probed: SimContext = {
        demo: ctx.demo,
        record: (service, kind, detail) => {
          const t = performance.now();
          ctx.record(service, kind, detail);
          const record: ProbeRecord = { t, service, kind, detail: typeof detail === 'object' && detail !== null ? (detail as Record<string, unknown>) : { value: detail } };
          this.events.emit('record', record);
        },
      };
      const inner = await factory(probed);
      const traffic: ModuleTraffic = { inFlight: 0, lastStart: 0, lastEnd: 0 };
      this.traffic.set(inner.name, traffic);
      this.modules.set(inner.name, inner);
      const module: SimModule = {
        name: inner.name,
        claims: (host, port, path) => inner.claims(host, port, path),
        handle: (request) => {
          const t = performance.now();
          traffic.inFlight += 1;
          traffic.lastStart = t;
          if (this.logRequests) this.requests.push({ t, module: inner.name, scheme: request.scheme, host: request.host, path: request.url.pathname });
          request.res.once('close', () => {
            traffic.inFlight -= 1;
            traffic.lastEnd = performance.now();
          });
          return inner.handle(request);
        },
        get control() {
          return inner.control;
        },
        reset: () => inner.reset(),
        close: () => inner.close(),
      };
      return module;
    };
  }

  /** Call a module's control action in process (same as POST /<module>/<action>). */
  async control<T = unknown>(module: string, action: string, body: Record<string, unknown> = {}): Promise<T> {
    const fn = this.modules.get(module)?.control[action];
    if (!fn) throw new Error(`no control action ${module}/${action}`);
    return (await fn(body)) as T;
  }

  /** The same, for actions that must run synchronously (an inject whose time is taken just before). */
  controlSync<T = unknown>(module: string, action: string, body: Record<string, unknown> = {}): T {
    const fn = this.modules.get(module)?.control[action];
    if (!fn) throw new Error(`no control action ${module}/${action}`);
    const value = fn(body);
    if (value instanceof Promise) throw new Error(`${module}/${action} is asynchronous`);
    return value as T;
  }

  trafficOf(module: string): ModuleTraffic {
    return this.traffic.get(module) ?? { inFlight: 0, lastStart: 0, lastEnd: 0 };
  }

  /** Resolves with the first record matching `match` (from now on), or rejects after `timeoutMs`. */
  nextRecord(match: (r: ProbeRecord) => boolean, timeoutMs: number): Promise<ProbeRecord> {
    return new Promise((resolve, reject) => {
      const onRecord = (r: ProbeRecord) => {
        if (!match(r)) return;
        clearTimeout(timer);
        this.events.off('record', onRecord);
        resolve(r);
      };
      const timer = setTimeout(() => {
        this.events.off('record', onRecord);
        reject(new Error(`no matching simulator record within ${timeoutMs} ms`));
      }, timeoutMs);
      this.events.on('record', onRecord);
    });
  }

  /**
   * Wait until a module is at rest: exactly `held` requests in flight (the held long-poll) and no
   * request started or ended for `quietMs`. Checked on a short timer: Node is otherwise idle here.
   */
  async settle(module: string, held: number, quietMs: number, timeoutMs = 30_000): Promise<void> {
    const until = performance.now() + timeoutMs;
    for (;;) {
      const t = this.trafficOf(module);
      const now = performance.now();
      if (t.inFlight === held && now - Math.max(t.lastStart, t.lastEnd) >= quietMs) return;
      if (now > until) throw new Error(`${module}: not at rest after ${timeoutMs} ms (in flight ${t.inFlight}, wanted ${held})`);
      await new Promise((r) => setTimeout(r, Math.max(2, quietMs / 4)));
    }
  }
}

export interface ProbedSim {
  sim: RunningSim;
  probe: Probe;
  close(): Promise<void>;
}

export async function startProbedSim(): Promise<ProbedSim> {
  const probe = new Probe();
  const sim = await startSimulator({ modules: ALL_MODULES.map((factory) => probe.wrap(factory)) });
  return { sim, probe, close: () => sim.close() };
}
