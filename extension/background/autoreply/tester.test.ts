import { describe, expect, it } from 'vitest';
import { explainSample } from './tester.ts';
import { rule, settings, T0 } from './test-support.ts';

const context = {
  rules: [
    rule({ id: 'mom', name: 'Mom', who: { kind: 'contacts', names: ['妈妈'] }, groups: 'mentioned', reply: '妈，我晚点回' }),
    rule({ id: 'new', name: 'Strangers', who: { kind: 'strangers' }, reply: '你好，请问是？' }),
    rule({ id: 'all', name: 'Everyone', reply: '{name}，稍后回复（{service}）' }),
  ],
  settings: settings(),
  clock: { now: T0, timeZone: 'Asia/Shanghai' },
  locale: 'zh_CN',
};

describe('rule tester', () => {
  it('explains a sample from a chosen contact by remark', () => {
    const e = explainSample({ service: 'wechat', text: '吃饭了吗', name: 'Linda', remark: '妈妈' }, context);
    expect(e.rules.map((r) => r.status)).toEqual(['chosen', 'missed', 'shadowed']);
    expect(e.decision).toMatchObject({ kind: 'reply', ruleId: 'mom', text: '妈，我晚点回', delayMs: 6500 });
  });

  it('strangers, groups and mentions', () => {
    expect(explainSample({ service: 'qq', text: 'hi', name: '路人', stranger: true }, context).decision).toMatchObject({ ruleId: 'new' });
    const group = { service: 'weibo' as const, text: '@我 在吗', name: '妈妈', group: { name: '家人群', mentionsMe: false } };
    expect(explainSample(group, context).decision).toMatchObject({ kind: 'skip', reason: 'no-rule' });
    expect(explainSample({ ...group, group: { name: '家人群', mentionsMe: true } }, context).decision).toMatchObject({ ruleId: 'mom' });
    expect(explainSample({ service: 'weibo', text: 'x', name: '张三' }, context).decision).toMatchObject({ text: '张三，稍后回复（微博）' });
  });

  it('shows rule verdicts even while auto-reply is switched off', () => {
    const e = explainSample({ service: 'wechat', text: 'x', name: '张三' }, { ...context, settings: settings({ enabled: false }) });
    expect(e.rules.find((r) => r.status === 'chosen')?.ruleId).toBe('all');
    expect(e.decision).toMatchObject({ reason: 'switched-off' });
  });
});
