// Options page diagnostics: after a simulator fault the account's recent errors show the raw body
// as text (never as markup), and the report can be copied.
import { addQqAccount, expect, test } from './options-fixtures.ts';

const HOSTILE = '<img src=x onerror="document.title=1">no RES here & <b>bold</b>';

test('diagnostics shows the raw body of a protocol error as text, and copies a report', async ({ ext, control }) => {
  const page = await ext.openOptions();
  await addQqAccount(page);
  await control.call('qq/fault', { kind: 'raw', cmd: 'GETMSGEX', body: HOSTILE });

  const section = page.locator('#diagnostics');
  const card = section.getByRole('article', { name: /10001/ });
  await expect(async () => {
    await section.getByRole('button', { name: 'Refresh' }).click();
    await expect(card.locator('pre').filter({ hasText: HOSTILE }).first()).toBeVisible({ timeout: 1000 });
  }).toPass();
  await expect(card.getByRole('list', { name: 'Recent protocol errors' })).toContainText('GetMsgEx');
  await expect(card).toContainText(/State: (Online|Reconnecting)/);
  await expect(section.locator('img, b')).toHaveCount(0);

  await card.getByRole('button', { name: 'Copy report' }).click();
  await expect(card.getByRole('status')).toHaveText('Copied to the clipboard.');
  expect(ext.errors).toEqual([]);
});
