// CPU time of a whole Chromium (browser, renderers, network and GPU processes) from /proc on
// Linux: the process launched with our profile directory and all its descendants, utime + stime.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface ProcStat {
  pid: number;
  ppid: number;
  cpuTicks: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: split after the last ')'.
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(rest[1]), cpuTicks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return undefined;
  }
}

function pids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** The browser process started with `--user-data-dir=<profileDir>`. */
export function browserPid(profileDir: string): number | undefined {
  for (const pid of pids()) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (cmdline.includes(`--user-data-dir=${profileDir}`) && !cmdline.some((a) => a.startsWith('--type='))) return pid;
    } catch {
      // the process ended meanwhile
    }
  }
  return undefined;
}

/** CPU milliseconds used so far by `root` and its descendants (processes alive now). */
export function treeCpuMs(root: number): number {
  const stats = pids()
    .map(readStat)
    .filter((s): s is ProcStat => s !== undefined);
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  let ticks = 0;
  const queue = stats.filter((s) => s.pid === root);
  while (queue.length) {
    const s = queue.shift() as ProcStat;
    ticks += s.cpuTicks;
    queue.push(...(children.get(s.pid) ?? []));
  }
  return (ticks / TICKS_PER_SECOND) * 1000;
}
