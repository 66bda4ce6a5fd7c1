// The reply-latency loop every client shares (the extension's WeChat and Weibo accounts, wechat4u,
// faye's Node client): wait until the client is at rest with its long-poll held, take
// performance.now(), inject a message in process (the held poll is answered inside the call), and
// stop the clock when the simulator records the client's reply carrying that message's token.
// Same clock, same simulator code, same measurement point for every client: ratios are fair.
//
// Clients are interleaved, one message in flight at a time in the whole process, so no client's
// measurement overlaps another's; a client with a minimum gap between sends (the extension's
// WeChat connector: SEND_GAP_MS) lets the others use that gap instead of the run idling through it.
import { performance } from 'node:perf_hooks';
import type { Probe, ProbeRecord } from './sim-probe.ts';

export interface LatencyClient {
  label: string;
  probe: Probe;
  /** Wait until the client is at rest (its long-poll held, no other traffic for a moment). */
  settle(): Promise<void>;
  /** Minimum ms between a reply and the next message to this client (0: none). */
  gapMs: number;
  /** Inject message `i` carrying `token`, synchronously. */
  inject(i: number, token: string): void;
  /** Is this record the client's reply to the message carrying `token`? */
  isReply(record: ProbeRecord, token: string): boolean;
  /**
   * Before message `i`, outside the measured interval (e.g. reset reply counters). True: message
   * `i` is not measured (what was done makes its reply slower than a user's would be).
   */
  between?(i: number): Promise<boolean>;
  /** Where the time went, from the probe's request log: named phase durations in ms. */
  phases?(t0: number, tReply: number): Record<string, number> | undefined;
}

export interface ClientSeries {
  latency: number[];
  phases: Record<string, number[]>;
}

/** Quiet time that counts as "at rest": longer than the gap between a client's follow-up requests. */
export const QUIET_MS = 25;
const REPLY_TIMEOUT_MS = 15_000;

/** Per-message latencies (ms) per client label, `count` each after `warmup` unmeasured ones. */
export async function runInterleaved(clients: LatencyClient[], count: number, warmup: number, progress?: (done: number, total: number) => void): Promise<Map<string, ClientSeries>> {
  const lanes = clients.map((client) => ({ client, i: 0, readyAt: 0, out: { latency: [], phases: {} } as ClientSeries }));
  const total = (count + warmup) * clients.length;
  let done = 0;
  for (;;) {
    const open = lanes.filter((l) => l.i < count + warmup).sort((a, b) => a.readyAt - b.readyAt);
    const lane = open[0];
    if (!lane) break;
    const wait = lane.readyAt - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const { client, i } = lane;
    const unmeasured = (await client.between?.(i)) ?? false;
    await client.settle();
    const token = `bench-${client.label}-${i}`;
    const reply = client.probe.nextRecord((r) => client.isReply(r, token), REPLY_TIMEOUT_MS);
    const t0 = performance.now();
    client.inject(i, token);
    const { t } = await reply.catch((error: unknown) => {
      throw new Error(`${client.label}, message ${i}: ${error instanceof Error ? error.message : String(error)}`);
    });
    if (i >= warmup && !unmeasured) {
      lane.out.latency.push(t - t0);
      for (const [name, ms] of Object.entries(client.phases?.(t0, t) ?? {})) (lane.out.phases[name] ??= []).push(ms);
    }
    // The request log only serves `phases`, message by message: keep it short.
    if (client.probe.requests.length > 1000) client.probe.requests.splice(0, client.probe.requests.length - 100);
    lane.readyAt = t + client.gapMs;
    lane.i += 1;
    done += 1;
    if (progress && done % 100 === 0) progress(done, total);
  }
  return new Map(lanes.map((l) => [l.client.label, l.out]));
}

/** The text of a WeChat send record or a Weibo dm-sent record. */
export function recordText(record: ProbeRecord): string {
  const value = record.detail['content'] ?? record.detail['text'];
  return typeof value === 'string' ? value : '';
}

/** WeChat's phases: the held synccheck answered -> the webwxsync request arrives -> the reply arrives. */
export function wechatPhases(probe: Probe): (t0: number, tReply: number) => Record<string, number> | undefined {
  return (t0, tReply) => {
    const sync = probe.requests.find((r) => r.module === 'wechat' && r.t > t0 && r.t < tReply && r.path.endsWith('/webwxsync'));
    return sync ? { toSync: sync.t - t0, syncToReply: tReply - sync.t } : undefined;
  };
}

/** Settle several simulator modules of one client (e.g. the extension's WeChat and Weibo accounts). */
export async function settleAll(probe: Probe, modules: Array<{ module: string; held: number }>): Promise<void> {
  for (const m of modules) await probe.settle(m.module, m.held, QUIET_MS);
  // Settling the second may have taken time during which the first got busy again: check once more.
  for (const m of modules) await probe.settle(m.module, m.held, QUIET_MS);
}
