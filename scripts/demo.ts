// `npm run demo`: build, start the simulator with its scripted friends, open Debian's Chromium with
// the extension and the real host names mapped to the simulator, connect a demo account on each
// service the way a user would, and open the popup as a tab. Headed when a display exists (the
// browser stays open until Ctrl+C); otherwise headless: it prints what it did, saves screenshots to
// demo-out/ and exits.
import { execSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { chromiumPath, QUIET_FLAGS } from './chromium-path.ts';
import { startSimulator } from '../e2e/sim/server.ts';
import { ALL_MODULES } from '../e2e/sim/modules.ts';

// `--screenshots DIR` (npm run screenshots): headless, write the README screenshots to DIR.
const screenshotsAt = process.argv.indexOf('--screenshots');
const OUT = resolve('demo-out');
const SHOTS = screenshotsAt >= 0 ? resolve(process.argv[screenshotsAt + 1] ?? 'docs/screenshots') : OUT;
const headed = !!process.env.DISPLAY && !process.env.CI && screenshotsAt < 0;
const say = (line: string) => console.log(`demo: ${line}`);

say('building the extension (dist/)');
execSync('npx vite build && npx tsx scripts/check-build.ts', { stdio: 'inherit' });

const sim = await startSimulator({ modules: ALL_MODULES, demo: true });
say(`simulator up; control API at ${sim.controlUrl}`);
const control = async (path: string, body: object = {}) => {
  const response = await fetch(`${sim.controlUrl}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await response.json()) as Record<string, unknown>;
};

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
mkdirSync(SHOTS, { recursive: true });
const dist = resolve('dist');
const context: BrowserContext = await chromium.launchPersistentContext(resolve(OUT, 'profile'), {
  executablePath: chromiumPath(),
  headless: !headed,
  viewport: { width: 1100, height: 760 },
  args: [
    `--disable-extensions-except=${dist}`,
    `--load-extension=${dist}`,
    `--host-resolver-rules=${sim.hostRules}`,
    '--ignore-certificate-errors',
    ...QUIET_FLAGS,
  ],
});
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionId = new URL(worker.url()).host;
const page = (path: string) => `chrome-extension://${extensionId}/${path}`;
say(`extension loaded (id ${extensionId})`);

const ask = (p: Page, type: string, payload: object) =>
  p.evaluate(([t, body]) => chrome.runtime.sendMessage({ type: t, payload: body }), [type, payload] as const);
const statusOf = async (p: Page, accountId: string) => {
  const reply = (await ask(p, 'snapshot', {})) as { value?: { states: { accountId: string; status: string; needs?: { kind: string } }[] } };
  return reply.value?.states.find((s) => s.accountId === accountId);
};
async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T | undefined> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  say(`(gave up waiting for ${what})`);
  return undefined;
}

const options = await context.newPage();
await options.goto(page('extension/options/index.html'));

// QQ: number and password, as typed in Settings (the page sends only the MD5 digest).
await ask(options, 'addAccount', { service: 'qq', localId: '10001', passwordMd5: 'bbbf56cdcb4c20fdbf6a982bc92cec8b' });
say('QQ 10001 added; ' + ((await waitFor('QQ online', async () => ((await statusOf(options, 'qq:10001'))?.status === 'online' ? 'online' : undefined))) ?? 'not online'));

// Weibo: log in on (simulated) weibo.com; the content script notices the uid.
const weibo = await context.newPage();
await weibo.goto('https://weibo.com/login?uid=1234567890&nick=%E6%BC%94%E7%A4%BA%E7%94%A8%E6%88%B7');
say('logged in on weibo.com as uid 1234567890');
await ask(options, 'addAccount', { service: 'weibo', localId: '1234567890' });
say('Weibo 1234567890 added; ' + ((await waitFor('Weibo online', async () => ((await statusOf(options, 'weibo:1234567890'))?.status === 'online' ? 'online' : undefined))) ?? 'not online'));
await weibo.close();

// WeChat: the popup shows a QR code; the simulated phone scans and confirms it.
const wechat = (await ask(options, 'addAccount', { service: 'wechat' })) as { value?: { accountId: string } };
const wechatId = wechat.value?.accountId ?? '';
const qr = await waitFor('WeChat QR', async () => ((await statusOf(options, wechatId))?.needs?.kind === 'scanQr' ? true : undefined));
if (qr) {
  await control('wechat/scan', {});
  await control('wechat/confirm', {});
  say('WeChat QR scanned and confirmed on the simulated phone');
}
say('WeChat ' + ((await waitFor('WeChat online', async () => ((await statusOf(options, wechatId))?.status === 'online' ? 'online' : undefined))) ?? 'not online'));

// Some traffic so the inbox has something to show.
await control('qq/inject', { from: 20007, text: '周末一起吃饭吗？' });
await control('weibo/inject', { from: 1669879400, text: '你好！这是一条微博私信。' });
await control('wechat/inject', { type: 'text', from: 'wxid_zhangsanfeng', text: '在吗？晚上七点开会 😀' });
await control('wechat/inject', { type: 'text', group: '20001@chatroom', from: 'wxid_xiaoming', text: '周六早上八点集合，别迟到！' });
const conversations = () =>
  options.evaluate(
    () =>
      new Promise<number>((done) => {
        const open = indexedDB.open('switchboard');
        open.onsuccess = () => {
          const count = open.result.transaction('conversations').objectStore('conversations').count();
          count.onsuccess = () => done(count.result);
        };
      }),
  );
say(`${(await waitFor('the demo traffic', async () => ((await conversations()) >= 6 ? await conversations() : undefined))) ?? 'not all'} conversations in the inbox`);

const popup = await context.newPage();
await popup.setViewportSize({ width: 400, height: 600 });
await popup.goto(page('extension/popup/index.html'));
await popup.getByRole('listbox', { name: 'Chats' }).getByRole('option').first().waitFor();
await popup.screenshot({ path: resolve(SHOTS, 'popup.png') });

const chatWindow = await context.newPage();
await chatWindow.setViewportSize({ width: 1000, height: 640 });
await chatWindow.goto(page(`extension/popup/index.html?window=1#/c/${encodeURIComponent('qq:10001|20007')}`));
await chatWindow.getByRole('log').getByText('周末一起吃饭吗').waitFor();
await chatWindow.screenshot({ path: resolve(SHOTS, 'chat-window.png') });
await chatWindow.close();
await options.reload();
await options.waitForTimeout(800);
await options.screenshot({ path: resolve(SHOTS, 'options.png'), fullPage: true });
say(`screenshots in ${SHOTS}: popup.png, chat-window.png, options.png`);

if (headed) {
  const chatWindow = await context.newPage();
  await chatWindow.goto(page('extension/popup/index.html?window=1'));
  say('the chat window is open. Send yourself messages with, for example:');
  say(`  curl -s -X POST ${sim.controlUrl}/qq/inject -d '{"from":20001,"text":"hello"}'`);
  say('Ctrl+C to stop.');
  process.on('SIGINT', () => void context.close().then(() => sim.close()).then(() => process.exit(0)));
} else {
  await context.close();
  await sim.close();
  say('done (headless). Set DISPLAY to get a real browser window.');
}
