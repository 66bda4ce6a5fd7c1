// Options page: the rule tester, notification settings, and the data section (export, import,
// clear history), each checked through the page and against what the worker stored.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { addRule, expect, rule, rulesList, save, settingsOf, test } from './options-fixtures.ts';

async function twoRules(page: Page): Promise<void> {
  await addRule(page, 'Prices', async (item) => {
    await item.getByRole('radio', { name: 'Contains any of the keywords' }).check();
    await item.getByRole('textbox', { name: 'Keywords' }).fill('price');
    await item.getByRole('textbox', { name: 'Reply' }).fill('Price list for {name}');
  });
  await addRule(page, 'Fallback', async (item) => {
    await item.getByRole('textbox', { name: 'Reply' }).fill('Back soon.');
  });
  await save(page);
}

async function runTest(page: Page, text: string): Promise<void> {
  const tester = page.getByRole('form', { name: 'Rule tester' });
  await tester.getByRole('textbox', { name: 'Message' }).fill(text);
  await tester.getByRole('button', { name: 'Test' }).click();
}

test('the tester shows each rule’s trace and the decision', async ({ ext }) => {
  const page = await ext.openOptions();
  await twoRules(page);
  await page.getByRole('checkbox', { name: 'Auto-reply is on' }).check();
  await expect.poll(async () => (await settingsOf(page)).autoReply.enabled).toBe(true);
  const tester = page.getByRole('form', { name: 'Rule tester' });
  await tester.getByRole('textbox', { name: 'Sender name' }).fill('Alice');
  await tester.getByRole('combobox', { name: 'Service' }).selectOption('qq');

  await runTest(page, 'what is the price?');
  const result = page.locator('.tester-result');
  await expect(result.getByTestId('decision')).toContainText('Would reply after');
  await expect(result.getByTestId('decision')).toContainText('(rule “Prices”)');
  await expect(result.locator('pre')).toHaveText('Price list for Alice');
  await expect(result.getByRole('listitem')).toHaveText([/^“Prices”: chosen — /, /^“Fallback”: shadowed by an earlier rule — /]);

  await runTest(page, 'hello');
  await expect(result.getByRole('listitem')).toHaveText([/^“Prices”: missed \(text does not match\) — /, /^“Fallback”: chosen — /]);
  await expect(result.locator('pre')).toHaveText('Back soon.');

  // In a group without a mention neither rule answers (both are "never in groups").
  await tester.getByRole('checkbox', { name: 'In a group chat' }).check();
  await runTest(page, 'price?');
  await expect(result.getByTestId('decision')).toContainText('Would not reply: no rule matches');
  await expect(result.getByRole('listitem').first()).toContainText('missed (group chat)');

  await tester.getByRole('checkbox', { name: 'In a group chat' }).uncheck();
  await page.getByRole('checkbox', { name: 'Auto-reply is on' }).uncheck();
  await runTest(page, 'price?');
  await expect(result.getByTestId('decision')).toContainText('Would not reply: auto-reply is switched off');
  expect(ext.errors).toEqual([]);
});

test('notification settings persist across a reload', async ({ ext }) => {
  const page = await ext.openOptions();
  const section = page.locator('#notifications');
  await section.getByRole('checkbox', { name: 'Privacy mode: hide the message text' }).check();
  await section.getByRole('checkbox', { name: 'No notifications during these hours' }).check();
  await section.getByRole('textbox', { name: 'From' }).fill('23:30');
  await section.getByRole('textbox', { name: 'To' }).fill('07:15');
  await section.getByRole('button', { name: 'Save notifications' }).click();
  await expect(section.getByRole('status')).toHaveText('Saved.');

  await page.reload();
  await expect(section.getByRole('checkbox', { name: 'Privacy mode: hide the message text' })).toBeChecked();
  await expect(section.getByRole('checkbox', { name: 'No notifications during these hours' })).toBeChecked();
  await expect(section.getByRole('checkbox', { name: 'Show notifications for new messages' })).toBeChecked();
  await expect(section.getByRole('textbox', { name: 'From' })).toHaveValue('23:30');
  await expect(section.getByRole('textbox', { name: 'To' })).toHaveValue('07:15');
  expect((await settingsOf(page)).notifications).toEqual({ enabled: true, privacy: true, doNotDisturb: { enabled: true, from: '23:30', to: '07:15' } });
});

test('export, change everything, import restores it; a bad file imports nothing; clear history asks first', async ({ ext }) => {
  const page = await ext.openOptions();
  await page.getByRole('button', { name: 'Add “I\'m asleep” rule' }).click();
  await page.getByRole('spinbutton', { name: 'Per hour' }).fill('12');
  await save(page);
  const notifications = page.locator('#notifications');
  await notifications.getByRole('checkbox', { name: 'Privacy mode: hide the message text' }).check();
  await notifications.getByRole('button', { name: 'Save notifications' }).click();
  await expect(notifications.getByRole('status')).toHaveText('Saved.');
  const before = await settingsOf(page);

  const data = page.locator('#data');
  const [download] = await Promise.all([page.waitForEvent('download'), data.getByRole('button', { name: 'Export settings and rules' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^switchboard-settings-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = readFileSync(await download.path(), 'utf8');
  expect(JSON.parse(exported)).toMatchObject({ format: 'switchboard-settings', version: 1 });
  await expect(data.getByRole('status')).toContainText('Exported as switchboard-settings-');

  // Undo it all by hand.
  await rule(page, /I'm asleep$/).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('spinbutton', { name: 'Per hour' }).fill('30');
  await save(page);
  await notifications.getByRole('checkbox', { name: 'Privacy mode: hide the message text' }).uncheck();
  await notifications.getByRole('button', { name: 'Save notifications' }).click();
  await expect(notifications.getByRole('status')).toHaveText('Saved.');
  expect((await settingsOf(page)).rules).toEqual([]);

  // A file with a bad rule is refused whole, with the validator's reasons.
  const bad = JSON.parse(exported) as { autoReply: { rules: { match: unknown }[] } };
  bad.autoReply.rules[0]!.match = { kind: 'regex', pattern: '(a+)+', flags: 'i' };
  await data.getByLabel('Import from a file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(data.getByRole('alert')).toContainText('nested repetition');
  expect((await settingsOf(page)).rules).toEqual([]);
  await expect(rulesList(page)).toHaveCount(0);

  await data.getByLabel('Import from a file').setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await expect(data.getByRole('status')).toHaveText('Imported. Rules: 1; accounts added: 0.');
  expect(await settingsOf(page)).toEqual(before);
  await expect(rule(page, /I'm asleep$/)).toBeVisible();
  await expect(page.getByRole('spinbutton', { name: 'Per hour' })).toHaveValue('12');
  await expect(notifications.getByRole('checkbox', { name: 'Privacy mode: hide the message text' })).toBeChecked();

  await data.getByRole('button', { name: 'Clear message history' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clear all message history?' });
  await dialog.getByRole('button', { name: 'Clear message history' }).click();
  await expect(data.getByRole('status')).toHaveText('Message history cleared.');
  expect(ext.errors).toEqual([]);
});
