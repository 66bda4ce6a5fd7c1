// The options page in Simplified Chinese: Chromium started with --lang=zh-CN (fixture option).
import { expect, seriousViolations, test } from './options-fixtures.ts';

test.use({ lang: 'zh-CN' });

test('speaks Chinese when the browser does, and stays accessible', async ({ localizedOptions: page }) => {
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const nav = page.getByRole('navigation', { name: '栏目' });
  for (const name of ['账号', '自动回复', '规则测试', '自动回复记录', '通知', '数据', '诊断']) {
    await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('heading', { name: '账号', exact: true })).toBeVisible();
  await page.getByRole('button', { name: '添加“我在睡觉”规则' }).click();
  const item = page.getByRole('list', { name: '规则' }).getByRole('listitem', { name: /我在睡觉$/ });
  await expect(item.getByRole('checkbox', { name: '周一' })).toBeChecked();
  await expect(item.getByRole('checkbox', { name: '周日' })).not.toBeChecked();
  await expect(item.getByRole('radio', { name: '所有人' })).toBeChecked();
  await expect(item.getByRole('textbox', { name: '回复内容' })).toHaveValue('{name}你好，我已经睡了，明早回复你。（自动回复）');
  await expect(page.getByRole('button', { name: '保存自动回复' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
