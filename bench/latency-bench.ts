// Benchmark 1, reply latency: the extension (WeChat, Weibo) against wechat4u and faye's Node
// client on the same simulator code, plus the network floor measured from the extension's worker.
// Figures: p50/p95/p99 pooled over all messages; blocks of consecutive messages give the spread.
import type { BenchConfig } from './config.ts';
import { HOPS } from './floor.ts';
import { runInterleaved } from './latency.ts';
import { startFayeClient } from './peer-faye.ts';
import { startWechat4uClient } from './peer-wechat4u.ts';
import { startExtensionClients } from './reply-latency.ts';
import { chainedSums, percentile } from './stats.ts';
import { medianFigure, type BenchResult, type Figure } from './types.ts';

const WARMUP = 10;
/** Extra WeChat replies taken apart inside the worker (not part of the latency figures). */
const ANATOMY_SAMPLES = 15;
const PERCENTILES = [50, 95, 99] as const;

function blocks(values: number[], count: number): number[][] {
  const size = Math.ceil(values.length / count);
  const out: number[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

function pooled(key: string, label: string, values: number[], p: number, nBlocks: number, target?: Figure['target']): Figure {
  return {
    key,
    label,
    unit: 'ms',
    value: percentile(values, p),
    basis: 'pooled',
    runs: blocks(values, nBlocks).map((b) => percentile(b, p)),
    ...(target ? { target } : {}),
  };
}

/** a/b at percentile p, pooled and per block pair. */
function ratio(key: string, label: string, a: number[], b: number[], p: number, nBlocks: number): Figure {
  const ab = blocks(a, nBlocks);
  const bb = blocks(b, nBlocks);
  return {
    key,
    label,
    unit: 'ratio',
    value: percentile(a, p) / percentile(b, p),
    basis: 'pooled',
    runs: ab.map((block, i) => percentile(block, p) / percentile(bb[i] ?? b, p)),
    target: { max: 1, label: 'at least as fast as the peer' },
  };
}

/** Extension latency minus the floor at percentile p. */
function aboveFloor(key: string, label: string, ext: number[], floor: number[], p: number, nBlocks: number, max: number): Figure {
  const eb = blocks(ext, nBlocks);
  const fb = blocks(floor, nBlocks);
  return {
    key,
    label,
    unit: 'ms',
    value: percentile(ext, p) - percentile(floor, p),
    basis: 'pooled',
    runs: eb.map((block, i) => percentile(block, p) - percentile(fb[i] ?? floor, p)),
    target: { max, label: `at most ${max} ms above the floor (p${p})` },
  };
}

function serviceFigures(service: 'wechat' | 'weibo', peerName: string, ext: number[], peer: number[], rtts: number[], nBlocks: number): Figure[] {
  const floor = chainedSums(rtts, HOPS[service]);
  const figures: Figure[] = [];
  for (const p of PERCENTILES) figures.push(pooled(`${service}.extension.p${p}`, `${service} extension p${p}`, ext, p, nBlocks));
  for (const p of PERCENTILES) figures.push(pooled(`${service}.${peerName}.p${p}`, `${service} ${peerName} p${p}`, peer, p, nBlocks));
  for (const p of PERCENTILES) figures.push(ratio(`${service}.ratio.p${p}`, `${service} extension / ${peerName} p${p}`, ext, peer, p, nBlocks));
  figures.push(pooled(`${service}.rtt.p50`, `${service} floor: one fetch round trip p50`, rtts, 50, nBlocks));
  figures.push(pooled(`${service}.floor.p50`, `${service} floor (${HOPS[service]} round trips) p50`, floor, 50, nBlocks));
  figures.push(pooled(`${service}.floor.p99`, `${service} floor (${HOPS[service]} round trips) p99`, floor, 99, nBlocks));
  figures.push(aboveFloor(`${service}.aboveFloor.p50`, `${service} extension above floor p50`, ext, floor, 50, nBlocks, 1));
  figures.push(aboveFloor(`${service}.aboveFloor.p99`, `${service} extension above floor p99`, ext, floor, 99, nBlocks, 5));
  return figures;
}

export async function latencyBench(config: BenchConfig, log: (line: string) => void): Promise<Omit<BenchResult, 'seconds'>> {
  const total = config.messages + WARMUP;
  const faye = await startFayeClient();
  const w4u = await startWechat4uClient(total + ANATOMY_SAMPLES).catch(async (e: unknown) => {
    await faye.close();
    throw e;
  });
  const ext = await startExtensionClients(total + ANATOMY_SAMPLES, log).catch(async (e: unknown) => {
    await Promise.all([faye.close(), w4u.close()]);
    throw e;
  });
  try {
    log(`latency: ${config.messages} messages (+${WARMUP} warm-up) per client, interleaved`);
    const series = await runInterleaved([ext.wechat, ext.weibo, w4u.client, faye.client], config.messages, WARMUP, (done, all) =>
      log(`latency: ${done}/${all} messages`),
    );
    const floor = await ext.floor(config.messages + 2);
    const anatomy = await ext.anatomy(ANATOMY_SAMPLES, total);
    const anatomyFigures: Figure[] = (
      [
        ['syncFetch', 'the webwxsync fetch (start -> response end)'],
        ['responseToSend', 'webwxsync response -> webwxsendmsg fetch starts (all the worker does)'],
        ['responseToOpen', 'webwxsync response -> the store transaction opens'],
        ['openToPersisted', 'store transaction open -> committed (stored, decided and claimed; observed after the worker has started the reply)'],
      ] as const
    ).map(([name, label]) => medianFigure(`wechat.anatomy.${name}`, `wechat extension, in the worker: ${label}`, 'ms', anatomy[name]));
    const get = (label: string) => series.get(label)?.latency ?? [];
    const phase = (label: string, name: string) => series.get(label)?.phases[name] ?? [];
    const phaseFigures: Figure[] = [];
    for (const [label, who] of [['ext-wechat', 'extension'], ['wechat4u', 'wechat4u']] as const) {
      phaseFigures.push(pooled(`wechat.${who}.toSync.p50`, `wechat ${who}: synccheck answered -> webwxsync request arrives, p50`, phase(label, 'toSync'), 50, config.blocks));
      phaseFigures.push(pooled(`wechat.${who}.syncToReply.p50`, `wechat ${who}: webwxsync request -> reply arrives, p50`, phase(label, 'syncToReply'), 50, config.blocks));
    }
    return {
      id: 'latency',
      title: 'Reply latency',
      method:
        `The simulator (in the benchmark's own process) injects a text message while the client's long-poll is held; ` +
        `the clock (Node performance.now) stops when the simulator records the client's reply. ${config.messages} messages per client ` +
        `after ${WARMUP} warm-up, each from a different contact; clients interleaved with one message in flight at a time. ` +
        `The extension's reply counters are reset every 20 messages (caps); the message after a reset is not measured. ` +
        `Peers: wechat4u replying from its message event, faye's Node client publishing the same /im/req msg command. ` +
        `Floor: bare fetch round trips from the extension's worker to the simulator (${floor.weiboUrl} and https://wx.qq.com), ` +
        `summed over the round trips one reply needs (WeChat ${HOPS.wechat}, Weibo ${HOPS.weibo}). Spread: ${config.blocks} blocks of consecutive messages.`,
      figures: [
        ...serviceFigures('wechat', 'wechat4u', get('ext-wechat'), get('wechat4u'), floor.wechat, config.blocks),
        ...phaseFigures,
        ...anatomyFigures,
        pooled('worker.idbCommit.p50', 'one IndexedDB write transaction in the worker, p50', floor.idbCommit, 50, config.blocks),
        ...serviceFigures('weibo', 'faye', get('ext-weibo'), get('faye'), floor.weibo, config.blocks),
      ],
      notes: [
        `The floor follows the issue's count of round trips. Strictly, the measured interval holds fewer: the synccheck's request was already held and the reply's answer is not waited for, so WeChat's network floor is about 2 round trips and Weibo's about 1; the figures above are therefore lenient by about one round trip.`,
        'The extension\'s WeChat connector spaces sends 1 s apart per account (SEND_GAP_MS); each WeChat message is injected after that gap so the figure is latency, not the policy wait. Other clients run inside the gap.',
      ],
    };
  } finally {
    await ext.close();
    await w4u.close();
    await faye.close();
  }
}
