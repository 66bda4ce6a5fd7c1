// QQ through the whole engine in Chromium: account added through the typed contract, the real
// connector against the simulator, everything stored, reply byte-exact, expiry and worker death.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const PASSWORD_MD5 = 'bbbf56cdcb4c20fdbf6a982bc92cec8b'; // md5('switchboard'), the simulator's default account
/**
 * A message to a quiet account (no chat in the last few minutes) waits for the next GetMsgEx, up to
 * 24 s apart while quiet (services/qq/poll-pace.ts): longer than the configured expect timeout (15 s).
 */
const QUIET_POLL = { timeout: 45_000 };

type Reply = { ok: boolean; value?: unknown; error?: string };
const ask = (page: Page, type: string, payload: object) =>
  page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }) as Promise<Reply>, [type, payload] as const);

const accountState = (page: Page) =>
  ask(page, 'snapshot', {}).then((r) => (r.value as { states: { accountId: string; status: string }[] }).states.find((s) => s.accountId === 'qq:10001')?.status);

const countContacts = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('switchboard');
        open.onsuccess = () => {
          const request = open.result.transaction('contacts').objectStore('contacts').index('byAccount').count('qq:10001');
          request.onsuccess = () => resolve(request.result);
        };
      }),
  );

const messagesOf = (page: Page, conversationId: string) =>
  page.evaluate(
    (id) =>
      new Promise<{ text: string; direction: string; state?: string }[]>((resolve) => {
        const open = indexedDB.open('switchboard');
        open.onsuccess = () => {
          const range = IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]);
          const request = open.result.transaction('messages').objectStore('messages').index('byConversation').getAll(range);
          request.onsuccess = () => resolve(request.result);
        };
      }),
    conversationId,
  );

test('a QQ account goes online, lists its friends, receives and answers messages byte-exact', async ({ ext, control }) => {
  const page = await ext.openPopup();
  expect(await ask(page, 'addAccount', { service: 'qq', localId: '10001', passwordMd5: PASSWORD_MD5 })).toMatchObject({ ok: true });
  await expect.poll(() => accountState(page)).toBe('online');
  await expect.poll(() => countContacts(page)).toBeGreaterThanOrEqual(130);

  const tricky = 'a,b & c=d 100% 你好\r\nline two';
  await control.call('qq/inject', { from: 20007, text: tricky });
  await expect.poll(async () => (await messagesOf(page, 'qq:10001|20007')).map((m) => m.text), QUIET_POLL).toContain(tricky);

  const reply = '好的, Tom & Jerry: 50% = half; ok?';
  expect(await ask(page, 'sendText', { conversationId: 'qq:10001|20007', text: reply })).toMatchObject({ ok: true });
  await expect.poll(async () => (await control.call<{ sent: { to: number; text: string }[] }>('qq/sent')).sent.map((s) => s.text)).toContain(reply);
  await expect.poll(async () => (await messagesOf(page, 'qq:10001|20007')).find((m) => m.direction === 'out')?.state).toBe('sent');
  expect(ext.errors).toEqual([]);
});

test('QQ session expiry: one re-login, nothing lost; a killed worker resumes polling', async ({ ext, control }) => {
  const page = await ext.openPopup();
  await ask(page, 'addAccount', { service: 'qq', localId: '10001', passwordMd5: PASSWORD_MD5 });
  await expect.poll(() => accountState(page)).toBe('online');
  await control.call('qq/expire', {});
  await control.call('qq/inject', { from: 20001, text: 'after expiry' });
  await expect.poll(async () => (await messagesOf(page, 'qq:10001|20001')).map((m) => m.text), QUIET_POLL).toContain('after expiry');
  const logins = (await control.records('qq', 'login')).length;
  expect(logins).toBe(2);

  await ext.killWorker();
  await control.call('qq/inject', { from: 20001, text: 'after the worker died' });
  const again = await ext.openPopup();
  await expect.poll(async () => (await messagesOf(again, 'qq:10001|20001')).map((m) => m.text)).toContain('after the worker died');
  const texts = (await messagesOf(again, 'qq:10001|20001')).map((m) => m.text);
  expect(texts.filter((t) => t === 'after expiry')).toHaveLength(1);
});
