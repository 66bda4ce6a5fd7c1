// Weibo DMs in Chromium against the faye-based simulator: connect from the weibo.com banner, roster
// and DMs in the popup with a notification, a reply the simulator sees, a server restart, a worker
// killed mid-connect, and hostile JSONP that must never run.
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { asker, readStore } from './idb.ts';
import type { SimControl } from './sim-control.ts';
import type { Message } from '../extension/shared/domain.ts';

const UID = '1234567890';
const ACCOUNT = `weibo:${UID}`;
const FRIEND = '2000000001';

type WeiboState = { restarts: number; clients: { uid: string; subscriptions: string[]; connects: number }[] };

/** A client of ours is subscribed to its channel again (after a start or a server restart). */
async function subscribed(control: SimControl, restarts: number) {
  await expect
    .poll(async () => {
      const state = await control.call<WeiboState>('weibo/state');
      return state.restarts === restarts && state.clients.some((c) => c.uid === UID && c.subscriptions.length > 0 && c.connects > 0);
    }, { timeout: 30_000 })
    .toBe(true);
}

async function connectFromBanner(ext: { context: BrowserContext; openPopup(q?: string): Promise<Page> }, control: SimControl) {
  await control.call('weibo/setRoster', { uid: UID, contacts: [{ uid: FRIEND, nick: '李雷', online: true }, { uid: '2000000002', nick: '韩梅梅', online: false }] });
  const site = await ext.context.newPage();
  await site.goto(`https://weibo.com/login?uid=${UID}&nick=Me`);
  const popup = await ext.openPopup();
  // The content script reports at document_idle; wait for the worker to have heard it.
  const ask = asker(popup);
  await expect.poll(async () => ((await ask('snapshot', {})).value as { weiboUidSeen?: string }).weiboUidSeen).toBe(UID);
  await site.close();
  const banner = popup.getByRole('region', { name: 'Weibo account found' });
  await expect(banner).toContainText(UID);
  await banner.getByRole('button', { name: 'Connect' }).click();
  await expect(popup.locator(`.chip[data-account="${ACCOUNT}"]`)).toHaveClass(/chip-online/, { timeout: 30_000 });
  return popup;
}

const dmTexts = async (page: Page) => (await readStore<Message>(page, 'messages')).filter((m) => m.accountId === ACCOUNT).map((m) => m.text);

test('connect from weibo.com, see the roster, read a DM with a notification, reply', async ({ ext, control }) => {
  const popup = await connectFromBanner(ext, control);
  await subscribed(control, 0);

  await popup.getByRole('tab', { name: 'Contacts' }).click();
  await expect(popup.getByText('李雷')).toBeVisible();
  await expect(popup.getByText('韩梅梅')).toBeVisible();
  await popup.getByRole('tab', { name: 'Chats' }).click();

  await control.call('weibo/inject', { from: FRIEND, text: '在吗？<b>not bold</b> & more' });
  const row = popup.getByRole('listbox', { name: 'Chats' }).getByRole('option', { name: /李雷/ });
  await expect(row).toContainText('1 unread');
  const notifications = await ext.worker.evaluate(() => chrome.notifications.getAll());
  expect(Object.keys(notifications).some((id) => id.includes(`${ACCOUNT}|${FRIEND}`))).toBe(true);

  await row.click();
  const log = popup.getByRole('log', { name: 'Conversation history' });
  await expect(log.getByText('在吗？<b>not bold</b> & more')).toBeVisible();
  expect(await popup.locator('.list-pane b, [role="log"] b').count()).toBe(0);
  await popup.getByRole('textbox', { name: 'Message' }).fill('好的，马上来 & see you');
  await popup.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect.poll(async () => (await control.call<{ sent: { to: string; text: string }[] }>('weibo/sent')).sent).toContainEqual(
    expect.objectContaining({ to: FRIEND, text: '好的，马上来 & see you' }),
  );
  expect(ext.errors).toEqual([]);
});

test('a server restart means a new handshake, and later DMs still arrive', async ({ ext, control }) => {
  const popup = await connectFromBanner(ext, control);
  await subscribed(control, 0);
  await control.call('weibo/restart');
  await subscribed(control, 1);
  await control.call('weibo/inject', { from: FRIEND, text: 'after the restart' });
  await expect.poll(() => dmTexts(popup)).toContain('after the restart');
});

test('a worker killed mid-connect resumes with nothing lost or doubled', async ({ ext, control }) => {
  const popup = await connectFromBanner(ext, control);
  await subscribed(control, 0);
  await control.call('weibo/inject', { from: FRIEND, text: 'before the kill' });
  await expect.poll(() => dmTexts(popup)).toContain('before the kill');
  // The connect is a long-poll: it is always in flight, so any kill is a kill mid-connect.
  await ext.killWorker();
  await control.call('weibo/inject', { from: FRIEND, text: 'during the restart' });
  await ext.killWorker();
  await control.call('weibo/inject', { from: FRIEND, text: 'after the kills' });
  const page = await ext.openPopup();
  await expect.poll(() => dmTexts(page)).toContain('after the kills');
  const texts = await dmTexts(page);
  for (const text of ['before the kill', 'during the restart', 'after the kills']) expect(texts.filter((t) => t === text), text).toHaveLength(1);
});

test('hostile JSONP is a protocol error, never code, and the loop keeps running', async ({ ext, control }) => {
  const popup = await connectFromBanner(ext, control);
  await subscribed(control, 0);
  const ask = asker(popup);
  for (const kind of ['hostile', 'prefix', 'wrongCallback']) await control.call('weibo/fault', { kind, target: 'connect' });
  // Release the held connect so the faults are served in turn.
  await control.call('weibo/inject', { from: FRIEND, text: 'release' });
  await expect
    .poll(async () => {
      const { entries } = (await ask('diagnostics', { accountId: ACCOUNT })).value as { entries: { raw?: string }[] };
      return ['alert(1)', 'x();'].every((needle) => entries.some((e) => e.raw?.includes(needle)));
    }, { timeout: 30_000 })
    .toBe(true);
  expect(await popup.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await control.call('weibo/inject', { from: FRIEND, text: 'still working' });
  await expect.poll(() => dmTexts(popup), { timeout: 30_000 }).toContain('still working');
  await expect(popup.locator(`.chip[data-account="${ACCOUNT}"]`)).toHaveClass(/chip-online/, { timeout: 30_000 });
});
