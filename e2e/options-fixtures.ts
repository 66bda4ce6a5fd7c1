// Fixtures for the options page specs: the page itself, an axe check, and a `lang` option that
// starts Chromium in another UI language. `--lang=zh-CN` switches chrome.i18n (the messages) even
// though this Chromium ships only the en-US UI pack; navigator.language stays en-US.
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Locator, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath } from '../scripts/chromium-path.ts';
import type { AllSettings } from '../extension/shared/messages.ts';
import { expect, extensionArgs, test as base } from './fixtures.ts';

type OptionsFixtures = {
  /** UI language for `localizedOptions`, e.g. 'zh-CN'. */
  lang: string;
  /** The options page in a browser started with `--lang=<lang>` (its own browser, no `ext`). */
  localizedOptions: Page;
};

export const test = base.extend<OptionsFixtures>({
  lang: ['en-US', { option: true }],
  localizedOptions: async ({ sim, lang }, use) => {
    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'switchboard-lang-')), {
      executablePath: chromiumPath(),
      headless: true,
      args: [...extensionArgs(sim), `--lang=${lang}`],
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const page = await context.newPage();
    await page.goto(`chrome-extension://${new URL(worker.url()).host}/extension/options/index.html`);
    await use(page);
    await context.close();
  },
});

/** Accessibility violations of impact serious or critical, as short strings for a readable failure. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The settings as the worker has them (asked the way the page asks). */
export const settingsOf = (page: Page) =>
  page.evaluate(() => chrome.runtime.sendMessage({ type: 'getSettings', payload: {} })).then((r: { ok: boolean; value: AllSettings }) => r.value);

export const rulesList = (page: Page) => page.getByRole('list', { name: 'Rules' });
export const rule = (page: Page, name: string | RegExp): Locator => rulesList(page).getByRole('listitem', { name });

/** Adds a rule with the editor's Add button, names it, and lets `fill` set the rest. */
export async function addRule(page: Page, name: string, fill: (item: Locator) => Promise<void>): Promise<Locator> {
  await page.getByRole('button', { name: 'Add rule' }).click();
  const item = rule(page, /New rule$/);
  await item.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  const named = rule(page, new RegExp(`${name}$`));
  await fill(named);
  return named;
}

export async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save auto-reply' }).click();
  await expect(page.locator('#autoreply').getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
}

/** Adds the simulator's default QQ account (10001 / switchboard) and waits until it is online. */
export async function addQqAccount(page: Page): Promise<Locator> {
  const form = page.getByRole('form', { name: 'Add account' });
  await form.getByLabel('Service').selectOption('qq');
  await form.getByLabel('QQ number').fill('10001');
  await form.getByLabel('Password').fill('switchboard');
  await form.getByRole('button', { name: 'Add account' }).click();
  // The heading is the number, or the nickname followed by the number once signed in.
  const account = page.getByRole('list', { name: 'Accounts' }).getByRole('listitem', { name: /10001/ });
  await expect(account.getByText('Online')).toBeVisible();
  return account;
}

export { expect };
