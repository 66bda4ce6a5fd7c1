import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_AGE_MINUTES } from '../../shared/rules.ts';
import { decide, explain } from './decide.ts';
import { emptyHistory, recordReply } from './history.ts';
import { contact, input, message, MIN, rule, settings, T0 } from './test-support.ts';
import type { DecideInput } from './types.ts';

const skipOf = (i: DecideInput) => {
  const d = decide(i);
  if (d.kind !== 'skip') throw new Error(`expected a skip, got ${JSON.stringify(d)}`);
  return d;
};

describe('replies', () => {
  it('replies with the rendered template after a jittered delay', () => {
    const d = decide(input({ rules: [rule({ reply: '{name} 你好，我在{service}上不在（{date} {time}），你说“{message}”' })], locale: 'zh-CN' }));
    expect(d).toEqual({ kind: 'reply', ruleId: 'r1', ruleName: 'Away', ruleIds: ['r1'], text: '张三 你好，我在微信上不在（2025-06-04 10:00），你说“在吗”', delayMs: 6500 });
  });

  it('jitter spans the rule delay range', () => {
    const delay = (r: number) => {
      const d = decide(input({ random: () => r, rules: [rule({ delay: { minSeconds: 2, maxSeconds: 4 } })] }));
      return d.kind === 'reply' ? d.delayMs : -1;
    };
    expect([delay(0), delay(0.25), delay(0.999)]).toEqual([2000, 2500, 3998]);
  });

  it('{service} in English unless the locale is Chinese; {message} excerpted; {name} is the member in a group', () => {
    const long = '一'.repeat(60);
    const d = decide(
      input({
        contact: contact({ id: '@@g', name: '家人群', kind: 'group' }),
        message: message({ peerId: '@@g', senderId: '@m', senderName: '妈妈', text: long, mentionsMe: true }),
        rules: [rule({ groups: 'mentioned', reply: '{name}/{service}/{message}' })],
      }),
    );
    expect(d).toMatchObject({ kind: 'reply', text: `妈妈/WeChat/${'一'.repeat(50)}…` });
  });

  it('skips a reply that renders empty', () => {
    expect(skipOf(input({ rules: [rule({ reply: '{message}' })], message: message({ text: '  ' }) }))).toMatchObject({ reason: 'empty-reply' });
  });
});

describe('fixed rules: no setting turns them off', () => {
  // Every permissive setting at once, and a rule that answers anything from anyone anywhere.
  const loose = (over: Partial<DecideInput>) =>
    input({
      settings: settings({ quietWhileActiveMinutes: 0 }),
      rules: [rule({ groups: 'all', kinds: ['text', 'image'], cooldownMinutes: 0 })],
      ...over,
    });

  it.each<[string, Partial<DecideInput>, string]>([
    ['outgoing messages', { message: message({ direction: 'out', senderId: '@me' }) }, 'outgoing'],
    ['ourselves (sender)', { message: message({ senderId: '@me' }) }, 'self'],
    ['ourselves (conversation with self)', { message: message({ peerId: '@me', senderId: '@me' }) }, 'self'],
    ['history replayed at sign-in', { message: message({ replay: true }) }, 'replay'],
    ['recalled messages', { message: message({ recalled: true }) }, 'recalled'],
    ['QQ 10000', { account: { id: 'qq:1', service: 'qq', selfId: '1' }, contact: undefined, message: message({ peerId: '10000', senderId: '10000' }) }, 'system-sender'],
    ['WeChat filehelper', { contact: undefined, message: message({ peerId: 'filehelper', senderId: 'filehelper' }) }, 'system-sender'],
    ['WeChat weixin', { contact: undefined, message: message({ peerId: 'weixin', senderId: 'weixin' }) }, 'system-sender'],
    ['WeChat fmessage', { contact: undefined, message: message({ peerId: 'fmessage', senderId: 'fmessage' }) }, 'system-sender'],
    ['WeChat gh_ raw ids', { contact: undefined, message: message({ peerId: 'gh_3dfda90e39d6', senderId: 'gh_3dfda90e39d6' }) }, 'system-sender'],
    ['official accounts', { contact: contact({ kind: 'official', name: '招商银行' }) }, 'system-sender'],
    ['system contacts', { contact: contact({ kind: 'system', name: '微博小秘书' }) }, 'system-sender'],
    ['system notices', { message: message({ kind: 'system' }) }, 'system-message'],
    ['messages that arrive too late', { message: message({ at: T0 - (MAX_MESSAGE_AGE_MINUTES + 1) * MIN }) }, 'stale'],
  ])('never answers %s', (_, over, reason) => {
    expect(skipOf(loose(over)).reason).toBe(reason);
  });

  it('names the system sender', () => {
    expect(skipOf(loose({ contact: undefined, message: message({ peerId: 'filehelper', senderId: 'filehelper' }) })).detail).toBe(
      'from the WeChat service account filehelper: never auto-replied',
    );
    expect(skipOf(loose({ contact: contact({ kind: 'official', name: '招商银行' }) })).detail).toBe('from official account “招商银行”: never auto-replied');
  });

  it('QQ 10000 is an ordinary id on other services, filehelper only on WeChat', () => {
    expect(decide(loose({ account: { id: 'weibo:1', service: 'weibo' }, message: message({ peerId: '10000', senderId: '10000' }) })).kind).toBe('reply');
    expect(decide(loose({ account: { id: 'qq:1', service: 'qq' }, message: message({ peerId: 'filehelper', senderId: 'filehelper' }) })).kind).toBe('reply');
  });

  it('stale messages say how old they are', () => {
    expect(skipOf(loose({ message: message({ at: T0 - 2 * 60 * MIN }) })).detail).toBe(
      'the message is 2 h old; auto-reply answers messages up to 30 min old',
    );
  });
});

describe('settings', () => {
  it('master switch off', () => {
    expect(skipOf(input({ settings: settings({ enabled: false }) }))).toMatchObject({ reason: 'switched-off', detail: 'auto-reply is switched off' });
  });

  it('stays quiet while the user is active in the conversation', () => {
    const active = input({ lastUserWriteAt: T0 - 4 * MIN, settings: settings({ quietWhileActiveMinutes: 10 }) });
    expect(skipOf(active)).toMatchObject({
      reason: 'user-active',
      detail: 'you wrote to 张三 4 min ago; auto-reply stays quiet for 10 min after you write',
      facts: { name: '张三', agoMs: 4 * MIN, quietMinutes: 10 },
    });
    expect(decide({ ...active, lastUserWriteAt: T0 - 10 * MIN }).kind).toBe('reply');
    expect(decide({ ...active, settings: settings({ quietWhileActiveMinutes: 0 }) }).kind).toBe('reply');
  });
});

describe('cooldown', () => {
  const after = (minutesAgo: number, cooldownMinutes = 10) =>
    input({
      rules: [rule({ cooldownMinutes })],
      history: recordReply(emptyHistory(), { accountId: 'wechat:1', peerId: '@abc', ruleIds: ['r1'], at: T0 - minutesAgo * MIN }, T0 - minutesAgo * MIN),
    });

  it('waits the rule cooldown per conversation, and says so', () => {
    expect(skipOf(after(3))).toMatchObject({ reason: 'cooldown', detail: 'cooldown: the last reply to 张三 was 3 min ago, rule “Away” waits 10 min' });
    expect(decide(after(10)).kind).toBe('reply');
    expect(decide(after(3, 0)).kind).toBe('reply');
  });

  it('is per conversation: another contact is not affected', () => {
    expect(decide({ ...after(3), message: message({ peerId: '@other', senderId: '@other' }), contact: contact({ id: '@other', name: '李四' }) }).kind).toBe('reply');
  });

  it('is per rule: a different rule may still answer', () => {
    const i = { ...after(3), rules: [rule({ id: 'price', name: 'Price', match: { kind: 'keywords', keywords: ['价格'], caseSensitive: false } }), rule()] };
    expect(decide({ ...i, message: message({ text: '价格?' }) })).toMatchObject({ kind: 'reply', ruleId: 'price' });
    // the matching rule without continue ends evaluation even while it cools down
    expect(skipOf({ ...i, message: message({ text: 'hello' }) }).reason).toBe('cooldown');
  });

  it('a reply still waiting for its delay counts', () => {
    expect(skipOf(after(-0.1))).toMatchObject({ reason: 'cooldown', detail: 'cooldown: the last reply to 张三 is about to be sent, rule “Away” waits 10 min' });
  });
});

describe('caps per account', () => {
  const withReplies = (times: number[]) => {
    let h = emptyHistory();
    times.forEach((t, n) => (h = recordReply(h, { accountId: 'wechat:1', peerId: `@p${n}`, ruleIds: ['r1'], at: t }, t)));
    return input({ history: h, settings: settings({ caps: { perMinute: 2, perHour: 3, perDay: 4 } }) });
  };

  it('per minute', () => {
    expect(skipOf(withReplies([T0 - 50_000, T0 - 10_000]))).toMatchObject({
      reason: 'cap-minute',
      detail: 'limit: this account sent 2 auto-replies in the last minute (cap 2 per minute); the next is possible in 10 s',
    });
    expect(decide(withReplies([T0 - 61_000, T0 - 10_000])).kind).toBe('reply');
  });

  it('per hour', () => {
    expect(skipOf(withReplies([T0 - 50 * MIN, T0 - 30 * MIN, T0 - 5 * MIN])).reason).toBe('cap-hour');
  });

  it('per day', () => {
    expect(skipOf(withReplies([T0 - 20 * 60 * MIN, T0 - 10 * 60 * MIN, T0 - 5 * 60 * MIN, T0 - 2 * 60 * MIN])).reason).toBe('cap-day');
    expect(decide(withReplies([T0 - 25 * 60 * MIN, T0 - 10 * 60 * MIN, T0 - 5 * 60 * MIN, T0 - 2 * 60 * MIN])).kind).toBe('reply');
  });

  it('are per account', () => {
    expect(decide({ ...withReplies([T0 - 50_000, T0 - 10_000]), account: { id: 'wechat:2', service: 'wechat' } }).kind).toBe('reply');
  });
});

describe('rule order and continue', () => {
  const night = rule({ id: 'night', name: 'Night', reply: '我睡了', continue: true });
  const price = rule({ id: 'price', name: 'Price', match: { kind: 'keywords', keywords: ['价格'], caseSensitive: false }, reply: '价格见置顶' });
  const away = rule({ id: 'away', name: 'Away', reply: '稍后回复' });

  it('first match wins', () => {
    expect(decide(input({ rules: [price, away], message: message({ text: '价格' }) }))).toMatchObject({ ruleId: 'price', ruleIds: ['price'], text: '价格见置顶' });
    expect(decide(input({ rules: [price, away] }))).toMatchObject({ ruleId: 'away' });
  });

  it('continue joins the texts of the chain into one reply, ending at the first rule without continue', () => {
    expect(decide(input({ rules: [night, price, away], message: message({ text: '价格' }) }))).toMatchObject({
      kind: 'reply',
      ruleId: 'night',
      ruleIds: ['night', 'price'],
      text: '我睡了\n价格见置顶',
    });
  });

  it('a rule in the chain that is cooling down adds nothing', () => {
    const history = recordReply(emptyHistory(), { accountId: 'wechat:1', peerId: '@abc', ruleIds: ['night'], at: T0 - MIN }, T0 - MIN);
    expect(decide(input({ history, rules: [night, away] }))).toMatchObject({ ruleId: 'away', ruleIds: ['away'], text: '稍后回复' });
  });

  it('explain lists every rule with its verdict, plus the decision', () => {
    const offHours = rule({ id: 'off', name: 'Off hours', schedule: { days: [0, 6], windows: [] } });
    const e = explain(input({ rules: [offHours, price, away, rule({ id: 'late', name: 'Late' })] }));
    expect(e.rules).toEqual([
      { ruleId: 'off', ruleName: 'Off hours', status: 'missed', reason: 'schedule', detail: expect.stringMatching(/^outside the schedule: it is Wed 10:00/) },
      { ruleId: 'price', ruleName: 'Price', status: 'missed', reason: 'match', detail: 'the text contains none of: 价格' },
      { ruleId: 'away', ruleName: 'Away', status: 'chosen', detail: 'any message' },
      { ruleId: 'late', ruleName: 'Late', status: 'shadowed', detail: 'any message, but an earlier rule already answers' },
    ]);
    expect(e.decision).toMatchObject({ kind: 'reply', ruleId: 'away' });
  });

  it('explain still evaluates rules when a gate stops the reply, and agrees with decide', () => {
    const i = input({ settings: settings({ enabled: false }), rules: [away] });
    const e = explain(i);
    expect(e.rules[0]).toMatchObject({ status: 'chosen' });
    expect(e.decision).toEqual(decide(i));
    expect(e.decision).toMatchObject({ reason: 'switched-off' });
  });

  it('no rule matched', () => {
    expect(skipOf(input({ rules: [price] }))).toMatchObject({ reason: 'no-rule', detail: 'no rule matched (1 enabled)' });
    expect(skipOf(input({ rules: [] }))).toMatchObject({ reason: 'no-rule', detail: 'there are no enabled rules' });
  });
});
