// Fixtures and helpers for the popup specs: a `lang` option that starts Chromium in another UI
// language (`--lang=zh-CN` switches chrome.i18n; navigator.language stays en-US), accounts added
// the way the options page adds them (the same worker request), and an axe check.
import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath } from '../scripts/chromium-path.ts';
import { expect, extensionArgs, test as base } from './fixtures.ts';
import type { SimControl } from './sim-control.ts';

/** MD5 of the QQ simulator's default password `switchboard` (docs/simulator-qq.md). */
export const QQ_PASSWORD_MD5 = 'bbbf56cdcb4c20fdbf6a982bc92cec8b';
export const QQ_UIN = '10001';

type PopupFixtures = {
  /** UI language for `localized`, e.g. 'zh-CN'. */
  lang: string;
  /** A browser started with `--lang=<lang>`: its context and a function opening the popup. */
  localized: { context: BrowserContext; openPopup: (query?: string) => Promise<Page> };
};

export const test = base.extend<PopupFixtures>({
  lang: ['en-US', { option: true }],
  localized: async ({ sim, lang }, use) => {
    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'switchboard-popup-lang-')), {
      executablePath: chromiumPath(),
      headless: true,
      args: [...extensionArgs(sim), `--lang=${lang}`],
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const id = new URL(worker.url()).host;
    await use({
      context,
      async openPopup(query = '') {
        const page = await context.newPage();
        await page.goto(`chrome-extension://${id}/extension/popup/index.html${query}`);
        return page;
      },
    });
    await context.close();
  },
});

/** Ask the worker from an extension page, as the options page does; throws on a refusal. */
export async function request<T = unknown>(page: Page, type: string, payload: Record<string, unknown>): Promise<T> {
  const reply = (await page.evaluate(([type, payload]) => chrome.runtime.sendMessage({ type, payload }), [type, payload] as const)) as
    | { ok: true; value: T }
    | { ok: false; error: string };
  if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
  return reply.value;
}

export async function addQqAccount(page: Page): Promise<string> {
  const { accountId } = await request<{ accountId: string }>(page, 'addAccount', { service: 'qq', localId: QQ_UIN, passwordMd5: QQ_PASSWORD_MD5 });
  return accountId;
}

/** Accessibility violations of impact serious or critical, as short strings for a readable failure. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Every element in the page (and its shadow roots) that could run script or load a hostile URL. */
export async function injectedElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const el of document.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      if (tag === 'script' && !(el as HTMLScriptElement).src.startsWith(location.origin)) bad.push('script');
      if (tag === 'img' && /(^|\/)x$/.test(el.getAttribute('src') ?? '')) bad.push('img src=x');
      for (const attr of el.getAttributeNames()) if (attr.startsWith('on')) bad.push(`${tag}[${attr}]`);
    }
    return bad;
  });
}

export { expect };

/**
 * Open a chat from the inbox and make sure it is the one that opened: rows reorder as messages
 * land, so a click can meet the row that just moved under it. Retries until the header is right.
 */
export async function openChat(popup: Page, name: RegExp | string): Promise<void> {
  const row = popup.getByRole('listbox', { name: 'Chats' }).getByRole('option', { name });
  await expect(async () => {
    const back = popup.getByRole('button', { name: 'Back to chats' });
    if (await back.isVisible()) await back.click();
    await row.click({ timeout: 5_000 });
    await expect(popup.getByRole('heading', { level: 2, name })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** A 1x1 PNG: the avatar the simulated phone "sends" after scanning. */
export const SCANNER_AVATAR =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** Add WeChat and log in as a user would: the QR shows, the phone scans (avatar), then confirms. */
export async function wechatOnline(popup: Page, control: SimControl): Promise<string> {
  const { accountId } = await request<{ accountId: string }>(popup, 'addAccount', { service: 'wechat' });
  const chip = popup.locator(`.chip[data-account="${accountId}"]`);
  await expect(chip.getByRole('img', { name: /WeChat login QR code/ })).toBeVisible({ timeout: 30_000 });
  await control.call('wechat/scan', { avatar: SCANNER_AVATAR });
  await expect(chip.getByRole('img', { name: 'Picture of the person who scanned' })).toBeVisible({ timeout: 30_000 });
  await expect(chip).toContainText('Confirm on your phone');
  await control.call('wechat/confirm', {});
  await expect(chip).toHaveClass(/chip-online/, { timeout: 30_000 });
  return accountId;
}
