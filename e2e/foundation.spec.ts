// The foundation in a real Chromium: the extension loads cleanly, its pages render, the worker
// reaches mapped production hosts over HTTPS with cookies, survives being killed, and refuses forged
// requests.
import { expect, test } from './fixtures.ts';

test('loads with no uncaught error; popup and options render', async ({ ext }) => {
  const popup = await ext.openPopup();
  await expect(popup.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Add account' })).toBeVisible();
  const options = await ext.openOptions();
  await expect(options.getByRole('heading', { name: 'Accounts' })).toBeVisible();
  await expect(options.getByRole('heading', { name: 'Auto-reply', exact: true })).toBeVisible();
  expect(ext.errors).toEqual([]);
});

test('a worker request to a mapped production host reaches the simulator over HTTPS with its cookies', async ({ ext, control }) => {
  const seen = await ext.worker.evaluate(async () => {
    await fetch('https://wx.qq.com/__sim/echo/set-cookie?probe=42', { credentials: 'include' });
    const response = await fetch('https://wx.qq.com/__sim/echo', { credentials: 'include' });
    return (await response.json()) as { host: string; scheme: string; cookie: string };
  });
  expect(seen).toMatchObject({ host: 'wx.qq.com', scheme: 'https' });
  expect(seen.cookie).toContain('probe=42');
  const records = await control.records('echo', 'request');
  expect(records.some((r) => (r.detail as { cookie: string }).cookie.includes('probe=42'))).toBe(true);
});

test('killWorker restarts the worker with a new boot id and stored state intact', async ({ ext }) => {
  await ext.worker.evaluate(() => chrome.storage.local.set({ probe: { kept: true } }));
  const before = await ext.bootId();
  expect(before).not.toBe('');
  const after = await ext.killWorker();
  expect(after).not.toBe(before);
  const popup = await ext.openPopup();
  const stored = await popup.evaluate(() => chrome.storage.local.get('probe'));
  expect(stored).toEqual({ probe: { kept: true } });
  const snapshot = await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'snapshot', payload: {} }));
  expect(snapshot).toMatchObject({ ok: true, value: { bootId: after } });
});

test('a forged request with an unknown type is rejected, and web pages cannot reach the worker', async ({ ext }) => {
  const popup = await ext.openPopup();
  const reply = await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'sendEverything', payload: {} }));
  expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('unknown request type') });
  const invalid = await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'setPassword', payload: { accountId: 'qq:1', passwordMd5: 'plain' } }));
  expect(invalid).toMatchObject({ ok: false });
  const page = await ext.context.newPage();
  await page.goto('https://wx.qq.com/__sim/echo');
  expect(await page.evaluate(() => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage)).toBe('undefined');
});
