// Benchmark 6, idle cost: one account per service online, no page of ours open, nothing happening.
// Over a fixed window (BENCH_IDLE_SECONDS, default 120 s, measured as 4 equal sub-windows for the
// spread): requests per minute per account, counted by the simulator's probe as they start; the
// worker thread's CPU from a V8 sampling profile (busy = not idle); and the whole browser's CPU
// (all of its processes, from /proc) for scale.
import { performance } from 'node:perf_hooks';
import { signInQq, signInWechat, signInWeibo } from './accounts.ts';
import { launchExtension } from './browser.ts';
import { startProfile, stopProfile, describeTop } from './cpu-profile.ts';
import { browserPid, treeCpuMs } from './proc-cpu.ts';
import { startProbedSim } from './sim-probe.ts';
import { medianFigure, type BenchResult, type Figure } from './types.ts';

const SERVICES = ['wechat', 'weibo', 'qq'] as const;
const SUB_WINDOWS = 4;
const SETTLE_MS = 15_000;

export async function idleBench(seconds: number, log: (line: string) => void): Promise<Omit<BenchResult, 'seconds'>> {
  const { sim, probe, close } = await startProbedSim();
  const ext = await launchExtension(sim);
  try {
    await signInWechat(ext, probe);
    await signInWeibo(ext);
    await signInQq(ext);
    await ext.releasePages();
    const cdp = await ext.workerCdp();
    const pid = browserPid(ext.profileDir);
    log(`idle: three accounts online; settling ${SETTLE_MS / 1000} s, then a ${seconds} s window`);
    await new Promise((r) => setTimeout(r, SETTLE_MS));

    probe.requests.length = 0;
    probe.logRequests = true;
    const start = performance.now();
    const cpuStart = pid ? treeCpuMs(pid) : Number.NaN;
    await startProfile(cdp, 1000);
    const sub = (seconds * 1000) / SUB_WINDOWS;
    const browserCpu: number[] = [];
    let last = cpuStart;
    for (let w = 1; w <= SUB_WINDOWS; w += 1) {
      await new Promise((r) => setTimeout(r, start + w * sub - performance.now()));
      const now = pid ? treeCpuMs(pid) : Number.NaN;
      browserCpu.push(((now - last) / sub) * 100);
      last = now;
    }
    const cpu = await stopProfile(cdp, 6);
    await cdp.close();
    const minutes = sub / 60_000;

    const figures: Figure[] = [];
    for (const service of SERVICES) {
      const runs = Array.from({ length: SUB_WINDOWS }, (_, w) => {
        const from = start + w * sub;
        const to = from + sub;
        return probe.requests.filter((r) => r.module === service && r.t >= from && r.t < to).length / minutes;
      });
      // The whole window is the figure (a 25 s hold makes 30 s sub-windows see one or two polls).
      const whole = probe.requests.filter((r) => r.module === service && r.t >= start && r.t < start + seconds * 1000).length / (seconds / 60);
      figures.push({ key: `idle.${service}.requestsPerMinute`, label: `${service}: requests per minute (1 account)`, unit: 'req/min', value: whole, basis: 'pooled', runs, target: { max: 3, label: '<= 3 per account' } });
    }
    const windowMinutes = seconds / 60;
    figures.push(medianFigure('idle.worker.cpuMsPerMinute', 'worker thread CPU per minute (V8 profile, busy samples)', 'ms/min', [cpu.busyMs / windowMinutes]));
    figures.push(medianFigure('idle.worker.cpuPercent', 'worker thread CPU (% of one core)', '%', [(cpu.busyMs / (seconds * 1000)) * 100]));
    figures.push(medianFigure('idle.browser.cpuPercent', 'whole browser CPU (all processes, % of one core)', '%', browserCpu));
    const paths = new Map<string, number>();
    for (const r of probe.requests.filter((q) => q.t >= start)) paths.set(`${r.module} ${r.host}${r.path}`, (paths.get(`${r.module} ${r.host}${r.path}`) ?? 0) + 1);
    return {
      id: 'idle',
      title: 'Idle cost',
      method:
        `WeChat, Weibo and QQ accounts online in one Chromium, no extension page open, ${SETTLE_MS / 1000} s to settle, then a ${seconds} s window in ${SUB_WINDOWS} sub-windows (the runs). ` +
        'Requests counted by the simulator as they arrive; worker CPU from a V8 sampling profile of the service worker (1 ms interval); browser CPU from /proc (utime+stime of the browser and its child processes).',
      figures,
      notes: [
        `requests in the window: ${[...paths].map(([k, v]) => `${k} x${v}`).join(', ') || 'none'}`,
        `worker CPU in the window: ${cpu.busyMs.toFixed(0)} ms busy of ${cpu.wallMs.toFixed(0)} ms (GC ${cpu.gcMs.toFixed(0)} ms); top: ${describeTop(cpu) || 'nothing'}`,
        ...(pid ? [] : ['the browser process was not found in /proc: no browser CPU figure']),
      ],
    };
  } finally {
    await ext.close();
    await close();
  }
}
