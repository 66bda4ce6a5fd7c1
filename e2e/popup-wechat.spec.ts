// The popup driven through the WeChat simulator (docs/simulator-wechat.md): QR login drawn locally
// with the scanner's avatar, 5,000 contacts searched by remark and pinyin, groups with sender
// names, images, day separators, scroll-back, attachments, and hostile names and messages that
// must stay text.
import type { Page } from '@playwright/test';
import { expect, injectedElements, request, test, openChat, wechatOnline, SCANNER_AVATAR } from './popup-fixtures.ts';

const results = (popup: Page) => popup.getByRole('listbox', { name: 'Search results' });
const chat = (popup: Page, name: RegExp | string) => popup.getByRole('listbox', { name: 'Chats' }).getByRole('option', { name });

test('QR login, then 5,000 contacts searched by name, remark, pinyin initials and full pinyin', async ({ ext, control }) => {
  await control.call('wechat/setAddressBook', { contacts: 5000, groups: 50 });
  const popup = await ext.openPopup();
  await wechatOnline(popup, control);
  await popup.getByRole('tab', { name: 'Contacts' }).click();
  // The list is windowed: thousands of contacts, a few dozen rows in the DOM.
  await expect.poll(async () => popup.getByRole('listbox', { name: 'Contacts' }).getByRole('option').first().getAttribute('aria-setsize'), { timeout: 30_000 }).toMatch(/^\d{4}$/);
  expect(await popup.locator('#contact-list [role=option]').count()).toBeLessThan(60);

  const search = popup.getByRole('searchbox');
  await search.fill('丰哥');
  await expect(results(popup).getByRole('option').first()).toContainText('丰哥');
  await search.fill('zsf');
  await expect(results(popup).getByRole('option', { name: /丰哥/ })).toBeVisible();
  await search.fill('zhangsanfeng');
  await expect(results(popup).getByRole('option', { name: /丰哥/ })).toBeVisible();
  await search.fill('fengge');
  await expect(results(popup).getByRole('option', { name: /丰哥/ })).toBeVisible();
  // Groups show their member counts.
  await search.fill('周末爬山');
  await expect(results(popup).getByRole('option').first()).toContainText(/Group · [1-9]\d*/);
  expect(ext.errors).toEqual([]);
});

test('hostile names and messages appear as text and inject nothing', async ({ ext, control }) => {
  const popup = await ext.openPopup();
  await wechatOnline(popup, control);
  await control.call('wechat/inject', { type: 'text', from: 'wxid_hostile', text: '<script>alert(1)</script><img src=x onerror=alert(2)>' });
  const row = chat(popup, /<img src=x onerror=alert\(1\)>/);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  const log = popup.getByRole('log');
  await expect(log).toContainText('<script>alert(1)</script><img src=x onerror=alert(2)>');
  await expect(popup.getByRole('heading', { name: '<img src=x onerror=alert(1)>' })).toBeVisible();
  await popup.getByRole('button', { name: 'Back to chats' }).click();
  await popup.getByRole('searchbox').fill('onerror');
  await expect(results(popup).getByRole('option', { name: /onerror/ }).first()).toBeVisible();
  expect(await injectedElements(popup)).toEqual([]);
  expect(await popup.evaluate(() => document.querySelectorAll('script').length)).toBe(1);
  expect(ext.errors).toEqual([]);
});

test('groups show sender names, images show thumbnails, days are separated, older pages load on scroll', async ({ ext, control }) => {
  const popup = await ext.openPopup();
  await wechatOnline(popup, control);
  await control.call('wechat/inject', { type: 'text', group: '20001@chatroom', from: 'wxid_xiaoming', text: 'who is in?' });
  await control.call('wechat/inject', { type: 'text', group: '20001@chatroom', from: 'wxid_zhangsanfeng', text: 'me' });
  await control.call('wechat/inject', { type: 'image', group: '20001@chatroom', from: 'wxid_zhangsanfeng' });
  // Rows reorder as each message lands: click only once the group shows its last one.
  await expect(chat(popup, /周末爬山群/)).toContainText('Image');
  await openChat(popup, /周末爬山群/);
  const log = popup.getByRole('log');
  // A name above each run of messages from one member (the group card when there is one).
  await expect(log.locator('.msg', { hasText: 'me' }).locator('.sender')).toHaveText('张三丰', { timeout: 30_000 });
  await expect(log.locator('.sender', { hasText: '明明' }).first()).toBeVisible();
  await expect(log.getByRole('img', { name: 'Image' })).toBeVisible();
  await popup.getByRole('button', { name: 'Back to chats' }).click();

  // 120 messages over five days, one conversation.
  for (let i = 0; i < 120; i++) {
    await control.call('wechat/inject', { type: 'text', from: 'wxid_xiaoming', text: `history ${i}`, ageSeconds: (120 - i) * 3600 });
  }
  await expect(chat(popup, /小明/)).toContainText('history 119', { timeout: 60_000 });
  await openChat(popup, /小明/);
  await expect(log.getByText('history 119')).toBeVisible();
  await expect(log.getByText('history 10', { exact: true })).toHaveCount(0);
  expect(await log.getByRole('heading').count()).toBeGreaterThan(1);
  // Scroll back until the start of the stored history.
  await expect
    .poll(
      async () => {
        await log.evaluate((el) => {
          el.scrollTop = 0;
          el.dispatchEvent(new Event('scroll'));
        });
        return log.getByText('Start of the stored history').count();
      },
      { timeout: 30_000 },
    )
    .toBe(1);
  await expect(log.getByText('history 0', { exact: true })).toHaveCount(1);
  expect(await log.getByRole('heading').count()).toBeGreaterThanOrEqual(5);
  expect(ext.errors).toEqual([]);
});

test('WeChat takes images and files from the composer', async ({ ext, control }) => {
  const popup = await ext.openPopup();
  await wechatOnline(popup, control);
  await control.call('wechat/inject', { type: 'text', from: 'wxid_zhangsanfeng', text: 'send me the file' });
  await openChat(popup, /丰哥/);
  const png = Buffer.from(SCANNER_AVATAR.slice(SCANNER_AVATAR.indexOf(',') + 1), 'base64');
  await popup.locator('.composer input[type=file]').setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: png });
  await expect(popup.locator('.msg.out').last()).toContainText('Sent', { timeout: 30_000 });
  await popup.locator('.composer input[type=file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(popup.locator('.msg.out', { hasText: 'notes.txt' })).toContainText('Sent', { timeout: 30_000 });
  expect(ext.errors).toEqual([]);
});

test('the Weibo banner offers the account found on weibo.com', async ({ ext }) => {
  const popup = await ext.openPopup();
  await request(popup, 'addAccount', { service: 'qq', localId: '10001', passwordMd5: 'bbbf56cdcb4c20fdbf6a982bc92cec8b' });
  await request(popup, 'weiboUidSeen', { uid: '5432167890' });
  const banner = popup.getByRole('region', { name: 'Weibo account found' });
  await expect(banner).toContainText('Weibo account 5432167890 found');
  await banner.getByRole('button', { name: 'Connect' }).click();
  await expect(banner).toHaveCount(0);
  await expect(popup.locator('.chip[data-account="weibo:5432167890"]')).toBeVisible();
  expect(ext.errors).toEqual([]);
});

test('a blocked web login says so and offers to try again', async ({ ext, control }) => {
  await control.call('wechat/configure', { forbidWeb: true });
  const popup = await ext.openPopup();
  const { accountId } = await request<{ accountId: string }>(popup, 'addAccount', { service: 'wechat' });
  const chip = popup.locator(`.chip[data-account="${accountId}"]`);
  await expect(chip.getByRole('img', { name: /WeChat login QR code/ })).toBeVisible({ timeout: 30_000 });
  await control.call('wechat/confirm', {});
  await expect(chip).toContainText('Web login blocked', { timeout: 30_000 });
  await control.call('wechat/configure', { forbidWeb: false });
  await chip.getByRole('button', { name: 'Try again' }).click();
  await expect(chip.getByRole('img', { name: /WeChat login QR code/ })).toBeVisible({ timeout: 30_000 });
  expect(ext.errors).toEqual([]);
});
