// The machine and the versions a result belongs to.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { chromiumPath } from '../scripts/chromium-path.ts';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  /** 1-minute load average when the run started: other work on the machine skews timings. */
  loadAverage: number;
}

export interface Versions {
  chromium: string;
  node: string;
  commit: string;
  packages: Record<string, string>;
}

const PACKAGES = ['preact', 'zustand', 'idb', 'valibot', 'pinyin-pro', 'webextension-polyfill', 'vite', 'typescript', '@playwright/test', 'wechat4u', 'faye'];

export function machineInfo(): MachineInfo {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) cpu = line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // not Linux: os.cpus() is enough
  }
  return {
    cpu,
    cores: os.cpus().length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

export function versions(): Versions {
  const chromium = /Chromium\s+[\d.]+/.exec(run(chromiumPath(), ['--version']))?.[0] ?? 'unknown';
  const commit = run('git', ['rev-parse', '--short', 'HEAD']);
  const dirty = run('git', ['status', '--porcelain']) !== '';
  const packages: Record<string, string> = {};
  for (const name of PACKAGES) {
    try {
      packages[name] = (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;
    } catch {
      packages[name] = 'missing';
    }
  }
  return { chromium, node: process.version, commit: commit ? `${commit}${dirty ? ' (+ uncommitted changes)' : ''}` : 'unknown', packages };
}
