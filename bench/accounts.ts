// Signing accounts in the way a user does (scripts/demo.ts): typed requests from one of our pages,
// the simulated phone confirming WeChat's QR, a weibo.com login in a tab. And the auto-reply set-up
// the latency and burst runs share.
import { defaultRule, type Rule } from '../extension/shared/rules.ts';
import type { BenchExtension } from './browser.ts';
import type { Probe } from './sim-probe.ts';

export const QQ_ACCOUNT = { uin: '10001', passwordMd5: 'bbbf56cdcb4c20fdbf6a982bc92cec8b' } as const;
export const WEIBO_UID = '1234567890';

export async function signInWechat(ext: BenchExtension, probe: Probe, login: { family?: string; uin?: number } = {}): Promise<string> {
  const { accountId } = await ext.ask<{ accountId: string }>('addAccount', { service: 'wechat' });
  await ext.waitForStatus(accountId, (s) => s.needs?.kind === 'scanQr', 'the WeChat QR code');
  await probe.control('wechat', 'confirm', login);
  // A large address book takes a while to page through (webwxgetcontact, 1,000 a page).
  await ext.waitForStatus(accountId, (s) => s.status === 'online', 'WeChat online', 120_000);
  return accountId;
}

export async function signInWeibo(ext: BenchExtension): Promise<string> {
  const page = await ext.context.newPage();
  await page.goto(`https://weibo.com/login?uid=${WEIBO_UID}&nick=bench`);
  await page.close();
  const { accountId } = await ext.ask<{ accountId: string }>('addAccount', { service: 'weibo', localId: WEIBO_UID });
  await ext.waitForStatus(accountId, (s) => s.status === 'online', 'Weibo online');
  return accountId;
}

export async function signInQq(ext: BenchExtension): Promise<string> {
  const { accountId } = await ext.ask<{ accountId: string }>('addAccount', { service: 'qq', localId: QQ_ACCOUNT.uin, passwordMd5: QQ_ACCOUNT.passwordMd5 });
  await ext.waitForStatus(accountId, (s) => s.status === 'online', 'QQ online');
  return accountId;
}

/** The product's most permissive settings: caps at their maxima, no quiet time. */
export const OPEN_SETTINGS = { enabled: true, caps: { perMinute: 30, perHour: 500, perDay: 2000 }, quietWhileActiveMinutes: 0 } as const;

/** One rule answering every text at once: what a latency run needs. */
export function instantRule(): Rule {
  return { ...defaultRule('bench-echo', 'Bench echo'), reply: 'auto: {message}', delay: { minSeconds: 0, maxSeconds: 0 }, cooldownMinutes: 0 };
}

export async function enableAutoReply(ext: BenchExtension, rules: Rule[]): Promise<void> {
  await ext.ask('saveRules', { rules });
  await ext.ask('saveAutoReplySettings', { settings: OPEN_SETTINGS });
  await ext.ask('setAutoReplyEnabled', { enabled: true });
}

/**
 * Forget the per-account reply counters (the caps allow at most 30 a minute; a latency run sends
 * 500 in well under a minute). Done in the worker's own IndexedDB between messages, outside any
 * measured interval; conversation entries (cooldowns, loop guard) are kept. The records are
 * extension/background/hub/history-records.ts (`accounts`: per account, the times of its replies);
 * the stamp beside it is how hub/reply-decisions.ts notices a write that is not its own.
 */
export async function resetReplyCounters(ext: BenchExtension): Promise<void> {
  await ext.worker.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('switchboard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('kv', 'readwrite');
          const store = tx.objectStore('kv');
          // The accounts' reply times are one record (hub/history-records.ts); the worker keeps the
          // history in memory and reads it again when this stamp is not its own.
          store.put({}, 'autoReplyHistory|accounts');
          store.put(`bench-${Math.random()}`, 'autoReplyHistoryStamp');
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}
