// The e2e harness: the simulator on free ports, Debian's Chromium with the built extension and
// the real service host names mapped to the simulator, and handles a test needs.
import { test as base, chromium, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromiumPath, QUIET_FLAGS } from '../scripts/chromium-path.ts';
import { startSimulator, type RunningSim } from './sim/server.ts';
import { ALL_MODULES } from './sim/modules.ts';
import { SimControl } from './sim-control.ts';

// E2E_DIST lets an engineer test a private build while another build is being written to dist/.
const DIST = resolve(process.env.E2E_DIST ?? 'dist');

export interface Extension {
  id: string;
  worker: Worker;
  context: BrowserContext;
  /** The popup as a page (chat window mode uses `?window=1`). */
  openPopup(query?: string): Promise<Page>;
  openOptions(): Promise<Page>;
  /** Stop the service worker the way Chromium does (CDP) and wait until a new one has booted. */
  killWorker(): Promise<string>;
  bootId(): Promise<string>;
  /** Uncaught errors seen in the worker and in extension pages. */
  errors: string[];
}

export function extensionArgs(sim: Pick<RunningSim, 'hostRules'>): string[] {
  return [
    `--disable-extensions-except=${DIST}`,
    `--load-extension=${DIST}`,
    `--host-resolver-rules=${sim.hostRules}`,
    '--ignore-certificate-errors',
    '--disable-features=ExtensionDisableUnsupportedDeveloper',
    ...QUIET_FLAGS,
  ];
}

type WorkerFixtures = { sim: RunningSim };
type TestFixtures = { control: SimControl; ext: Extension };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  sim: [
    async ({}, use) => {
      const sim = await startSimulator({ modules: ALL_MODULES });
      await use(sim);
      await sim.close();
    },
    { scope: 'worker' },
  ],
  control: async ({ sim }, use) => {
    const control = new SimControl(sim.controlUrl);
    await control.reset();
    await use(control);
  },
  ext: async ({ sim }, use) => {
    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'switchboard-')), {
      executablePath: chromiumPath(),
      headless: true,
      args: extensionArgs(sim),
    });
    const errors: string[] = [];
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    worker.on('console', (message) => {
      if (message.type() === 'error') errors.push(`worker: ${message.text()}`);
    });
    const id = new URL(worker.url()).host;
    const watch = (page: Page) => {
      page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
      });
      return page;
    };
    const open = async (path: string) => {
      const page = watch(await context.newPage());
      await page.goto(`chrome-extension://${id}/${path}`);
      return page;
    };
    const bootId = () => worker.evaluate(() => chrome.storage.session.get('bootId').then((r) => String(r.bootId ?? '')));
    const ext: Extension = {
      id,
      worker,
      context,
      errors,
      openPopup: (query = '') => open(`extension/popup/index.html${query}`),
      openOptions: () => open('extension/options/index.html'),
      bootId,
      async killWorker() {
        const before = await bootId();
        const page = await open('extension/popup/index.html');
        const cdp = await context.newCDPSession(page);
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        // Any extension event wakes a fresh worker; the popup's port reconnects and is one.
        let after = before;
        await expect
          .poll(
            async () => {
              after = await page.evaluate(() => chrome.storage.session.get('bootId').then((r) => String(r.bootId ?? '')));
              return after;
            },
            { timeout: 20_000 },
          )
          .not.toBe(before);
        await cdp.detach();
        await page.close();
        return after;
      },
    };
    await use(ext);
    await context.close();
  },
});

export { expect };
