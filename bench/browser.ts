// Debian's Chromium with the built extension and the real host names mapped to the simulator,
// launched exactly as the e2e tests launch it (e2e/fixtures.ts extensionArgs), plus the handful of
// handles a benchmark needs: typed requests through one of our pages, the worker, a worker CDP link.
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunningSim } from '../e2e/sim/server.ts';
import { extensionArgs } from '../e2e/fixtures.ts';
import { chromiumPath } from '../scripts/chromium-path.ts';
import { WorkerCdp } from './worker-cdp.ts';

export interface AccountStatus {
  accountId: string;
  status: string;
  reason?: string;
  needs?: { kind: string };
}

export class BenchExtension {
  private requestPage: Page | undefined;

  constructor(
    readonly context: BrowserContext,
    readonly worker: Worker,
    readonly id: string,
    readonly profileDir: string,
  ) {}

  url(path: string): string {
    return `chrome-extension://${this.id}/${path}`;
  }

  /** A typed request, as our pages send it; throws when the worker answers `ok: false`. */
  async ask<T = unknown>(type: string, payload: Record<string, unknown> = {}): Promise<T> {
    if (!this.requestPage) {
      this.requestPage = await this.context.newPage();
      await this.requestPage.goto(this.url('extension/options/index.html'));
    }
    const reply = (await this.requestPage.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const)) as
      | { ok: true; value: T }
      | { ok: false; error: string };
    if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
    return reply.value;
  }

  async states(): Promise<AccountStatus[]> {
    const snapshot = await this.ask<{ states: AccountStatus[] }>('snapshot');
    return snapshot.states;
  }

  async waitForStatus(accountId: string, ok: (s: AccountStatus) => boolean, what: string, timeoutMs = 60_000): Promise<AccountStatus> {
    return waitFor(what, async () => (await this.states()).find((s) => s.accountId === accountId && ok(s)), timeoutMs);
  }

  /** Close our request page: during measurements no page of ours holds a UI port open. */
  async releasePages(): Promise<void> {
    await this.requestPage?.close();
    this.requestPage = undefined;
  }

  workerCdp(): Promise<WorkerCdp> {
    return WorkerCdp.open(this.context, this.id);
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}

/**
 * Where the extension is loaded from: a private copy of dist/ taken at the start of the run
 * (snapshotDist), so a rebuild by someone else mid-run cannot pull the files from under Chromium.
 */
let extensionDir = resolve('dist');

export function snapshotDist(): string {
  const copy = mkdtempSync(join(tmpdir(), 'switchboard-bench-dist-'));
  // BENCH_DIST: measure a private build instead of dist/.
  cpSync(resolve(process.env.BENCH_DIST ?? 'dist'), copy, { recursive: true });
  extensionDir = copy;
  return copy;
}

export function dropDistSnapshot(): void {
  if (extensionDir !== resolve('dist')) rmSync(extensionDir, { recursive: true, force: true });
  extensionDir = resolve('dist');
}

export async function launchExtension(sim: RunningSim): Promise<BenchExtension> {
  const profileDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  // The e2e launch flags, with the extension directory swapped for the snapshot.
  const args = extensionArgs(sim).map((arg) =>
    arg.startsWith('--disable-extensions-except=') ? `--disable-extensions-except=${extensionDir}` : arg.startsWith('--load-extension=') ? `--load-extension=${extensionDir}` : arg,
  );
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 400, height: 600 },
    args,
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 90_000 }));
  return new BenchExtension(context, worker, new URL(worker.url()).host, profileDir);
}

/** Poll `probe` until it yields a value. Used only around setup, never inside a measured interval. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
