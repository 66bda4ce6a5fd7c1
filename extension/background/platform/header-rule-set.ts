// Pure: the declarativeNetRequest session rules for every account's header rules. No chrome.* here,
// so it is unit-tested in Node (header-rules.ts applies it).
import type { HeaderRule } from '../services/connector.ts';

/** Pure: all accounts' rules as DNR session rules with ids 1..n, in a stable order. */
export function toSessionRules(byAccount: Record<string, HeaderRule[]>, extensionId: string, tabIdNone: number) {
  return Object.keys(byAccount)
    .sort()
    .flatMap((accountId) => byAccount[accountId] ?? [])
    .map((rule, index) => ({
      id: index + 1,
      priority: 1,
      action: {
        type: 'modifyHeaders' as const,
        requestHeaders: Object.entries(rule.set).map(([header, value]) => ({ header, operation: 'set' as const, value })),
      },
      condition: { requestDomains: rule.hosts, tabIds: [tabIdNone], initiatorDomains: [extensionId] },
    }));
}
