import { describe, expect, it } from 'vitest';
import { capRegexInput, checkRegex, compileRegex, findRegexHazard, probeRegex, REGEX_INPUT_CAP, REGEX_PATTERN_CAP } from './rules-regex.ts';

// A clock that never advances: the probe sees every run as instant. Tests never depend on speed.
const frozen = (): number => 0;

describe('static hazard check', () => {
  it.each([
    ['(a+)+$'],
    ['(a*)*b'],
    ['(\\w+\\s?)*$'],
    ['^([a-z]+)*x'],
    ['(?:a{1,3})+'],
    ['(.*a){20}'],
    ['((ab)+c)*'],
    ['(\\d+)*你好'],
    ['(.*,){5}x'],
    ['(\\w+\\s){3}'],
  ])('rejects nested repetition %s', (pattern) => {
    expect(findRegexHazard(pattern)).toMatch(/nested repetition/);
  });

  it.each([['(a|a)*'], ['(a|aa)+b'], ['(\\w|\\d)+$'], ['(x?y|x)+'], ['(A|a)+'], ['(|a)+']])('rejects ambiguous repeated alternatives %s', (pattern) => {
    expect(findRegexHazard(pattern, true)).toMatch(/alternatives/);
  });

  it.each([['(a)\\1'], ['(?<x>a)\\k<x>'], ['(.)\\2?']])('rejects backreferences %s', (pattern) => {
    expect(findRegexHazard(pattern)).toMatch(/backreferences/);
  });

  it.each([
    ['^hello'],
    ['你好|在吗'],
    ['\\d{3}-\\d{4}'],
    ['(\\d{1,3}\\.){3}\\d{1,3}'],
    ['(foo|bar)+'],
    ['https?://\\S+'],
    ['[a-z]+@[a-z]+\\.com'],
    ['(\\d{3}-){2}\\d{4}'],
    ['[(+*]+'],
    ['\\(a+\\)+'],
    ['a{2}b{1,}'],
    ['(?:价格|多少钱)[?？]?'],
    ['\\p{Script=Han}+'],
  ])('accepts %s', (pattern) => {
    expect(findRegexHazard(pattern)).toBeUndefined();
  });
});

describe('checkRegex', () => {
  it('accepts a good pattern and returns the compiled regex', () => {
    const check = checkRegex('价格|price', 'iu', frozen);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.regex.test('PRICE?')).toBe(true);
  });

  it('explains syntax errors, bad flags, length', () => {
    expect(checkRegex('(abc', '', frozen)).toMatchObject({ ok: false, error: expect.stringMatching(/^not a valid regular expression/) });
    expect(checkRegex('abc', 'g', frozen)).toEqual({ ok: false, error: 'flag "g" is not allowed (use any of i, m, s, u)' });
    expect(checkRegex('abc', 'y', frozen)).toMatchObject({ ok: false });
    expect(checkRegex('abc', 'ii', frozen)).toEqual({ ok: false, error: 'flag "i" is given twice' });
    expect(checkRegex('', '', frozen)).toEqual({ ok: false, error: 'the pattern is empty' });
    expect(checkRegex('a'.repeat(REGEX_PATTERN_CAP + 1), '', frozen)).toMatchObject({ ok: false, error: expect.stringContaining('at most 300') });
  });

  it('rejects catastrophic patterns before running them', () => {
    let calls = 0;
    const counting = (): number => (calls++, 0);
    expect(checkRegex('(a+)+$', '', counting).ok).toBe(false);
    expect(calls).toBe(0); // the probe never ran the dangerous regex
  });
});

describe('measured probe', () => {
  it('rejects a pattern when a run exceeds the budget (injected clock)', () => {
    // A fake regex that "takes" 40 ms per run once inputs reach 24 characters.
    let t = 0;
    const regex = { test: (s: string) => ((t += s.length >= 24 ? 40 : 0), false) } as unknown as RegExp;
    expect(probeRegex(regex, 'a*b', () => t)).toMatch(/^the pattern took 40 ms on a 24-character test message \(limit 25 ms\)/);
  });

  it('does not refuse a pattern for one slow run (a busy machine), but does for a slow one every time', () => {
    let t = 0;
    let slowRuns = 1;
    const hiccup = { test: (s: string) => ((t += s.length >= 24 && slowRuns-- > 0 ? 40 : 0), false) } as unknown as RegExp;
    expect(probeRegex(hiccup, 'ab', () => t)).toBeUndefined();
    const farOver = { test: (s: string) => ((t += s.length >= 24 ? 5000 : 0), false) } as unknown as RegExp;
    let runs = 0;
    const counted = { test: (s: string) => (s.length >= 24 && runs++, farOver.test(s)) } as unknown as RegExp;
    expect(probeRegex(counted, 'ab', () => t)).toMatch(/^the pattern took 5000 ms/);
    expect(runs).toBe(1); // far over the budget: not run again
  });

  it('catches a slow pattern the static check lets through, by measuring it', () => {
    // No group, so no nesting: but backtracking over adjacent unbounded repeats is polynomial.
    // The probe's pumps include the pattern's own literal characters (here the comma).
    for (const pattern of ['a*a*a*a*a*a*a*a*b', '.*,.*,.*,.*,x']) {
      expect(findRegexHazard(pattern)).toBeUndefined();
      expect(checkRegex(pattern, '')).toMatchObject({ ok: false, error: expect.stringMatching(/^the pattern took \d+ ms/) });
    }
  });

  it('passes a safe pattern through every probe length', () => {
    const seen: number[] = [];
    const regex = { test: (s: string) => (seen.push(s.length), false) } as unknown as RegExp;
    expect(probeRegex(regex, 'ab', frozen)).toBeUndefined();
    expect(Math.max(...seen)).toBe(REGEX_INPUT_CAP);
  });
});

describe('input cap', () => {
  it('feeds at most REGEX_INPUT_CAP characters and never half a surrogate pair', () => {
    const long = 'x'.repeat(REGEX_INPUT_CAP * 4) + 'END';
    expect(capRegexInput(long)).toHaveLength(REGEX_INPUT_CAP);
    const emoji = 'x'.repeat(REGEX_INPUT_CAP - 1) + '😀';
    expect(capRegexInput(emoji)).toBe('x'.repeat(REGEX_INPUT_CAP - 1));
    expect(capRegexInput('short')).toBe('short');
  });

  it('compileRegex memoises and refuses unsafe or invalid patterns', () => {
    expect(compileRegex('abc', 'i')).toBe(compileRegex('abc', 'i'));
    expect(compileRegex('(a+)+', '')).toBeUndefined();
    expect(compileRegex('(', '')).toBeUndefined();
    expect(compileRegex('a', 'g')).toBeUndefined();
  });
});
