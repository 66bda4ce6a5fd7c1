// A typed view of the few parts of faye 1.4.3 the simulator uses. faye ships no type
// declarations, so it is loaded through createRequire and given this narrow shape here instead
// of an ambient `declare module` that would leak into every other file of the project.
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A Bayeux message as faye passes it through server extensions. */
export interface FayeMessage {
  channel: string;
  id?: string;
  clientId?: string;
  successful?: boolean;
  error?: string;
  advice?: Record<string, unknown>;
  data?: unknown;
  ext?: Record<string, unknown>;
  subscription?: string | string[];
  connectionType?: string;
  version?: string;
  minimumVersion?: string;
  supportedConnectionTypes?: unknown;
  [key: string]: unknown;
}

export type FayePipe = (message: FayeMessage | null) => void;

/** faye calls a stage with (message, request, callback) only when the function declares 3 parameters. */
export interface FayeExtension {
  incoming?(message: FayeMessage, request: IncomingMessage | null, callback: FayePipe): void;
  outgoing?(message: FayeMessage, request: IncomingMessage | null, callback: FayePipe): void;
}

export interface FayeClient {
  publish(channel: string, data: unknown): PromiseLike<unknown>;
  disconnect(): unknown;
}

export interface FayeAdapter {
  handle(request: IncomingMessage, response: ServerResponse): void;
  addExtension(extension: FayeExtension): void;
  getClient(): FayeClient;
  /** Flushes every pending connection and resets the engine. */
  close(): void;
  bind(event: 'handshake' | 'disconnect', listener: (clientId: string) => void): void;
  bind(event: 'subscribe' | 'unsubscribe', listener: (clientId: string, channel: string) => void): void;
}

interface FayeModule {
  NodeAdapter: new (options: { mount: string; timeout: number }) => FayeAdapter;
}

const require = createRequire(import.meta.url);
const faye = require('faye') as FayeModule;

interface FayeInternals {
  _server?: { closeSocket?(clientId: string, close: boolean): void };
}

/**
 * Answer a client's held connect now, as CometD does when the same client sends a new connect
 * (a worker that was killed and came back). faye would otherwise keep the old hold's timer and
 * make the new connect wait for it. This reaches into faye's internals (pinned at 1.4.3): the
 * public API has no way to flush one client.
 */
export function flushHeldConnect(adapter: FayeAdapter, clientId: string): void {
  (adapter as FayeAdapter & FayeInternals)._server?.closeSocket?.(clientId, false);
}

/** `timeout` is in seconds (faye's unit): the default hold of a connect without client advice. */
export function createFayeAdapter(timeoutSeconds: number): FayeAdapter {
  return new faye.NodeAdapter({ mount: '/im', timeout: timeoutSeconds });
}
