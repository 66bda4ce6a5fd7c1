// `npm run bench`: build, then every benchmark against the simulator on this machine, in one go,
// writing bench/results.md and bench/results.json (after each benchmark, so a failure late in the
// run still leaves the earlier figures). Knobs: bench/config.ts (BENCH_QUICK=1 for a smoke run).
import { mkdirSync } from 'node:fs';
import { execSync } from 'node:child_process';
import os from 'node:os';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { dropDistSnapshot, snapshotDist } from './browser.ts';
import { burstBench } from './burst.ts';
import { readConfig, type BenchId } from './config.ts';
import { startDataSession, type DataSession } from './data-session.ts';
import { idleBench } from './idle.ts';
import { latencyBench } from './latency-bench.ts';
import { machineInfo, versions } from './machine.ts';
import { memoryBench } from './memory.ts';
import { popupBench } from './popup.ts';
import { writeReport, type Report } from './report.ts';
import { sizeBench } from './size.ts';
import type { BenchResult } from './types.ts';

// BENCH_OUT: write the results elsewhere (a partial run must not overwrite the committed figures).
const HERE = process.env.BENCH_OUT ?? dirname(fileURLToPath(import.meta.url));
mkdirSync(HERE, { recursive: true });
const MEMORY_BATCH = 2000;
const started = performance.now();
const log = (line: string) => console.log(`bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s  ${line}`);

const config = readConfig();
const buildNotes: string[] = [];
if (config.build) {
  log('building the extension (npm run build)');
  try {
    execSync('npm run build', { stdio: 'inherit' });
  } catch {
    buildNotes.push('`npm run build` failed; the dist/ already on disk was measured.');
    log('build failed: measuring the dist/ that is there');
  }
}
const dist = snapshotDist();
log(`dist/ copied to ${dist} for this run`);

const report: Report = {
  startedAt: new Date().toISOString(),
  seconds: 0,
  quick: config.quick,
  config,
  machine: machineInfo(),
  loadAverageAtEnd: 0,
  versions: versions(),
  results: [],
};
const save = () => {
  report.seconds = (performance.now() - started) / 1000;
  report.loadAverageAtEnd = Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
  writeReport(report, HERE);
};

async function measure(id: BenchId, title: string, body: () => Promise<Omit<BenchResult, 'seconds'>>): Promise<void> {
  if (!config.only.includes(id)) return;
  const t0 = performance.now();
  log(`${title}: start`);
  try {
    const result = await body();
    report.results.push({ ...result, seconds: (performance.now() - t0) / 1000 });
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`${title}: FAILED ${message}`);
    report.results.push({ id, title, method: '', figures: [], notes: [], error: message.split('\n')[0] ?? message, seconds: (performance.now() - t0) / 1000 });
  }
  log(`${title}: done`);
  save();
}

try {
  await measure('size', 'Size', async () => {
    const result = sizeBench(dist);
    return { ...result, notes: [...buildNotes, ...result.notes] };
  });
  await measure('latency', 'Reply latency', () => latencyBench(config, log));

  // Popup, burst and memory share one browser with a large address book, in that order: the popup
  // wants exactly 200 conversations, the burst adds a few thousand messages, memory loads the rest.
  const shared = config.only.filter((id) => id === 'popup' || id === 'burst' || id === 'memory');
  if (shared.length) {
    let session: DataSession | undefined;
    const withSession = (body: (s: DataSession) => Promise<Omit<BenchResult, 'seconds'>>) => async () => {
      session ??= await startDataSession(config.contacts, Math.max(config.burst, MEMORY_BATCH), log);
      return body(session);
    };
    try {
      // An opening costs about a second and openings vary by tens of ms on a shared VM: three
      // openings per run, so the median stands on more than three.
      await measure('popup', 'Popup', withSession((s) => popupBench(s, config.conversations, Math.max(config.runs, 3) * 3, log)));
      await measure('burst', 'Burst', withSession((s) => burstBench(s, config.burst, config.runs, log)));
      await measure('memory', 'Worker memory', withSession((s) => memoryBench(s, config.memoryMessages, MEMORY_BATCH, Math.max(config.runs, 3), log)));
    } finally {
      await session?.close();
    }
  }
  await measure('idle', 'Idle cost', () => idleBench(config.idleSeconds, log));
} finally {
  dropDistSnapshot();
  save();
}
log(`wrote ${HERE}/results.md and results.json`);
// A peer client (wechat4u, faye) can leave a socket or timer behind; the run is over.
process.exit(0);
