// The options page as a person uses it: sections and navigation, accounts through the QQ
// simulator, the rules editor with its validation, the asleep starter, the tester, notification
// settings, export/import, diagnostics, and accessibility. Driven by roles and labels.
import { addQqAccount, addRule, expect, rule, rulesList, save, seriousViolations, settingsOf, test } from './options-fixtures.ts';

test('has a section per area with a working nav, in English, without serious accessibility violations', async ({ ext }) => {
  const page = await ext.openOptions();
  const nav = page.getByRole('navigation', { name: 'Sections' });
  for (const [name, id] of [
    ['Accounts', 'accounts'],
    ['Auto-reply', 'autoreply'],
    ['Rule tester', 'tester'],
    ['Auto-reply log', 'log'],
    ['Notifications', 'notifications'],
    ['Data', 'data'],
    ['Diagnostics', 'diagnostics'],
  ]) {
    await expect(nav.getByRole('link', { name, exact: true })).toHaveAttribute('href', `#${id}`);
    await expect(page.locator(`section#${id}`)).toBeVisible();
  }
  // Keyboard: the first Tab reaches the skip link, which moves focus to the content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await nav.getByRole('link', { name: 'Diagnostics' }).click();
  await expect(page).toHaveURL(/#diagnostics$/);
  await expect(page.getByRole('checkbox', { name: 'Auto-reply is on' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  // Again with a rule editor open and the problems of an unfinished rule showing.
  await page.getByRole('button', { name: 'Add “I\'m asleep” rule' }).click();
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.getByRole('button', { name: 'Save auto-reply' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousViolations(page)).toEqual([]);
  expect(ext.errors).toEqual([]);
});

test('adds, signs out, changes the password of and removes a QQ account through the simulator', async ({ ext, control }) => {
  const page = await ext.openOptions();
  const form = page.getByRole('form', { name: 'Add account' });
  await form.getByLabel('Service').selectOption('weibo');
  await expect(form.getByText('You must be logged in on weibo.com')).toBeVisible();
  await form.getByLabel('Weibo user id (uid)').fill('12ab');
  await expect(form.getByText('Use 4 to 20 digits.').first()).toBeVisible();
  await form.getByLabel('Service').selectOption('wechat');
  await expect(form.getByText('Adding WeChat starts a QR login')).toBeVisible();

  const account = await addQqAccount(page);
  const login = (await control.records('qq', 'request')).map((r) => r.detail as { cmd: string }).find((d) => d.cmd === 'LOGIN');
  expect(login).toBeDefined();

  await account.getByRole('button', { name: 'Change password' }).click();
  await account.getByRole('form', { name: 'Change password' }).getByLabel('Password').fill('switchboard');
  await account.getByRole('button', { name: 'Save password' }).click();
  await expect(account.getByRole('form', { name: 'Change password' })).toHaveCount(0);
  await expect(account.getByText('Online')).toBeVisible();

  await account.getByRole('button', { name: 'Sign out' }).click();
  await expect(account.getByText('Signed out')).toBeVisible();
  await account.getByRole('button', { name: 'Remove' }).click();
  const dialog = page.getByRole('dialog', { name: /Remove/ });
  await expect(dialog).toContainText('deletes its contacts and message history');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await account.getByRole('button', { name: 'Remove' }).click();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('list', { name: 'Accounts' })).toHaveCount(0);
  await expect(page.getByText('No accounts yet. Add one below.').first()).toBeVisible();
  expect(ext.errors).toEqual([]);
});

test('rules editor: create, edit, reorder, duplicate, delete, and refuse to save a bad regex', async ({ ext }) => {
  const page = await ext.openOptions();
  await addRule(page, 'Prices', async (item) => {
    await item.getByRole('radio', { name: 'Contains any of the keywords' }).check();
    await item.getByRole('textbox', { name: 'Keywords' }).fill('price\n价格');
    await item.getByRole('textbox', { name: 'Reply' }).fill('Hi ');
    await item.getByRole('button', { name: '{name}' }).click();
    await expect(item.getByRole('textbox', { name: 'Reply' })).toHaveValue('Hi {name}');
    await item.getByRole('textbox', { name: 'Reply' }).fill('Hi {nmae}, the price list is on its way.');
    await expect(item.getByText('did you mean {name}?')).toBeVisible();
    await item.getByRole('textbox', { name: 'Reply' }).fill('Hi {name}, the price list is on its way.');
    await expect(item.getByText('did you mean {name}?')).toHaveCount(0);
    await expect(item.getByText('Preview: Hi Zhang San, the price list is on its way.')).toBeVisible();
  });
  const regex = await addRule(page, 'Greeting', async (item) => {
    await item.getByRole('radio', { name: 'Matches a regular expression' }).check();
    await item.getByRole('textbox', { name: 'Regular expression' }).fill('(a+)+$');
    await item.getByRole('textbox', { name: 'Reply' }).fill('Hello!');
  });
  // The validator's verdict is inline before any save...
  const pattern = regex.getByRole('textbox', { name: 'Regular expression' });
  await expect(pattern).toHaveAttribute('aria-invalid', 'true');
  await expect(regex.getByText('nested repetition like (a+)+').first()).toBeVisible();
  // ...and Save refuses, listing the problem, and stores nothing.
  await page.getByRole('button', { name: 'Save auto-reply' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Not saved. Please fix:' });
  await expect(alert).toContainText('rule 2 “Greeting”: match.pattern: nested repetition');
  expect((await settingsOf(page)).rules).toEqual([]);

  await pattern.fill('^(hi|hello)\\b');
  await expect(pattern).not.toHaveAttribute('aria-invalid', 'true');
  await save(page);
  expect((await settingsOf(page)).rules.map((r) => r.name)).toEqual(['Prices', 'Greeting']);

  // Reorder: Greeting first. Then duplicate and delete the copy.
  await regex.getByRole('button', { name: 'Move up' }).click();
  await expect(rulesList(page).getByRole('heading')).toHaveText(['1. Greeting', '2. Prices']);
  await rule(page, /Prices$/).getByRole('button', { name: 'Duplicate' }).click();
  await expect(rulesList(page).getByRole('heading')).toHaveText(['1. Greeting', '2. Prices', '3. Prices (copy)']);
  await rule(page, /Prices \(copy\)$/).getByRole('button', { name: 'Delete' }).click();
  await rule(page, /Prices$/).getByRole('checkbox', { name: 'Enabled' }).uncheck();
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  await save(page);

  await page.reload();
  await expect(rulesList(page).getByRole('heading')).toHaveText(['1. Greeting', '2. Prices']);
  await expect(rule(page, /Prices$/).getByRole('checkbox', { name: 'Enabled' })).not.toBeChecked();
  const saved = (await settingsOf(page)).rules;
  expect(saved.map((r) => [r.name, r.enabled])).toEqual([
    ['Greeting', true],
    ['Prices', false],
  ]);
  expect(saved[1]?.match).toEqual({ kind: 'keywords', keywords: ['price', '价格'], caseSensitive: false });
  expect(saved[0]?.match).toEqual({ kind: 'regex', pattern: '^(hi|hello)\\b', flags: 'i' });
  expect(ext.errors).toEqual([]);
});

test('the “I\'m asleep” starter is weekdays 22:00–08:00, everyone, not in groups', async ({ ext }) => {
  const page = await ext.openOptions();
  await page.getByRole('button', { name: 'Add “I\'m asleep” rule' }).click();
  const item = rule(page, /I'm asleep$/);
  for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) await expect(item.getByRole('checkbox', { name: day, exact: true })).toBeChecked();
  for (const day of ['Sat', 'Sun']) await expect(item.getByRole('checkbox', { name: day, exact: true })).not.toBeChecked();
  await expect(item.getByRole('textbox', { name: 'From', exact: true })).toHaveValue('22:00');
  await expect(item.getByRole('textbox', { name: 'To', exact: true })).toHaveValue('08:00');
  await expect(item.getByRole('radio', { name: 'Everyone' })).toBeChecked();
  await expect(item.getByRole('radio', { name: 'Never in groups' })).toBeChecked();
  await expect(item.getByText(/Times are in your time zone: \S+/)).toBeVisible();
  await save(page);
  const [asleep] = (await settingsOf(page)).rules;
  expect(asleep).toMatchObject({
    name: "I'm asleep",
    who: { kind: 'everyone' },
    groups: 'off',
    match: { kind: 'any' },
    kinds: ['text'],
    schedule: { days: [1, 2, 3, 4, 5], windows: [{ start: '22:00', end: '08:00' }] },
  });
  expect(asleep?.reply).toContain('{name}');
});
