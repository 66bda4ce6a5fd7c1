// Sets the Referer/Origin a service's own web page would send, on the extension's own requests
// only (tabIds: none, initiator: this extension), with declarativeNetRequest session rules.
// Without this, POSTs carry `Origin: chrome-extension://…`, which the services refuse.
import browser from 'webextension-polyfill';
import type { HeaderRule } from '../services/connector.ts';

const RULE_ID_BASE: Record<string, number> = { wechat: 1000, weibo: 2000, qq: 3000 };
const RULES_PER_SERVICE = 100;

export async function setServiceHeaderRules(service: string, rules: HeaderRule[]): Promise<void> {
  const base = RULE_ID_BASE[service];
  if (base === undefined) throw new Error(`no header rule range for ${service}`);
  const existing = await browser.declarativeNetRequest.getSessionRules();
  const removeRuleIds = existing.map((r) => r.id).filter((id) => id >= base && id < base + RULES_PER_SERVICE);
  const addRules = rules.slice(0, RULES_PER_SERVICE).map((rule, index) => ({
    id: base + index,
    priority: 1,
    action: {
      type: 'modifyHeaders' as const,
      requestHeaders: Object.entries(rule.set).map(([header, value]) => ({ header, operation: 'set' as const, value })),
    },
    condition: {
      requestDomains: rule.hosts,
      tabIds: [browser.tabs.TAB_ID_NONE],
      initiatorDomains: [browser.runtime.id],
    },
  }));
  await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds, addRules });
}
