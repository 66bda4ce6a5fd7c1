// Benchmark 5, memory: the worker's JS heap with 5,000 contacts and 100,000 stored messages. The
// messages arrive through the simulator (batches per webwxsync, from every contact in turn) and are
// stored by the extension as usual. They are dated a day before the login, so the client treats
// them as history synced from the phone: stored, but not queued for auto-reply decisions (those
// cost the burst benchmark's per-message time and would make loading take far longer than the
// run's budget). Then, at rest, a full GC (HeapProfiler.collectGarbage) and Runtime.getHeapUsage
// over CDP on the worker target, several times.
import { waitFor } from './browser.ts';
import type { DataSession } from './data-session.ts';
import { injectBatch, waitAcknowledged } from './data-session.ts';
import { medianFigure, type BenchResult } from './types.ts';
import { storeCount } from './worker-probe.ts';

const MB = 1024 * 1024;
const HISTORY_AGE_S = 24 * 60 * 60;

export async function memoryBench(session: DataSession, target: number, batch: number, runs: number, log: (line: string) => void): Promise<Omit<BenchResult, 'seconds'>> {
  const { ext, probe, friends } = session;
  await ext.releasePages();
  const cdp = await ext.workerCdp();
  try {
    const contacts = await storeCount(ext.worker, 'contacts');
    const baseline: number[] = [];
    for (let i = 0; i < runs; i += 1) baseline.push((await cdp.heapUsed()) / MB);

    const before = await storeCount(ext.worker, 'messages');
    let stored = before;
    const started = Date.now();
    let offset = 1_000_000;
    while (stored < target) {
      const count = Math.min(batch, target - stored);
      injectBatch(probe, friends, count, offset, (i) => `历史消息 ${i}: 这是一条用来测内存的普通聊天消息，长度和真实的差不多。`, { ageSeconds: HISTORY_AGE_S });
      offset += count;
      await waitAcknowledged(probe, 300_000);
      stored += count;
      if (Math.floor(stored / 10_000) !== Math.floor((stored - count) / 10_000)) {
        const rate = ((stored - before) / Math.max(1, (Date.now() - started) / 1000)).toFixed(0);
        log(`memory: ${stored} messages stored (${rate}/s)`);
      }
    }
    const loadSeconds = (Date.now() - started) / 1000;
    // Rest: anything still queued for a decision is worked off first.
    await waitFor('the reply queue to drain', async () => (await storeCount(ext.worker, 'replyQueue')) === 0, 600_000, 1000);
    const messages = await storeCount(ext.worker, 'messages');
    const loaded: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      await new Promise((r) => setTimeout(r, 1000));
      loaded.push((await cdp.heapUsed()) / MB);
    }
    return {
      id: 'memory',
      title: 'Worker memory',
      method:
        `${messages} messages stored through the simulator in batches of ${batch} per webwxsync (${loadSeconds.toFixed(0)} s; dated before the login, so stored as history without auto-reply decisions), ${contacts} contacts. ` +
        `Worker heap: HeapProfiler.collectGarbage then Runtime.getHeapUsage (usedSize) over CDP on the service-worker target, ${runs} times, at rest.`,
      figures: [
        medianFigure('memory.heap', `worker JS heap, ${contacts} contacts + ${messages} messages`, 'MB', loaded, { max: 15, label: '<= 15 MB' }),
        medianFigure('memory.baseline', `worker JS heap before loading the messages`, 'MB', baseline),
        medianFigure('memory.loadRate', 'messages stored per second while loading', 'count', [(stored - before) / loadSeconds]),
      ],
      notes: [],
    };
  } finally {
    await cdp.close();
  }
}
