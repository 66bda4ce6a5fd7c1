// CPU of the service worker's thread from V8's sampling profiler (Profiler domain over WorkerCdp):
// busy time is every sample that is not `(idle)`; the top entries by self time explain where it
// goes (native calls such as IndexedDB `put` or storage IPC show by name, bundled code as
// `<function> <file>`, minified).
import type { WorkerCdp } from './worker-cdp.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface CpuSummary {
  wallMs: number;
  busyMs: number;
  gcMs: number;
  /** Top entries by self time, idle excluded. */
  top: Array<{ name: string; ms: number }>;
}

export async function startProfile(cdp: WorkerCdp, intervalUs = 500): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
}

export async function stopProfile(cdp: WorkerCdp, topN = 8): Promise<CpuSummary> {
  const { profile } = await cdp.send<{ profile: Profile }>('Profiler.stop');
  await cdp.send('Profiler.disable');
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byName = new Map<string, number>();
  let idle = 0;
  let gc = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    const fn = node.callFrame.functionName || '(anonymous)';
    if (fn === '(idle)') {
      idle += us;
      continue;
    }
    if (fn === '(garbage collector)') gc += us;
    const file = node.callFrame.url.split('/').pop() ?? '';
    const name = file ? `${fn} ${file}` : fn;
    byName.set(name, (byName.get(name) ?? 0) + us);
  }
  const wall = profile.endTime - profile.startTime;
  const top = [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, topN)
    .map(([name, us]) => ({ name, ms: us / 1000 }));
  return { wallMs: wall / 1000, busyMs: (wall - idle) / 1000, gcMs: gc / 1000, top };
}

export function describeTop(summary: CpuSummary): string {
  return summary.top.map((t) => `${t.name} ${t.ms.toFixed(0)} ms`).join(', ');
}
