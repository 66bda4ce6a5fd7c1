import { describe, expect, it } from 'vitest';
import { toSessionRules } from './header-rule-set.ts';

describe('toSessionRules', () => {
  it('keeps every account’s rules, so a second WeChat family does not erase the first', () => {
    const rules = toSessionRules(
      {
        'wechat:b': [{ hosts: ['wx2.qq.com', 'file.wx2.qq.com'], set: { Referer: 'https://wx2.qq.com/', Origin: 'https://wx2.qq.com' } }],
        'wechat:a': [{ hosts: ['wx.qq.com'], set: { Referer: 'https://wx.qq.com/', Origin: 'https://wx.qq.com' } }],
      },
      'extid',
      -1,
    );
    expect(rules.map((r) => [r.id, r.condition.requestDomains])).toEqual([
      [1, ['wx.qq.com']],
      [2, ['wx2.qq.com', 'file.wx2.qq.com']],
    ]);
    expect(rules[1]?.condition).toMatchObject({ tabIds: [-1], initiatorDomains: ['extid'] });
    expect(rules[1]?.action.requestHeaders).toContainEqual({ header: 'Origin', operation: 'set', value: 'https://wx2.qq.com' });
  });
});
