import { describe, expect, it } from 'vitest';
import { explain } from '../extension/background/autoreply/decide.ts';
import { input, message } from '../extension/background/autoreply/test-support.ts';
import { LIMITS, validateRules } from '../extension/shared/rules.ts';
import { burstRules, burstText } from './decide-cost.ts';

describe('the burst rules', () => {
  const rules = burstRules(LIMITS.rules);

  it('are as many as the product allows, and all valid', () => {
    const checked = validateRules(rules);
    expect(checked.ok ? checked.value.length : checked.errors).toBe(500);
  });

  it('leave every burst message to the catch-all, at any time of the week, for varied reasons', () => {
    const reasons = new Set<string>();
    const week = Array.from({ length: 14 }, (_, i) => Date.UTC(2025, 5, 2, 4 + 12 * i)); // Mon 12:00 Shanghai, then every 12 h
    for (const [i, now] of week.entries()) {
      const peerId = `@peer${i}`;
      const e = explain(
        input({
          rules,
          clock: { now, timeZone: 'Asia/Shanghai' },
          contact: { accountId: 'wechat:1', id: peerId, name: `联系人${i}`, kind: 'user' },
          message: message({ peerId, senderId: peerId, senderName: `联系人${i}`, at: now, text: burstText(i) }),
        }),
      );
      expect(e.rules.filter((r) => r.status !== 'missed').map((r) => r.ruleId)).toEqual(['burst-any']);
      for (const r of e.rules) if (r.status === 'missed') reasons.add(r.reason);
    }
    expect([...reasons].sort()).toEqual(['kind', 'match', 'schedule', 'service', 'who']);
  });
});
