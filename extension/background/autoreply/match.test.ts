import { describe, expect, it } from 'vitest';
import type { RuleMatch } from '../../shared/rules.ts';
import { REGEX_INPUT_CAP } from '../../shared/rules-regex.ts';
import { localTime } from './local-time.ts';
import { checkRule, matchText, normalizeText } from './match.ts';
import { contact, input, message, rule, T0 } from './test-support.ts';

const local = localTime(T0, 'Asia/Shanghai');
const hits = (m: Parameters<typeof matchText>[0], text: string): boolean => matchText(m, text).ok;

describe('text matching', () => {
  it('keywords: contains any, CJK, case-insensitive by default, full-width folded', () => {
    const kw: RuleMatch = { kind: 'keywords', keywords: ['价格', 'price', 'ＶＩＰ'], caseSensitive: false };
    expect(hits(kw, '请问价格多少')).toBe(true);
    expect(hits(kw, 'What PRICE?')).toBe(true);
    expect(hits(kw, 'ＰＲＩＣＥ')).toBe(true); // full-width letters
    expect(hits(kw, 'vip 通道')).toBe(true); // full-width keyword, half-width text
    expect(hits(kw, '多少钱')).toBe(false);
    expect(matchText(kw, '请问价格').detail).toBe('contains “价格”');
    expect(matchText(kw, '多少钱').detail).toBe('the text contains none of: 价格, price, ＶＩＰ');
  });

  it('keywords: case-sensitive when asked', () => {
    const kw: RuleMatch = { kind: 'keywords', keywords: ['OK'], caseSensitive: true };
    expect(hits(kw, 'OK!')).toBe(true);
    expect(hits(kw, 'ok!')).toBe(false);
    expect(hits(kw, 'ＯＫ')).toBe(true); // NFKC still folds width
  });

  it('exact: whole text, whitespace squashed, case-insensitive by default', () => {
    const exact: RuleMatch = { kind: 'exact', text: '在吗', caseSensitive: false };
    expect(hits(exact, '  在吗 ')).toBe(true);
    expect(hits(exact, '在吗？')).toBe(false);
    expect(hits({ kind: 'exact', text: 'good  night', caseSensitive: false }, 'Good Night')).toBe(true);
    expect(hits({ kind: 'exact', text: 'Hi', caseSensitive: true }, 'hi')).toBe(false);
  });

  it('regex with flags', () => {
    expect(hits({ kind: 'regex', pattern: '^price', flags: 'i' }, 'PRICE list')).toBe(true);
    expect(hits({ kind: 'regex', pattern: '^price', flags: '' }, 'PRICE list')).toBe(false);
    expect(hits({ kind: 'regex', pattern: '^b', flags: 'm' }, 'a\nb')).toBe(true);
    expect(hits({ kind: 'regex', pattern: 'a.b', flags: 's' }, 'a\nb')).toBe(true);
    expect(hits({ kind: 'regex', pattern: '^\\p{Script=Han}{2}$', flags: 'u' }, '你好')).toBe(true);
    expect(hits({ kind: 'regex', pattern: '\\d{11}', flags: '' }, '电话 13800138000')).toBe(true);
  });

  it('regex sees only the first REGEX_INPUT_CAP characters, and says so', () => {
    const text = 'x'.repeat(REGEX_INPUT_CAP + 10) + 'needle';
    const result = matchText({ kind: 'regex', pattern: 'needle', flags: '' }, text);
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(/first 500 characters checked/);
    expect(hits({ kind: 'keywords', keywords: ['needle'], caseSensitive: false }, text)).toBe(true); // keywords see it all
  });

  it('an unsafe stored regex never matches, with a reason', () => {
    const result = matchText({ kind: 'regex', pattern: '(a+)+$', flags: '' }, 'aaaa');
    expect(result).toMatchObject({ ok: false, reason: 'match', detail: expect.stringMatching(/invalid or unsafe/) });
  });

  it('normalizeText folds width and case', () => {
    expect(normalizeText('ＡＢＣ１２３', false)).toBe('abc123');
  });
});

describe('rule conditions', () => {
  const check = (r = rule(), i = input()) => checkRule(r, i, local);

  it('disabled rules and other services miss', () => {
    expect(check(rule({ enabled: false }))).toMatchObject({ ok: false, reason: 'disabled' });
    expect(check(rule({ services: ['qq'] }))).toMatchObject({ ok: false, reason: 'service', detail: 'the rule is not for wechat' });
  });

  it('groups: off by default, only-when-mentioned, all', () => {
    const groupMsg = input({ contact: contact({ id: '@@g', name: '家人群', kind: 'group' }), message: message({ peerId: '@@g', senderId: '@m1', senderName: '妈妈' }) });
    expect(check(rule(), groupMsg)).toMatchObject({ ok: false, reason: 'group' });
    expect(check(rule({ groups: 'mentioned' }), groupMsg)).toMatchObject({ ok: false, reason: 'group', detail: 'a group message that does not @-mention you' });
    const mentioned = { ...groupMsg, message: { ...groupMsg.message, mentionsMe: true } };
    expect(check(rule({ groups: 'mentioned' }), mentioned)).toMatchObject({ ok: true });
    expect(check(rule({ groups: 'all' }), groupMsg)).toMatchObject({ ok: true });
  });

  it('who: chosen contacts by remark or nickname (never id), normalised', () => {
    const withRemark = input({ contact: contact({ name: 'zs_nick', remark: '张三' }) });
    expect(check(rule({ who: { kind: 'contacts', names: ['张三'] } }), withRemark)).toMatchObject({ ok: true });
    expect(check(rule({ who: { kind: 'contacts', names: ['ZS_NICK'] } }), withRemark)).toMatchObject({ ok: true });
    expect(check(rule({ who: { kind: 'contacts', names: ['@abc'] } }), withRemark)).toMatchObject({ ok: false, reason: 'who' });
    expect(check(rule({ who: { kind: 'contacts', names: ['李四'] } }), withRemark)).toMatchObject({
      ok: false,
      detail: '张三 is not one of the chosen contacts (李四)',
    });
  });

  it('who: in a group, the group name or the member who wrote', () => {
    const groupMsg = input({ contact: contact({ id: '@@g', name: '家人群', kind: 'group' }), message: message({ peerId: '@@g', senderId: '@m1', senderName: '妈妈' }) });
    const groupRule = (names: string[]) => rule({ groups: 'all', who: { kind: 'contacts', names } });
    expect(check(groupRule(['家人群']), groupMsg)).toMatchObject({ ok: true });
    expect(check(groupRule(['妈妈']), groupMsg)).toMatchObject({ ok: true });
    expect(check(groupRule(['爸爸']), groupMsg)).toMatchObject({ ok: false, reason: 'who' });
  });

  it('who: strangers = not in the contact list', () => {
    const strangers = rule({ who: { kind: 'strangers' } });
    expect(check(strangers, input({ contact: undefined }))).toMatchObject({ ok: true });
    expect(check(strangers)).toMatchObject({ ok: false, reason: 'who', detail: '张三 is in your contact list; the rule answers strangers only' });
  });

  it('message types: text only by default', () => {
    expect(check(rule(), input({ message: message({ kind: 'image', text: '' }) }))).toMatchObject({
      ok: false,
      reason: 'kind',
      detail: 'a image message; the rule answers text',
    });
    expect(check(rule({ kinds: ['text', 'image'] }), input({ message: message({ kind: 'image', text: '' }) }))).toMatchObject({ ok: true });
  });

  it('schedule misses explain the local time', () => {
    const r = rule({ schedule: { days: [6, 0], windows: [] } });
    expect(check(r)).toMatchObject({ ok: false, reason: 'schedule', detail: 'outside the schedule: it is Wed 10:00 (Asia/Shanghai); the rule runs Sun Sat all day' });
  });
});
