// Both languages: Chromium started with `--lang=zh-CN` gets the zh_CN messages through chrome.i18n.
import { addQqAccount, expect, test } from './popup-fixtures.ts';

test.describe('in Chinese', () => {
  test.use({ lang: 'zh-CN' });

  test('the popup speaks zh_CN, empty and with an account', async ({ localized, control }) => {
    const popup = await localized.openPopup();
    await expect(popup.getByRole('heading', { name: '还没有账号' })).toBeVisible();
    await expect(popup.locator('html')).toHaveAttribute('lang', /^zh/);
    await addQqAccount(popup);
    await expect(popup.locator('.chip')).toContainText('在线', { timeout: 30_000 });
    await control.call('qq/inject', { from: '20001', text: '你好' });
    const inbox = popup.getByRole('listbox', { name: '会话' });
    await expect(inbox.getByRole('option', { name: /小明/ })).toContainText('1 条未读');
    await expect(popup.getByRole('switch', { name: '自动回复' })).toBeVisible();
    await expect(popup.getByRole('button', { name: '全部已读' })).toBeVisible();
    await popup.getByRole('searchbox', { name: '搜索联系人和会话' }).fill('xm');
    await expect(popup.getByRole('listbox', { name: '搜索结果' }).getByRole('option', { name: /小明/ })).toBeVisible();
    await popup.getByRole('searchbox').fill('');
    await inbox.getByRole('option', { name: /小明/ }).click();
    await expect(popup.getByRole('log', { name: '聊天记录' }).getByRole('heading', { name: '今天' })).toBeVisible();
    await expect(popup.getByRole('button', { name: '发送' })).toBeVisible();
  });
});

test('the popup speaks English by default', async ({ localized }) => {
  const popup = await localized.openPopup();
  await expect(popup.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  await expect(popup.locator('html')).toHaveAttribute('lang', /^en/);
});
