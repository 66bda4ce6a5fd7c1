import { describe, expect, it } from 'vitest';
import { defaultRule, validateRule, type Rule } from '../shared/rules.ts';
import { fromRule, lines, toRule } from './rule-draft.ts';
import { duplicateRule, moveRule, removeRule, replaceRule } from './rule-list.ts';
import { asleepRule } from './starter-rules.ts';

const full: Rule = {
  ...defaultRule('r1', 'Prices'),
  who: { kind: 'contacts', names: ['张三', 'Tom & Jerry'] },
  groups: 'mentioned',
  match: { kind: 'keywords', keywords: ['price', '价格'], caseSensitive: true },
  kinds: ['text', 'image'],
  schedule: { days: [1, 3], windows: [{ start: '22:00', end: '08:00' }] },
  reply: 'Hi {name}',
  delay: { minSeconds: 1, maxSeconds: 5 },
  cooldownMinutes: 15,
  continue: true,
};

describe('rule drafts', () => {
  it('round-trips every kind of rule unchanged', () => {
    const rules: Rule[] = [
      full,
      { ...full, id: 'r2', who: { kind: 'strangers' }, match: { kind: 'exact', text: 'hello', caseSensitive: false }, schedule: null },
      { ...full, id: 'r3', who: { kind: 'everyone' }, match: { kind: 'regex', pattern: '^hi\\b', flags: 'iu' } },
      { ...full, id: 'r4', match: { kind: 'any' } },
    ];
    for (const rule of rules) expect(toRule(fromRule(rule))).toEqual(rule);
  });

  it('keeps the other match kinds while the user switches between them', () => {
    const draft = { ...fromRule(full), pattern: 'a.c' };
    expect(toRule({ ...draft, matchKind: 'regex' }).match).toEqual({ kind: 'regex', pattern: 'a.c', flags: 'i' });
    expect(toRule({ ...draft, matchKind: 'any' }).match).toEqual({ kind: 'any' });
    // Back to keywords: the list typed before is still there.
    expect(toRule(draft).match).toEqual(full.match);
  });

  it('reads lists one per line, ignoring blank lines and surrounding spaces', () => {
    expect(lines(' a \n\n b\r\nc\n')).toEqual(['a', 'b', 'c']);
    const draft = { ...fromRule(full), keywordsText: 'one\n  two  \n\n', namesText: '\n李雷\n' };
    expect(toRule(draft).match).toEqual({ kind: 'keywords', keywords: ['one', 'two'], caseSensitive: true });
    expect(toRule(draft).who).toEqual({ kind: 'contacts', names: ['李雷'] });
  });

  it('sorts the days and turns the schedule off into null', () => {
    const draft = { ...fromRule(full), days: [5, 1, 3] as const };
    expect(toRule({ ...draft, days: [...draft.days] }).schedule?.days).toEqual([1, 3, 5]);
    expect(toRule({ ...draft, days: [...draft.days], scheduleOn: false }).schedule).toBeNull();
  });

  it('offers weekdays when a rule without a schedule gets one', () => {
    const draft = fromRule(defaultRule('x'));
    expect(draft.scheduleOn).toBe(false);
    expect(toRule({ ...draft, scheduleOn: true }).schedule).toEqual({ days: [1, 2, 3, 4, 5], windows: [] });
  });
});

describe('rule list operations', () => {
  const list = ['a', 'b', 'c'].map((id) => fromRule(defaultRule(id, id.toUpperCase())));
  const ids = (l: { id: string }[]) => l.map((d) => d.id);

  it('moves within bounds only', () => {
    expect(ids(moveRule(list, 2, -1))).toEqual(['a', 'c', 'b']);
    expect(ids(moveRule(list, 0, 1))).toEqual(['b', 'a', 'c']);
    expect(ids(moveRule(list, 0, -1))).toEqual(['a', 'b', 'c']);
    expect(ids(moveRule(list, 2, 1))).toEqual(['a', 'b', 'c']);
  });

  it('duplicates right after the original with a new id and an independent copy', () => {
    const next = duplicateRule(list, 0, (n) => `${n} (copy)`, 'a2');
    expect(ids(next)).toEqual(['a', 'a2', 'b', 'c']);
    expect(next[1]?.name).toBe('A (copy)');
    next[1]?.windows.push({ start: '01:00', end: '02:00' });
    expect(list[0]?.windows).toEqual([]);
  });

  it('removes and replaces by position', () => {
    expect(ids(removeRule(list, 1))).toEqual(['a', 'c']);
    const changed = { ...list[1]!, name: 'Changed' };
    expect(replaceRule(list, 1, changed)[1]?.name).toBe('Changed');
  });
});

describe('the asleep starter', () => {
  it('is weekdays 22:00-08:00, everyone, not in groups, and valid as given', () => {
    const rule = asleepRule('s1', "I'm asleep", 'Hi {name}, I am asleep.');
    expect(rule).toMatchObject({
      who: { kind: 'everyone' },
      groups: 'off',
      match: { kind: 'any' },
      schedule: { days: [1, 2, 3, 4, 5], windows: [{ start: '22:00', end: '08:00' }] },
    });
    expect(validateRule(rule).ok).toBe(true);
    expect(toRule(fromRule(rule))).toEqual(rule);
  });
});
