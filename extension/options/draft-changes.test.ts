import { describe, expect, it } from 'vitest';
import { defaultRule } from '../shared/rules.ts';
import { sameRules } from './draft-changes.ts';
import { fromRule } from './rule-draft.ts';
import { moveRule, replaceRule } from './rule-list.ts';

describe('sameRules (unsaved changes)', () => {
  const base = ['a', 'b', 'c'].map((id) => fromRule(defaultRule(id, id.toUpperCase())));

  it('is clean for the same objects and for equal copies', () => {
    expect(sameRules(base, base)).toBe(true);
    expect(sameRules(base.map((d) => ({ ...d })), base)).toBe(true);
  });

  it('sees an edit, and sees it undone', () => {
    const edited = replaceRule(base, 1, { ...base[1]!, reply: 'Hi' });
    expect(sameRules(edited, base)).toBe(false);
    expect(sameRules(replaceRule(edited, 1, { ...edited[1]!, reply: base[1]!.reply }), base)).toBe(true);
  });

  it('ignores what does not reach the saved rule (values kept for another match kind)', () => {
    const hidden = replaceRule(base, 0, { ...base[0]!, pattern: 'kept for regex' });
    expect(base[0]!.matchKind).not.toBe('regex');
    expect(sameRules(hidden, base)).toBe(true);
  });

  it('sees order, additions and removals', () => {
    expect(sameRules(moveRule(base, 0, 1), base)).toBe(false);
    expect(sameRules(moveRule(moveRule(base, 0, 1), 1, -1), base)).toBe(true);
    expect(sameRules(base.slice(1), base)).toBe(false);
    expect(sameRules([...base, fromRule(defaultRule('d'))], base)).toBe(false);
  });
});
