// Shared by the simulator self-tests and the connector end-to-end test: start the simulator with
// only the Weibo module, talk to its control port, and speak raw Bayeux over callback-polling.
import { startSimulator } from '../server.ts';
import type { RunningSim } from '../server.ts';
import { createWeiboSim } from './index.ts';
import type { WeiboSimOptions } from './index.ts';
import { createNodeHttp } from './node-http.ts';
import type { NodeHttp } from './node-http.ts';

export interface WeiboHarness {
  sim: RunningSim;
  http: NodeHttp;
  control<T = Record<string, unknown>>(action: string, body?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export async function startWeiboHarness(options: WeiboSimOptions & { demo?: boolean } = {}): Promise<WeiboHarness> {
  const sim = await startSimulator({ modules: [(ctx) => createWeiboSim(ctx, options)], demo: options.demo ?? false });
  const http = createNodeHttp(sim);
  return {
    sim,
    http,
    async control<T>(action: string, body: Record<string, unknown> = {}): Promise<T> {
      const response = await fetch(`${sim.controlUrl}/weibo/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as T & { error?: string };
      if (!response.ok) throw new Error(`control ${action}: ${json.error ?? response.status}`);
      return json;
    },
    close: () => sim.close(),
  };
}

/** Test-side unwrapping: accepts the three wrapper styles by pattern (independent of the client's parser). */
export function unwrapForTest(body: string, callback: string): unknown {
  const patterns = [
    new RegExp(`^/\\*\\*/${callback.replace(/\./g, '\\.')}\\(([\\s\\S]*)\\);$`),
    new RegExp(`^try\\{${callback.replace(/\./g, '\\.')}\\(([\\s\\S]*?)\\);?\\}catch\\(e\\)\\{\\}$`),
    new RegExp(`^${callback.replace(/\./g, '\\.')}\\(([\\s\\S]*)\\)$`),
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(body);
    if (match?.[1] !== undefined) return JSON.parse(match[1]);
  }
  throw new Error(`not a ${callback}(...) body: ${body.slice(0, 200)}`);
}

export type Msg = Record<string, unknown> & { channel: string };

/** One callback-polling GET against a Bayeux endpoint (`server` ends with `/`). */
export async function bayeux(http: NodeHttp, server: string, messages: Msg[], callback = 'cb'): Promise<{ status: number; body: string; replies: Msg[] }> {
  const url = `${server}im?jsonp=${callback}&message=${encodeURIComponent(JSON.stringify(messages))}`;
  const outcome = await http.request({ url, deadlineMs: 30_000 });
  if (!outcome.ok) throw new Error(`bayeux request failed: ${outcome.message}`);
  if (outcome.status !== 200) return { status: outcome.status, body: outcome.text, replies: [] };
  return { status: outcome.status, body: outcome.text, replies: unwrapForTest(outcome.text, callback) as Msg[] };
}

export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
