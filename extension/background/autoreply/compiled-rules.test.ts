// The compiled path (compiled-rules.ts, keyword-index.ts, match.ts candidateRules) against the
// plain definition of each condition, so an optimisation can never change who gets a reply.
import { describe, expect, it } from 'vitest';
import type { Rule, RuleMatch } from '../../shared/rules.ts';
import { capRegexInput, compileRegex } from '../../shared/rules-regex.ts';
import { compiledRules } from './compiled-rules.ts';
import { decide, explain } from './decide.ts';
import { matchText } from './match.ts';
import { contact, input, message, rule } from './test-support.ts';

// The definitions, written the obvious way (one rule, one text, nothing cached or shared).
const fold = (text: string, caseSensitive: boolean): string => {
  const nfkc = text.normalize('NFKC');
  return caseSensitive ? nfkc : nfkc.toLowerCase();
};
const squash = (text: string): string => text.trim().replace(/\s+/g, ' ');
function plainMatch(match: RuleMatch, text: string): boolean {
  switch (match.kind) {
    case 'any':
      return true;
    case 'keywords':
      return match.keywords.some((k) => k.trim() !== '' && fold(text, match.caseSensitive).includes(fold(k.trim(), match.caseSensitive)));
    case 'exact':
      return squash(fold(text, match.caseSensitive)) === squash(fold(match.text, match.caseSensitive));
    case 'regex':
      return compileRegex(match.pattern, match.flags)?.test(capRegexInput(text)) ?? false;
  }
}

const TEXTS = ['请问价格多少', 'What PRICE?', 'ＰＲＩＣＥ', 'vip 通道', 'OK!', 'ok!', 'ＯＫ', '  在吗 ', '在吗？', 'Good   Night', 'Straße', 'STRASSE', '🙂🙂 smile', 'x'.repeat(600) + 'needle', ''];
const MATCHES: RuleMatch[] = [
  { kind: 'keywords', keywords: ['价格', 'price', 'ＶＩＰ'], caseSensitive: false },
  { kind: 'keywords', keywords: ['OK', 'Ｇｏｏｄ'], caseSensitive: true },
  { kind: 'keywords', keywords: ['  ', 'smile', '🙂'], caseSensitive: false },
  { kind: 'keywords', keywords: ['needle', 'straße'], caseSensitive: false },
  { kind: 'exact', text: '在吗', caseSensitive: false },
  { kind: 'exact', text: 'good night', caseSensitive: false },
  { kind: 'exact', text: 'Good Night', caseSensitive: true },
  { kind: 'regex', pattern: '^price', flags: 'i' },
  { kind: 'regex', pattern: 'needle', flags: '' },
  { kind: 'regex', pattern: '\\p{Emoji_Presentation}{2}', flags: 'u' },
];

/** One rule per match, each for text from everyone, and nothing that answers by default. */
const rulesFor = (matches: RuleMatch[]): Rule[] => matches.map((match, i) => rule({ id: `m${i}`, name: `M${i}`, match, cooldownMinutes: 0 }));

describe('compiled matching equals the definitions', () => {
  it.each(TEXTS.map((t) => [t.length > 40 ? `${t.slice(0, 12)}…(${t.length})` : t, t]))('text %j', (_, text) => {
    // All rules in one array share the keyword indexes; each rule's verdict must still be its own.
    const e = explain(input({ rules: rulesFor(MATCHES), message: message({ text }) }));
    const verdicts = e.rules.map((r) => r.status !== 'missed');
    expect(verdicts).toEqual(MATCHES.map((m) => plainMatch(m, text)));
    // And alone, compiled on the spot (the tester's matchText).
    expect(MATCHES.map((m) => matchText(m, text).ok)).toEqual(MATCHES.map((m) => plainMatch(m, text)));
  });

  it('decide answers with the first rule whose match holds, as the definitions say', () => {
    for (const text of TEXTS) {
      const first = MATCHES.findIndex((m) => plainMatch(m, text));
      const d = decide(input({ rules: rulesFor(MATCHES), message: message({ text }) }));
      expect(d.kind === 'reply' ? d.ruleId : undefined).toBe(first < 0 ? undefined : `m${first}`);
    }
  });

  it('names the first of the rule’s keywords found, in the rule’s order, as written', () => {
    const rules = [rule({ match: { kind: 'keywords', keywords: ['  ', 'ＢＥＴＡ', 'alpha'], caseSensitive: false } })];
    expect(explain(input({ rules, message: message({ text: 'alpha then beta' }) })).rules[0]?.detail).toBe('contains “ＢＥＴＡ”');
  });

  it('the same keyword in two case modes stays two keywords', () => {
    const rules = [
      rule({ id: 'exact-case', match: { kind: 'keywords', keywords: ['VIP'], caseSensitive: true } }),
      rule({ id: 'any-case', match: { kind: 'keywords', keywords: ['VIP'], caseSensitive: false } }),
    ];
    expect(decide(input({ rules, message: message({ text: 'vip please' }) }))).toMatchObject({ ruleId: 'any-case' });
    expect(decide(input({ rules, message: message({ text: 'ＶＩＰ please' }) }))).toMatchObject({ ruleId: 'exact-case' });
  });

  it('who: chosen names match remark, nickname and (in groups) the member, trimmed, full-width and case folded', () => {
    const chosen = (names: string[]) => [rule({ id: 'who', groups: 'all', who: { kind: 'contacts', names } })];
    const answers = (names: string[], over = {}) => decide(input({ rules: chosen(names), ...over })).kind === 'reply';
    const remarked = { contact: contact({ name: 'zs_nick', remark: ' 张三 ' }) };
    expect(answers(['张三'], remarked)).toBe(true);
    expect(answers(['ＺＳ_ＮＩＣＫ'], remarked)).toBe(true);
    expect(answers(['@abc'], remarked)).toBe(false);
    const group = { contact: contact({ id: '@@g', name: '家人群', kind: 'group' }), message: message({ peerId: '@@g', senderId: '@m1', senderName: 'MOM' }) };
    expect(answers(['mom'], group)).toBe(true);
    expect(answers(['家人群'], group)).toBe(true);
    expect(answers(['mom'], { message: message({ senderName: 'MOM' }) })).toBe(false); // not a group: the sender name is not a candidate
  });
});

describe('the compiled rules cache', () => {
  it('compiles a rules array once and a new array again', () => {
    const rules = [rule()];
    expect(compiledRules(rules)).toBe(compiledRules(rules));
    expect(compiledRules([...rules])).not.toBe(compiledRules(rules));
  });

  it('a changed rules array (the worker replaces it on every change) is what decides', () => {
    const before = [rule({ id: 'a', match: { kind: 'keywords', keywords: ['hello'], caseSensitive: false } })];
    const message_ = message({ text: 'HELLO' });
    expect(decide(input({ rules: before, message: message_ }))).toMatchObject({ kind: 'reply', ruleId: 'a' });
    const after = [rule({ id: 'a', match: { kind: 'keywords', keywords: ['bye'], caseSensitive: false } })];
    expect(decide(input({ rules: after, message: message_ }))).toMatchObject({ kind: 'skip', reason: 'no-rule' });
    const disabled = [{ ...(after[0] as Rule), enabled: false }, rule({ id: 'b' })];
    expect(decide(input({ rules: disabled, message: message_ }))).toMatchObject({ ruleId: 'b' });
    // The old array still decides as it did.
    expect(decide(input({ rules: before, message: message_ }))).toMatchObject({ ruleId: 'a' });
  });

  it('decide skips rules for another service, message type or place; explain still lists each with its reason', () => {
    const rules = [
      rule({ id: 'qq', services: ['qq'] }),
      rule({ id: 'images', kinds: ['image'] }),
      rule({ id: 'off', enabled: false }),
      rule({ id: 'all' }),
    ];
    const i = input({ rules });
    expect(decide(i)).toMatchObject({ ruleId: 'all' });
    expect(explain(i).rules.map((r) => [r.ruleId, r.status === 'missed' ? r.reason : r.status])).toEqual([
      ['qq', 'service'],
      ['images', 'kind'],
      ['off', 'disabled'],
      ['all', 'chosen'],
    ]);
    // The same array for a QQ message and for an image: other candidates, each cached on its own.
    expect(decide(input({ rules, account: { id: 'qq:1', service: 'qq', selfId: '1' } }))).toMatchObject({ ruleId: 'qq' });
    expect(decide(input({ rules, message: message({ kind: 'image', text: '' }) }))).toMatchObject({ ruleId: 'images' });
  });
});

describe('invalid regexes', () => {
  it('never match, explain says so, and the next rule answers', () => {
    const rules = [rule({ id: 'bad', match: { kind: 'regex', pattern: '(a+)+$', flags: '' } }), rule({ id: 'broken', match: { kind: 'regex', pattern: '(', flags: '' } }), rule({ id: 'next' })];
    const i = input({ rules, message: message({ text: 'aaaa' }) });
    expect(decide(i)).toMatchObject({ ruleId: 'next' });
    expect(explain(i).rules.slice(0, 2)).toEqual([
      { ruleId: 'bad', ruleName: 'Away', status: 'missed', reason: 'match', detail: 'the pattern /(a+)+$/ is invalid or unsafe; edit the rule' },
      { ruleId: 'broken', ruleName: 'Away', status: 'missed', reason: 'match', detail: 'the pattern /(/ is invalid or unsafe; edit the rule' },
    ]);
  });
});
