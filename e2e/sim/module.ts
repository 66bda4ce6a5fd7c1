// The contract between the simulator host (server.ts) and each simulated service.
// A module stands in for one real service. It is built from ../shared/protocols, never from our client.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SimRequest {
  req: IncomingMessage;
  res: ServerResponse;
  /** Full URL as the browser asked for it: real host name (and port, e.g. :8000), path and query. */
  url: URL;
  /** 'http' or 'https': which listener it came in on. */
  scheme: 'http' | 'https';
  /** Lower-case host name without port. */
  host: string;
  /** The port the browser meant (80, 443, 8000...), from the Host header. */
  port: number;
}

/** What every module may write to the shared request log (tests inspect it via the control API). */
export interface SimLogEntry {
  at: number;
  service: string;
  kind: string;
  detail: unknown;
}

export interface SimContext {
  /** Append to the simulator's bounded record (requests, sent messages, upload chunks...). */
  record(service: string, kind: string, detail: unknown): void;
  /** True when started for the demo: scripted friends are active. */
  demo: boolean;
}

/** A control action: takes the JSON body of `POST /<module>/<action>`, returns JSON. */
export type ControlAction = (body: Record<string, unknown>) => unknown;

export interface SimModule {
  readonly name: string;
  /** Routing: does this module serve that host/port/path? Checked in registration order. */
  claims(host: string, port: number, path: string): boolean;
  /** Serve one request. Must always answer (or deliberately hold/fault it). Never throws out. */
  handle(request: SimRequest): void | Promise<void>;
  /** Control API actions, reachable only on the control port. */
  readonly control: Record<string, ControlAction>;
  /** Forget all state (sessions, queued messages, faults, records) as after a fresh start. */
  reset(): void | Promise<void>;
  /** Release timers and held requests at shutdown. */
  close(): void | Promise<void>;
}

export type SimModuleFactory = (ctx: SimContext) => SimModule | Promise<SimModule>;
