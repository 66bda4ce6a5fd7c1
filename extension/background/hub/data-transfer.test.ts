import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTOREPLY_SETTINGS, defaultRule } from '../../shared/rules.ts';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../shared/settings.ts';
import type { Account } from '../../shared/domain.ts';
import { exportData, importData } from './data-transfer.ts';

const accounts: Account[] = [
  { id: 'qq:10001', service: 'qq', label: 'Me on QQ', enabled: true, createdAt: 1 },
  { id: 'wechat:k3x', service: 'wechat', label: '微信', selfId: '@abc', enabled: true, createdAt: 2 },
];

describe('settings export and import', () => {
  it('round-trips rules, settings, notifications and accounts (without secrets)', () => {
    const rules = [{ ...defaultRule('r1', '睡觉'), reply: '我睡了，{name}，明早回复' }];
    const settings = { ...DEFAULT_AUTOREPLY_SETTINGS, enabled: true };
    const notifications = { ...DEFAULT_NOTIFICATION_SETTINGS, privacy: true };
    const json = JSON.stringify(exportData(rules, settings, notifications, accounts, Date.UTC(2026, 10, 22)));
    expect(json).not.toContain('passwordMd5');
    const back = importData(json);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.autoReply.rules).toEqual(rules);
    expect(back.value.autoReply.settings).toEqual(settings);
    expect(back.value.notifications).toEqual(notifications);
    expect(back.value.accounts).toEqual([
      { service: 'qq', localId: '10001', label: 'Me on QQ' },
      { service: 'wechat', label: '微信' },
    ]);
  });

  it('rejects files that are not ours, newer formats and broken JSON with readable reasons', () => {
    expect(importData('{nope')).toMatchObject({ ok: false, errors: [expect.stringContaining('not valid JSON')] });
    expect(importData('{"format":"other"}')).toMatchObject({ ok: false, errors: ['this is not a Switchboard settings file'] });
    expect(importData('{"format":"switchboard-settings","version":9}')).toMatchObject({ ok: false, errors: [expect.stringContaining('newer')] });
  });

  it('imports nothing when one rule is invalid, and says which', () => {
    const doc = exportData([{ ...defaultRule('r1'), match: { kind: 'regex', pattern: '(a+)+$', flags: '' } }], DEFAULT_AUTOREPLY_SETTINGS, DEFAULT_NOTIFICATION_SETTINGS, [], 0);
    const result = importData(JSON.stringify(doc));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.join('\n')).toContain('rule 1');
  });
});
