// Real idle: a Chromium with no debugger on the worker keeps a WeChat account polling through
// three minutes without any page open — the keepalive, not a test harness, keeps the worker up.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath } from '../scripts/chromium-path.ts';
import { CdpPipeBrowser } from './cdp-pipe.ts';
import { expect, extensionArgs, test } from './fixtures.ts';

const WINDOW_MS = 3 * 60_000;

test('an account stays online for three idle minutes with nothing attached to the worker', async ({ sim, control }) => {
  test.setTimeout(WINDOW_MS + 120_000);
  const browser = CdpPipeBrowser.launch(chromiumPath(), ['--headless', `--user-data-dir=${mkdtempSync(join(tmpdir(), 'switchboard-idle-'))}`, ...extensionArgs(sim)]);
  try {
    let workerUrl = '';
    await expect.poll(async () => (workerUrl = (await browser.targets()).find((t) => t.type === 'service_worker')?.url ?? '')).toContain('chrome-extension://');
    const base = `chrome-extension://${new URL(workerUrl).host}/extension/options/index.html`;
    const ask = <T>(type: string, payload: object) =>
      browser.evaluateInPage<{ ok: boolean; value: T }>(base, `chrome.runtime.sendMessage(${JSON.stringify({ type, payload })})`);
    type Snapshot = { bootId: string; accounts: { id: string }[]; states: { accountId: string; status: string; needs?: { kind: string } }[] };
    const snapshot = async () => (await ask<Snapshot>('snapshot', {})).value;

    const added = await ask<{ accountId: string }>('addAccount', { service: 'wechat' });
    const accountId = added.value.accountId;
    await expect.poll(async () => (await snapshot()).states.find((s) => s.accountId === accountId)?.needs?.kind).toBe('scanQr');
    await control.call('wechat/confirm', {});
    await expect.poll(async () => (await snapshot()).states.find((s) => s.accountId === accountId)?.status).toBe('online');
    const bootBefore = (await snapshot()).bootId;

    // From here no page is open and nothing is attached: only the worker and the simulator.
    const start = Date.now();
    await expect
      .poll(async () => {
        const requests = await control.call<{ at: number }[]>('wechat/requests', { endpoint: 'synccheck', limit: 2000 });
        return requests.some((r) => r.at >= start + WINDOW_MS);
      }, { timeout: WINDOW_MS + 60_000, intervals: [10_000] })
      .toBe(true);

    const polls = (await control.call<{ at: number }[]>('wechat/requests', { endpoint: 'synccheck', limit: 2000 }))
      .map((r) => r.at)
      .filter((at) => at >= start - 30_000 && at <= start + WINDOW_MS)
      .sort((a, b) => a - b);
    const gaps = polls.slice(1).map((at, i) => at - polls[i]!);
    // Each synccheck is held up to 25 s; a gap much longer would mean the worker was stopped.
    expect(Math.max(...gaps)).toBeLessThan(40_000);
    expect(polls.length).toBeGreaterThanOrEqual(WINDOW_MS / 30_000);

    // Still the same worker (never stopped and restarted), still online.
    const after = await snapshot();
    expect(after.bootId).toBe(bootBefore);
    expect(after.states.find((s) => s.accountId === accountId)?.status).toBe('online');
  } finally {
    browser.close();
  }
});
