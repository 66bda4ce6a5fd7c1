// Options page against live simulated services: the WeChat QR login drawn on the page (and
// decodable), and the auto-reply log filling in as the engine answers a QQ message.
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { addQqAccount, addRule, expect, save, test } from './options-fixtures.ts';

test('adding WeChat shows a scannable QR code here, which follows the phone through to online', async ({ ext, control }) => {
  const page = await ext.openOptions();
  const form = page.getByRole('form', { name: 'Add account' });
  await form.getByLabel('Service').selectOption('wechat');
  await form.getByRole('button', { name: 'Add account' }).click();
  await expect(form.getByRole('status')).toHaveText('Added. Scan the QR code shown in the popup or below.');

  const qr = page.getByRole('img', { name: /^WeChat login QR code for / });
  await expect(qr).toBeVisible();
  await expect(page.getByText('The same code is shown in the popup.')).toBeVisible();
  const image = PNG.sync.read(await qr.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  expect(decoded?.data).toMatch(/^https:\/\/login\.weixin\.qq\.com\/l\/[A-Za-z0-9_=-]+$/);
  const { pendingQr } = await control.call<{ pendingQr: { qrUrl: string }[] }>('wechat/state');
  expect(pendingQr.map((q) => q.qrUrl)).toContain(decoded?.data);

  await control.call('wechat/confirm', {});
  const account = page.getByRole('list', { name: 'Accounts' }).getByRole('listitem').filter({ hasText: 'WeChat' });
  await expect(account.getByText('Online')).toBeVisible();
  await expect(qr).toHaveCount(0);
  expect(ext.errors).toEqual([]);
});

test('the auto-reply log shows a reply the engine sent to a QQ message', async ({ ext, control }) => {
  const page = await ext.openOptions();
  await addQqAccount(page);
  await addRule(page, 'Instant', async (item) => {
    await item.getByRole('textbox', { name: 'Reply' }).fill('Auto: got “{message}”');
    await item.getByRole('spinbutton', { name: 'Wait at least' }).fill('0');
    await item.getByRole('spinbutton', { name: 'Wait at most' }).fill('0');
  });
  await save(page);
  await page.getByRole('checkbox', { name: 'Auto-reply is on' }).check();
  await expect(page.getByRole('checkbox', { name: 'Auto-reply is on' })).toBeChecked();

  await control.call('qq/inject', { from: '20002', text: 'ping' });
  const row = page.locator('#log').getByRole('row').filter({ hasText: 'Auto: got “ping”' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Instant');
  await expect(row).toContainText('QQ');
  await expect(row.getByRole('cell').last()).toHaveText('sent');
  const { sent } = await control.call<{ sent: { to: string; text: string }[] }>('qq/sent');
  expect(sent).toEqual([expect.objectContaining({ to: '20002', text: 'Auto: got “ping”' })]);
  await expect(page.getByText('“Outcome unknown” means the browser stopped Switchboard')).toBeVisible();
});
