// Sets the Referer/Origin a service's own web page would send, on the extension's own requests
// only (tabIds: none, initiator: this extension), with declarativeNetRequest session rules.
// Without this, POSTs carry `Origin: chrome-extension://…`, which the services refuse.
//
// Each account owns its rules (two WeChat accounts may live on two host families); every change
// rebuilds the whole set from all accounts' rules, kept in storage.session so a restarted worker
// never drops another account's rules.
import browser from 'webextension-polyfill';
import type { HeaderRule } from '../services/connector.ts';
import { storageItem } from './storage-item.ts';
import { toSessionRules } from './header-rule-set.ts';

const rulesByAccount = storageItem(() => browser.storage.session, 'headerRules', (): Record<string, HeaderRule[]> => ({}));
let queue: Promise<void> = Promise.resolve();

export function setAccountHeaderRules(accountId: string, rules: HeaderRule[]): Promise<void> {
  // Serialised: two accounts starting at once must not rebuild from the same stale set.
  queue = queue
    .then(async () => {
      const byAccount = await rulesByAccount.update((all) => ({ ...all, [accountId]: rules }));
      const existing = await browser.declarativeNetRequest.getSessionRules();
      await browser.declarativeNetRequest.updateSessionRules({
        removeRuleIds: existing.map((r) => r.id),
        addRules: toSessionRules(byAccount, browser.runtime.id, browser.tabs.TAB_ID_NONE),
      });
    })
    .catch(() => undefined);
  return queue;
}
