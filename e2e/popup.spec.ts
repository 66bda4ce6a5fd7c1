// The popup driven through the QQ simulator (docs/simulator-qq.md): the empty state, account
// chips, the inbox with unread counts, a conversation, sending with states and retry, auto-reply
// markers, keyboard use, the chat window and an accessibility check.
import type { Page } from '@playwright/test';
import { addQqAccount, expect, QQ_UIN, request, seriousViolations, test, openChat } from './popup-fixtures.ts';

async function qqOnline(popup: Page): Promise<string> {
  const accountId = await addQqAccount(popup);
  await expect(popup.locator(`.chip[data-account="${accountId}"]`)).toHaveClass(/chip-online/, { timeout: 30_000 });
  return accountId;
}

const chat = (popup: Page, name: RegExp | string) => popup.getByRole('listbox', { name: 'Chats' }).getByRole('option', { name });

test('empty state leads to the options page', async ({ ext }) => {
  const popup = await ext.openPopup();
  await expect(popup.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  const [options] = await Promise.all([ext.context.waitForEvent('page'), popup.getByRole('button', { name: 'Add account' }).click()]);
  await expect(options).toHaveURL(/options\/index\.html/);
  expect(ext.errors).toEqual([]);
});

test('account chips show each state with its reason and act on it', async ({ ext }) => {
  const popup = await ext.openPopup();
  // A wrong password: needs you, with the server's reason and a way to fix it.
  await request(popup, 'addAccount', { service: 'qq', localId: QQ_UIN, passwordMd5: '0'.repeat(32) });
  const chip = popup.locator('.chip[data-account="qq:10001"]');
  await expect(chip).toHaveClass(/chip-needsUser/, { timeout: 30_000 });
  await expect(chip).toContainText('Wrong password');
  await expect(chip.getByRole('button', { name: 'Fix password' })).toBeVisible();
  // Signed out: one click signs in again (after the right password is set).
  await request(popup, 'setPassword', { accountId: 'qq:10001', passwordMd5: 'bbbf56cdcb4c20fdbf6a982bc92cec8b' });
  await expect(chip).toHaveClass(/chip-online/, { timeout: 30_000 });
  await expect(chip).toContainText('Online');
  await request(popup, 'signOut', { accountId: 'qq:10001' });
  await expect(chip).toHaveClass(/chip-signedOut/);
  await expect(chip).toContainText('You signed out');
  await chip.getByRole('button', { name: /Sign in/ }).click();
  await expect(chip).toHaveClass(/chip-online/, { timeout: 30_000 });
  expect(ext.errors).toEqual([]);
});

test('the inbox orders chats by activity with unread counts; opening one reads it', async ({ ext, control }) => {
  const popup = await ext.openPopup();
  await qqOnline(popup);
  await control.call('qq/inject', { from: '20001', text: 'first' });
  await expect(chat(popup, /小明 Xiaoming/)).toBeVisible();
  await control.call('qq/inject', { messages: [{ from: '20007', text: 'one' }, { from: '20007', text: 'two' }] });
  await expect(chat(popup, /Tom & Jerry/)).toContainText('2 unread');
  const titles = await popup.locator('#inbox-list .row-title').allTextContents();
  expect(titles.slice(0, 2)).toEqual(['Tom & Jerry', '小明 Xiaoming']);

  await openChat(popup, /Tom & Jerry/);
  await expect(popup).toHaveURL(/#\/c\/qq%3A10001%7C20007$/);
  const log = popup.getByRole('log', { name: 'Conversation history' });
  await expect(log.getByText('two')).toBeVisible();
  await expect(log.getByRole('heading', { name: 'Today' })).toBeVisible();
  await popup.getByRole('button', { name: 'Back to chats' }).click();
  await expect(chat(popup, /Tom & Jerry/)).not.toContainText('unread');
  await expect(chat(popup, /小明/)).toContainText('1 unread');

  // Mute is shown in the list; "mark all read" clears the rest.
  await openChat(popup, /小明/);
  await popup.getByRole('button', { name: 'Mute' }).click();
  await expect(popup.getByRole('button', { name: 'Unmute' })).toBeVisible();
  await popup.getByRole('button', { name: 'Back to chats' }).click();
  await expect(chat(popup, /小明/)).toContainText('Muted');
  await control.call('qq/inject', { from: '20002', text: 'hello' });
  await expect(chat(popup, /20002/)).toContainText('1 unread');
  await popup.getByRole('button', { name: 'Mark all read' }).click();
  await expect(popup.locator('#inbox-list')).not.toContainText('unread');
  expect(ext.errors).toEqual([]);
});

test('a popup that cannot read the browser storage says why, and Try again reads it', async ({ ext, control }) => {
  const popup = await ext.openPopup();
  await qqOnline(popup);
  await control.call('qq/inject', { from: '20001', text: 'kept safe' });
  await expect(chat(popup, /小明 Xiaoming/)).toBeVisible();

  // A page whose IndexedDB reads of chats and contacts fail (a test hook in the page, not the product).
  const broken = await ext.context.newPage();
  await broken.addInitScript(() => {
    const scope = globalThis as unknown as { failReads: boolean };
    scope.failReads = true;
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, names: string | string[], ...rest: [IDBTransactionMode?, IDBTransactionOptions?]) {
      const list = typeof names === 'string' ? [names] : [...names];
      if (scope.failReads && list.some((name) => name === 'conversations' || name === 'contacts')) throw new DOMException('Simulated storage failure', 'UnknownError');
      return transaction.call(this, names, ...rest);
    } as IDBDatabase['transaction'];
  });
  await broken.goto(`chrome-extension://${ext.id}/extension/popup/index.html`);
  const alert = broken.getByRole('alert');
  await expect(alert).toContainText("Your chats could not be read from this browser's storage: Simulated storage failure");
  await expect(broken.getByText('No chats yet.')).toHaveCount(0);
  await broken.getByRole('tab', { name: 'Contacts' }).click();
  await expect(alert).toContainText("Contacts could not be read from this browser's storage: Simulated storage failure");
  await expect(broken.getByText('Loading contacts…')).toHaveCount(0);

  // The storage works again: each list is read on request, and nothing was lost.
  await broken.evaluate(() => {
    (globalThis as unknown as { failReads: boolean }).failReads = false;
  });
  await alert.getByRole('button', { name: 'Try again' }).click();
  const firstContact = broken.getByRole('listbox', { name: 'Contacts' }).getByRole('option').first();
  await expect(firstContact).toBeVisible();
  expect(Number(await firstContact.getAttribute('aria-setsize'))).toBeGreaterThan(1);
  await broken.getByRole('tab', { name: 'Chats' }).click();
  await broken.getByRole('alert').getByRole('button', { name: 'Try again' }).click();
  await expect(chat(broken, /小明 Xiaoming/)).toContainText('kept safe');
  await expect(broken.getByRole('alert')).toHaveCount(0);
  expect(ext.errors).toEqual([]);
});

test('sending shows sending then sent; a failed send can be retried', async ({ ext, control }) => {
  const popup = await ext.openPopup();
  await qqOnline(popup);
  await control.call('qq/inject', { from: '20001', text: 'ping me' });
  await openChat(popup, /小明/);
  const box = popup.getByRole('textbox', { name: 'Message' });
  await box.fill('line one');
  await box.press('Shift+Enter');
  await box.pressSequentially('line two');
  await box.press('Enter');
  const mine = popup.locator('.msg.out').last();
  await expect(mine).toContainText('line one\nline two');
  await expect(mine).toContainText('Sent');
  await expect.poll(async () => ((await control.call<{ sent: { text: string }[] }>('qq/sent', {})).sent.map((s) => s.text))).toContain('line one\nline two');

  await control.call('qq/fault', { kind: '5xx', cmd: 'CLTMSG', times: 1 });
  await box.fill('will fail once');
  await box.press('Enter');
  const failed = popup.locator('.msg.out', { hasText: 'will fail once' });
  await expect(failed).toContainText('Not sent');
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(failed).toContainText('Sent');
  await expect(failed).not.toContainText('Not sent');
  await expect.poll(async () => ((await control.call<{ sent: { text: string }[] }>('qq/sent', {})).sent.map((s) => s.text))).toContain('will fail once');
  expect(ext.errors).toEqual([]);
});

test('a send cut off by the worker stopping says so after the restart, instead of "sending" for ever', async ({ ext, control }) => {
  const popup = await ext.openPopup();
  await qqOnline(popup);
  await control.call('qq/inject', { from: '20001', text: 'are you there?' });
  await openChat(popup, /小明/);
  // The server takes the request and holds its answer: the send is in flight when the worker dies.
  await control.call('qq/fault', { kind: 'slow', cmd: 'CLTMSG', delayMs: 120_000 });
  const box = popup.getByRole('textbox', { name: 'Message' });
  await box.fill('cut off');
  await box.press('Enter');
  const mine = popup.locator('.msg.out', { hasText: 'cut off' });
  await expect(mine).toContainText('Sending');
  await ext.killWorker();
  const again = await ext.openPopup();
  await openChat(again, /小明/);
  const after = again.locator('.msg.out', { hasText: 'cut off' });
  await expect(after).toContainText('Not sent');
  await expect(after).toContainText('it may or may not have arrived');
  await expect(after).not.toContainText('Sending');
  expect(ext.errors).toEqual([]);
});

test('the auto-reply switch is always there, and auto-replies carry their rule', async ({ ext, control }) => {
  const popup = await ext.openPopup();
  await qqOnline(popup);
  const toggle = popup.getByRole('switch', { name: 'Auto-reply' });
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
  const rule = {
    id: 'r1', name: 'Pong', enabled: true, services: ['qq'], who: { kind: 'everyone' }, groups: 'off',
    match: { kind: 'keywords', keywords: ['ping'], caseSensitive: false }, kinds: ['text'], schedule: null,
    reply: 'pong', delay: { minSeconds: 0, maxSeconds: 0 }, cooldownMinutes: 0, continue: false,
  };
  await request(popup, 'saveRules', { rules: [rule] });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  await expect.poll(async () => (await request<{ autoReply: { enabled: boolean } }>(popup, 'getSettings', {})).autoReply.enabled).toBe(true);
  await control.call('qq/inject', { from: '20001', text: 'ping' });
  await openChat(popup, /小明/);
  await expect(popup.locator('.msg.out', { hasText: 'pong' })).toContainText('Auto-replied by rule “Pong”', { timeout: 20_000 });
  // Switched off elsewhere (the options page): the popup follows the `settings` event.
  await request(popup, 'setAutoReplyEnabled', { enabled: false });
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
  expect(ext.errors).toEqual([]);
});

test('keyboard: Ctrl+K searches, arrows move, Enter opens, Escape goes back', async ({ ext, control }) => {
  const popup = await ext.openPopup();
  await qqOnline(popup);
  await control.call('qq/inject', { from: '20001', text: 'a' });
  await expect(chat(popup, /小明/)).toBeVisible();
  await control.call('qq/inject', { from: '20007', text: 'b' });
  await expect(chat(popup, /Tom/)).toBeVisible();

  await popup.locator('body').click();
  await popup.keyboard.press('Control+k');
  const search = popup.getByRole('searchbox', { name: 'Search contacts and chats' });
  await expect(search).toBeFocused();
  // Into the inbox: the first row is active, the second one opens.
  await popup.keyboard.press('Tab');
  await popup.keyboard.press('Tab');
  await expect(popup.getByRole('listbox', { name: 'Chats' })).toBeFocused();
  await popup.keyboard.press('ArrowDown');
  await popup.keyboard.press('ArrowDown');
  await expect(chat(popup, /小明/)).toHaveAttribute('aria-selected', 'true');
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('heading', { name: '小明 Xiaoming' })).toBeVisible();
  await expect(popup.getByRole('textbox', { name: 'Message' })).toBeFocused();
  await popup.keyboard.press('Escape');
  await expect(popup.getByRole('listbox', { name: 'Chats' })).toBeFocused();

  // Search, ArrowDown into the results, Enter opens a contact without a conversation yet.
  await popup.keyboard.press('Control+k');
  await search.pressSequentially('Friend 14');
  await expect(popup.getByRole('listbox', { name: 'Search results' }).getByRole('option').first()).toContainText('Friend 14');
  await popup.keyboard.press('ArrowDown');
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('heading', { name: /Friend 14/ })).toBeVisible();
  // Ctrl+K from inside a conversation goes back to search.
  await popup.keyboard.press('Control+k');
  await expect(search).toBeFocused();
  expect(ext.errors).toEqual([]);
});

test('a #/c/ route opens the chat window with two panes', async ({ ext, control }) => {
  const popup = await ext.openPopup();
  await qqOnline(popup);
  await control.call('qq/inject', { from: '20007', text: 'open me' });
  await expect(chat(popup, /Tom/)).toBeVisible();
  const window = await ext.openPopup(`?window=1#/c/${encodeURIComponent('qq:10001|20007')}`);
  await expect(window.getByRole('heading', { name: 'Tom & Jerry' })).toBeVisible();
  await expect(window.getByRole('listbox', { name: 'Chats' })).toBeVisible();
  await expect(window.getByRole('log').getByText('open me')).toBeVisible();
  await expect(window.getByRole('button', { name: 'Back to chats' })).toHaveCount(0);
  await window.getByRole('listbox', { name: 'Chats' }).getByRole('option', { name: /Tom/ }).click();
  expect(ext.errors).toEqual([]);
});

test('QQ friend requests can be approved, rejected or answered with a request back', async ({ ext, control }) => {
  const popup = await ext.openPopup();
  await qqOnline(popup);
  await control.call('qq/friendRequest', { from: '30001', nick: 'Alice <b>', text: 'hi, it is Alice' });
  await control.call('qq/friendRequest', { from: '30002', nick: 'Bob', text: 'Bob here' });
  await control.call('qq/friendRequest', { from: '30003', nick: 'Carol', text: 'Carol here' });
  await popup.getByRole('tab', { name: 'Contacts' }).click();
  const requests = popup.getByRole('region', { name: 'Friend requests' });
  await expect(requests.getByRole('group', { name: /Answer the request from 30001|Alice/ })).toBeVisible();
  await expect(requests).toContainText('hi, it is Alice');
  await requests.getByRole('group', { name: /Alice|30001/ }).getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(requests).toContainText(/Approved/);
  await requests.getByRole('group', { name: /Bob|30002/ }).getByRole('button', { name: 'Reject' }).click();
  await expect(requests).toContainText(/Rejected/);
  await requests.getByRole('group', { name: /Carol|30003/ }).getByRole('button', { name: 'Approve and add back' }).click();
  await expect(requests).toContainText(/asked to add back/);
  await expect(requests.getByRole('group')).toHaveCount(0);
  await expect.poll(async () => (await control.call<{ listedBy: string[] }>('qq/state', {})).listedBy).toContain('30001');
  expect(ext.errors).toEqual([]);
});

test('no serious accessibility violations in the inbox, contacts and a conversation', async ({ ext, control }) => {
  const popup = await ext.openPopup();
  await qqOnline(popup);
  await control.call('qq/inject', { from: '20001', text: 'hello' });
  await expect(chat(popup, /小明/)).toBeVisible();
  expect(await seriousViolations(popup)).toEqual([]);
  await popup.getByRole('tab', { name: 'Contacts' }).click();
  await expect(popup.getByRole('listbox', { name: 'Contacts' })).toBeVisible();
  expect(await seriousViolations(popup)).toEqual([]);
  await popup.getByRole('tab', { name: 'Chats' }).click();
  await openChat(popup, /小明/);
  await expect(popup.getByRole('log').getByText('hello')).toBeVisible();
  expect(await seriousViolations(popup)).toEqual([]);
  await popup.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousViolations(popup)).toEqual([]);
});
