// Benchmark 2, burst: N messages (1,000) arrive in ONE webwxsync with the maximum number of rules
// the product accepts configured (LIMITS.rules = 200; the issue asks for 500, which saveRules
// refuses). Measured in the worker's own clock (see worker-probe.ts): from the end of the
// webwxsync response (Resource Timing responseEnd) to the commit of the batch's persist transaction
// and to the commit of the last auto-reply decision. Rules: 199 that never match these messages
// (keywords, exact, regex), then one that answers anything, so every message is checked against
// every rule; caps and cooldowns then decide most of them. Replies are planned 120 s out, so no send
// runs inside the measurement; the plans are cleared after each run.
import { performance } from 'node:perf_hooks';
import { defaultRule, LIMITS, type Rule } from '../extension/shared/rules.ts';
import { enableAutoReply, resetReplyCounters } from './accounts.ts';
import { waitFor } from './browser.ts';
import { describeTop, startProfile, stopProfile, type CpuSummary } from './cpu-profile.ts';
import { decideCostMs } from './decide-cost.ts';
import type { DataSession } from './data-session.ts';
import { injectBatch, waitAcknowledged } from './data-session.ts';
import { medianFigure, type BenchResult } from './types.ts';
import { clearStore, installWorkerProbe, readWorkerProbe, resetWorkerProbe, storeCount } from './worker-probe.ts';

const SLOW_RUN_MS = 10_000;
const PHRASES = ['在吗？', '明天几点开会', 'ok 收到', '周末一起吃饭吗', 'Did you see the doc?', '好的👌', '晚点打给你', '这个链接看一下'];

export function burstRules(count: number): Rule[] {
  const rules: Rule[] = [];
  for (let i = 0; i < count - 1; i += 1) {
    const base = { ...defaultRule(`burst-${i}`, `Rule ${i}`), reply: `reply ${i}: {name}`, delay: { minSeconds: 120, maxSeconds: 120 } };
    const kind = i % 4;
    if (kind === 0) rules.push({ ...base, match: { kind: 'keywords', keywords: [`关键词${i}`, `keyword${i}`, `订单${i}`, `refund-${i}`, `价格${i}`], caseSensitive: false } });
    else if (kind === 1) rules.push({ ...base, match: { kind: 'exact', text: `exact phrase ${i}`, caseSensitive: false } });
    else if (kind === 2) rules.push({ ...base, match: { kind: 'regex', pattern: `^订单号 ?${i}-[0-9]+$`, flags: 'i' } });
    else rules.push({ ...base, who: { kind: 'contacts', names: [`nobody-${i}`] } });
  }
  rules.push({ ...defaultRule('burst-any', 'Anything'), reply: '稍后回复你：{message}', delay: { minSeconds: 120, maxSeconds: 120 } });
  return rules;
}

export async function burstBench(session: DataSession, burst: number, runs: number, log: (line: string) => void): Promise<Omit<BenchResult, 'seconds'>> {
  const { ext, probe, friends } = session;
  const rules = burstRules(LIMITS.rules);
  // saveRules probes every regex against a time limit; on a busy machine a probe can miss it once.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await enableAutoReply(ext, rules);
      break;
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('the pattern took')) throw error;
      log(`burst: saveRules refused a regex on time (${String(error).slice(0, 80)}…); retrying`);
    }
  }
  await ext.releasePages();
  await installWorkerProbe(ext.worker);
  const persisted: number[] = [];
  const decided: number[] = [];
  const network: number[] = [];
  const notes: string[] = [];
  let offset = 0;
  for (let run = 0; run < runs; run += 1) {
    // Repeat only while a run is cheap: at seconds per run, one run says what there is to say.
    if (run > 0 && (decided.at(-1) ?? 0) > SLOW_RUN_MS) {
      notes.push(`${run} run(s) only: one run took ${((decided.at(-1) ?? 0) / 1000).toFixed(1)} s (repeats are made while a run takes under ${SLOW_RUN_MS / 1000} s).`);
      break;
    }
    await resetReplyCounters(ext);
    await waitAcknowledged(probe);
    await probe.settle('wechat', 1, 200);
    await resetWorkerProbe(ext.worker);
    const injectedAt = performance.now();
    // A synchronous loop: the first inject answers the held synccheck, and the client's webwxsync
    // can only arrive after the loop, so it collects all of them at once.
    injectBatch(probe, friends.slice(0, 250), burst, offset, (i) => `${PHRASES[i % PHRASES.length]} #${i}`);
    offset += burst;
    const times = await waitFor('every burst message decided', async () => {
      const t = await readWorkerProbe(ext.worker);
      return t.decides.length >= burst ? t : undefined;
    }, 300_000, 100);
    const syncs = times.fetches.filter((f) => f.path.endsWith('/webwxsync'));
    const sync = syncs.find((s) => s.bytes > 0) ?? syncs[0];
    if (!sync) throw new Error('no webwxsync Resource Timing entry in the worker');
    if (times.persists.length !== 1) notes.push(`run ${run + 1}: the burst was stored in ${times.persists.length} transactions`);
    persisted.push((times.persists.at(-1) ?? Number.NaN) - sync.responseEnd);
    decided.push((times.decides.at(-1) ?? Number.NaN) - sync.responseEnd);
    network.push(sync.responseEnd - sync.start);
    log(`burst run ${run + 1}/${runs}: persisted ${persisted.at(-1)?.toFixed(0)} ms, decided ${decided.at(-1)?.toFixed(0)} ms after the response (wall ${(performance.now() - injectedAt).toFixed(0)} ms)`);
    const left = await storeCount(ext.worker, 'replyQueue');
    await clearStore(ext.worker, 'replyQueue');
    if (run === 0) notes.push(`${left} of ${burst} messages got a planned reply (caps: 30/min); the rest were skipped by caps or cooldowns — all ${burst} decided.`);
  }
  // Where the time goes: one more, smaller burst under V8's sampling profiler (not in the figures).
  const profiled = await profiledBurst(session, Math.min(burst, 200), offset);
  notes.push(
    `profile of a separate ${profiled.count}-message burst: worker busy ${profiled.cpu.busyMs.toFixed(0)} ms of ${profiled.cpu.wallMs.toFixed(0)} ms wall ` +
      `(${((profiled.cpu.busyMs / Math.max(1, profiled.cpu.wallMs)) * 100).toFixed(0)}%); top self time: ${describeTop(profiled.cpu)}`,
  );
  await ext.ask('setAutoReplyEnabled', { enabled: false });
  await ext.releasePages();
  const pure = [0, 1, 2].map(() => decideCostMs(rules, burst, (i) => `${PHRASES[i % PHRASES.length]} #${i}`));
  return {
    id: 'burst',
    title: `Burst: ${burst} messages in one webwxsync, ${LIMITS.rules} rules`,
    method:
      `${burst} text messages (from 250 contacts) injected at once, delivered in one webwxsync; ${LIMITS.rules} rules. ` +
      'Times in the worker\'s clock from the end of that response (Resource Timing) to the commit of the persist transaction and of the last decision transaction (an IndexedDB transaction wrapper installed by the benchmark). ' +
      `${runs} runs in one worker.`,
    figures: [
      medianFigure('burst.persisted', 'all persisted', 'ms', persisted),
      medianFigure('burst.decided', 'all persisted and decided', 'ms', decided, { max: 250, label: '<= 250 ms' }),
      medianFigure('burst.perMessage', 'per message (decided / N)', 'ms', decided.map((d) => d / burst)),
      medianFigure('burst.network', 'the webwxsync fetch itself', 'ms', network),
      medianFigure('burst.pureDecide', 'decide() + history alone, per message (Node, same rules)', 'ms', pure),
    ],
    notes: [`The issue asks for 500 rules; the product caps rules at ${LIMITS.rules} (extension/shared/rules.ts LIMITS.rules), so the maximum was used.`, ...notes],
  };
}

async function profiledBurst(session: DataSession, count: number, offset: number): Promise<{ count: number; cpu: CpuSummary }> {
  const { ext, probe, friends } = session;
  await resetReplyCounters(ext);
  await waitAcknowledged(probe);
  await probe.settle('wechat', 1, 200);
  await resetWorkerProbe(ext.worker);
  const cdp = await ext.workerCdp();
  try {
    await startProfile(cdp);
    injectBatch(probe, friends.slice(250, 500), count, offset, (i) => `${PHRASES[i % PHRASES.length]} #${i}`);
    await waitFor('the profiled burst decided', async () => (await readWorkerProbe(ext.worker)).decides.length >= count, 300_000, 100);
    const cpu = await stopProfile(cdp);
    await clearStore(ext.worker, 'replyQueue');
    return { count, cpu };
  } finally {
    await cdp.close();
  }
}
