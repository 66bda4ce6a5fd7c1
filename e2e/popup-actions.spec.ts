// The popup's account actions against the simulators (docs/ui.md "Account actions"): QQ status
// (Change_Stat), profiles on demand (GetInfo LV=2), finding and adding people (GetInfo / Finger,
// AddToList), removing a friend (DelFromList), and recalling a just-sent WeChat message.
import type { Page } from '@playwright/test';
import type { SimControl } from './sim-control.ts';
import { addQqAccount, expect, injectedElements, seriousViolations, test, openChat, wechatOnline } from './popup-fixtures.ts';

async function qqOnline(popup: Page): Promise<string> {
  const accountId = await addQqAccount(popup);
  await expect(popup.locator(`.chip[data-account="${accountId}"]`)).toHaveClass(/chip-online/, { timeout: 30_000 });
  return accountId;
}

const qqState = (control: SimControl) => control.call<{ status: number; friendUins: string[]; outgoing: string[] }>('qq/state', {});

/** Search the contacts and click the (mouse-only) Profile mark of the first matching row. */
async function profileFromSearch(popup: Page, query: string, name: RegExp) {
  await popup.getByRole('searchbox', { name: 'Search contacts and chats' }).fill(query);
  const row = popup.getByRole('listbox', { name: 'Search results' }).getByRole('option', { name });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await row.locator('.row-action').click();
}

test('QQ status: online, busy and offline reach the server; away is not offered; a failure is shown', async ({ ext, control }) => {
  const popup = await ext.openPopup();
  const accountId = await qqOnline(popup);
  const chip = popup.locator(`.chip[data-account="${accountId}"]`);
  const select = chip.getByRole('combobox', { name: /QQ status of/ });
  await expect(select.locator('option')).toHaveText(['Online', 'Busy', 'Offline']);

  await select.selectOption('busy');
  await expect(chip.getByRole('status')).toHaveText('QQ status set to busy');
  await expect.poll(async () => (await qqState(control)).status).toBe(30);
  await select.selectOption('offline');
  await expect(chip.getByRole('status')).toHaveText('QQ status set to offline');
  await expect.poll(async () => (await qqState(control)).status).toBe(20);

  // The server fails once: the error is shown and the select goes back to what QQ accepted.
  await control.call('qq/fault', { kind: '5xx', cmd: 'Change_Stat', times: 1 });
  await select.selectOption('online');
  await expect(chip.getByRole('alert')).toBeVisible();
  await expect(select).toHaveValue('offline');
  expect((await qqState(control)).status).toBe(20);
  await select.selectOption('online');
  await expect(chip.getByRole('status')).toHaveText('QQ status set to online');
  await expect.poll(async () => (await qqState(control)).status).toBe(10);
  expect(ext.errors).toEqual([]);
});

test('a QQ profile on demand, from a contact row (mouse and Alt+Enter) and from the conversation header', async ({ ext, control }) => {
  const popup = await ext.openPopup();
  await qqOnline(popup);
  await popup.getByRole('tab', { name: 'Contacts' }).click();
  await profileFromSearch(popup, 'Xiaoming', /小明 Xiaoming/);
  const dialog = popup.getByRole('dialog', { name: 'Profile of 小明 Xiaoming' });
  await expect(dialog).toBeVisible();
  // Fields from GetInfo LV=2 (the simulator's generated profile), as text.
  await expect(dialog).toContainText('user20001@example.com');
  await expect(dialog).toContainText('Hello, I am 小明 Xiaoming.');
  await expect(dialog).toContainText('网络为媒, 信息为本');
  await expect(dialog.locator('dd', { hasText: /^20001$/ })).toBeVisible();
  await expect(dialog).toContainText(/Status\s*online/);
  expect(await seriousViolations(popup)).toEqual([]);
  await popup.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(popup.getByRole('listbox', { name: 'Search results' })).toBeFocused();

  // Keyboard: the list says it takes Alt+Enter; focus comes back to the list after Close.
  const results = popup.getByRole('listbox', { name: 'Search results' });
  await expect(results).toHaveAttribute('aria-keyshortcuts', 'Alt+Enter');
  await popup.keyboard.press('ArrowDown');
  await popup.keyboard.press('Alt+Enter');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(results).toBeFocused();

  // From an open conversation: Escape closes the dialog only, not the conversation.
  await popup.getByRole('searchbox', { name: 'Search contacts and chats' }).fill('');
  await control.call('qq/inject', { from: '20007', text: 'profile please' });
  await popup.getByRole('tab', { name: 'Chats' }).click();
  await openChat(popup, /Tom & Jerry/);
  const profileButton = popup.getByRole('button', { name: 'Profile' });
  await profileButton.click();
  const tom = popup.getByRole('dialog', { name: 'Profile of Tom & Jerry' });
  await expect(tom).toContainText('user20007@example.com');
  await popup.keyboard.press('Escape');
  await expect(tom).toHaveCount(0);
  await expect(popup.getByRole('heading', { name: 'Tom & Jerry' })).toBeVisible();
  await expect(profileButton).toBeFocused();

  // QQ messages cannot be recalled: no Recall action on a sent QQ message.
  const box = popup.getByRole('textbox', { name: 'Message' });
  await box.fill('qq cannot recall');
  await box.press('Enter');
  const mine = popup.locator('.msg.out', { hasText: 'qq cannot recall' });
  await expect(mine).toContainText('Sent');
  await expect(mine.getByRole('button', { name: 'Recall' })).toHaveCount(0);
  expect(await injectedElements(popup)).toEqual([]);
  expect(ext.errors).toEqual([]);
});

test('find people: one needs verification (request sent), one is added at once, one refuses everyone', async ({ ext, control }) => {
  await control.call('qq/user', { uin: '30006', nick: 'Open Door', auth: 0 });
  await control.call('qq/user', { uin: '30007', nick: 'Closed Door', auth: 3 });
  const popup = await ext.openPopup();
  await qqOnline(popup);
  await popup.getByRole('tab', { name: 'Contacts' }).click();
  const toggle = popup.getByRole('button', { name: 'Find people' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const form = popup.getByRole('search', { name: 'Find people on QQ' });
  const query = form.getByRole('textbox');
  const people = popup.getByRole('list', { name: 'People found' });

  // A stranger who requires verification: the request goes out with the message typed.
  await query.fill('30005');
  await form.getByRole('button', { name: 'Search' }).click();
  await expect(people.getByRole('listitem')).toHaveCount(1);
  await expect(people).toContainText('QQ用户30005');
  await popup.getByRole('textbox', { name: 'Message for verification (optional)' }).fill('hello from e2e');
  await people.getByRole('button', { name: 'Add QQ用户30005 as a friend' }).click();
  await expect(popup.locator('.find-status').last()).toContainText('requires verification');
  await expect(people.locator('[data-person="30005"]')).toContainText('Request sent');
  await expect.poll(async () => (await control.records('qq', 'ack')).map((r) => r.detail as { peer: string; cd: number; reason: string })).toContainEqual(
    expect.objectContaining({ peer: '30005', cd: 2, reason: 'hello from e2e' }),
  );

  // Someone who lets anyone add them: in the friend list at once.
  await query.fill('30006');
  await query.press('Enter');
  await expect(people).toContainText('Open Door');
  await people.getByRole('button', { name: 'Add Open Door as a friend' }).click();
  await expect(popup.locator('.find-status').last()).toContainText('is now in your friend list');
  await expect(people.locator('[data-person="30006"]')).toContainText('Added');
  await expect.poll(async () => (await qqState(control)).friendUins).toContain('30006');

  // Someone who refuses everyone: the server's refusal is an alert.
  await query.fill('30007');
  await query.press('Enter');
  await expect(people).toContainText('Closed Door');
  await people.getByRole('button', { name: 'Add Closed Door as a friend' }).click();
  await expect(popup.getByRole('alert')).toContainText('does not accept friend requests');
  await expect(people.getByRole('button', { name: 'Add Closed Door as a friend' })).toBeVisible();

  // Finger: search by conditions.
  await query.fill('sex=f');
  await query.press('Enter');
  await expect(popup.locator('.find-status').first()).toHaveText(/^\d+ found$/);
  expect(await seriousViolations(popup)).toEqual([]);

  // The new friend is in the contacts now, by the name the search found.
  await popup.getByRole('searchbox', { name: 'Search contacts and chats' }).fill('Open Door');
  await expect(popup.getByRole('listbox', { name: 'Search results' }).getByRole('option', { name: /Open Door/ })).toBeVisible();
  expect(ext.errors).toEqual([]);
});

test('remove a friend from the profile, after a confirmation', async ({ ext, control }) => {
  const popup = await ext.openPopup();
  await qqOnline(popup);
  await popup.getByRole('tab', { name: 'Contacts' }).click();
  await profileFromSearch(popup, 'Tom', /Tom & Jerry/);
  const dialog = popup.getByRole('dialog', { name: 'Profile of Tom & Jerry' });
  const ask = dialog.getByRole('button', { name: 'Remove friend' });
  await ask.click();
  const confirm = dialog.getByRole('group', { name: 'Remove Tom & Jerry from your QQ friends?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(ask).toBeFocused();
  expect((await qqState(control)).friendUins).toContain('20007');

  await ask.click();
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(dialog.getByRole('status').last()).toContainText('Tom & Jerry removed from your friend list');
  await expect.poll(async () => (await qqState(control)).friendUins).not.toContain('20007');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(popup.getByRole('listbox', { name: 'Search results' }).getByRole('option', { name: /Tom & Jerry/ })).toHaveCount(0);
  expect(ext.errors).toEqual([]);
});

test('WeChat: recall a just-sent message; no Recall on incoming or old messages', async ({ ext, control }) => {
  const popup = await ext.openPopup();
  await wechatOnline(popup, control);
  await control.call('wechat/inject', { type: 'text', from: 'wxid_xiaoming', text: 'hi there' });
  await openChat(popup, /小明/);
  const log = popup.getByRole('log');
  await expect(log.getByText('hi there')).toBeVisible({ timeout: 30_000 });
  // Sent from the phone five minutes ago: ours, but past WeChat's 2-minute window.
  await control.call('wechat/inject', { type: 'text', fromSelf: true, to: 'wxid_xiaoming', text: 'an old one', ageSeconds: 300 });
  await expect(log.getByText('an old one')).toBeVisible();

  const box = popup.getByRole('textbox', { name: 'Message' });
  await box.fill('recall me');
  await box.press('Enter');
  const mine = log.locator('.msg.out', { hasText: 'recall me' });
  await expect(mine).toContainText('Sent');
  await expect(log.locator('.msg.in', { hasText: 'hi there' }).getByRole('button', { name: 'Recall' })).toHaveCount(0);
  await expect(log.locator('.msg.out', { hasText: 'an old one' }).getByRole('button', { name: 'Recall' })).toHaveCount(0);

  await mine.getByRole('button', { name: 'Recall' }).click();
  await expect(mine).toContainText('(you recalled this message)');
  await expect(mine.getByRole('button', { name: 'Recall' })).toHaveCount(0);
  await expect.poll(async () => (await control.call<{ revokes: { ret: number }[] }>('wechat/sent', {})).revokes.map((r) => r.ret)).toEqual([0]);

  // The worker stored it (the simulator's 10002 echo): still recalled after the popup reopens.
  await popup.reload();
  await expect(popup.getByRole('log').locator('.msg.out', { hasText: 'recall me' })).toContainText('(you recalled this message)');
  expect(ext.errors).toEqual([]);
});

test('WeChat: the Recall action disappears when the 2 minutes are over', async ({ ext, control }) => {
  const popup = await ext.openPopup();
  // The popup's clock only (the worker keeps real time): time flows, and can jump ahead.
  await popup.clock.install();
  await popup.reload();
  await wechatOnline(popup, control);
  await control.call('wechat/inject', { type: 'text', from: 'wxid_xiaoming', text: 'hello' });
  await openChat(popup, /小明/);
  const box = popup.getByRole('textbox', { name: 'Message' });
  await box.fill('soon too late');
  await box.press('Enter');
  const mine = popup.getByRole('log').locator('.msg.out', { hasText: 'soon too late' });
  await expect(mine.getByRole('button', { name: 'Recall' })).toBeVisible();
  await popup.clock.fastForward('02:01');
  await expect(mine.getByRole('button', { name: 'Recall' })).toHaveCount(0);
  expect(ext.errors).toEqual([]);
});
