import { describe, expect, it } from 'vitest';
import { KeywordIndex } from './keyword-index.ts';
import { TextView } from './text-view.ts';

const NEEDLES = ['ab', 'abc', 'b', 'bca', 'aaab', '🙂', '\ud83d', '价格', '格式', 'zz', ''];
const TEXTS = ['', 'a', 'abcabc', 'aaaab', 'xxbcaxx', 'ab🙂', '价格式', 'baaab', 'zzz', 'ÀB'];

describe('KeywordIndex', () => {
  it('finds exactly what String.includes finds, for every needle and text', () => {
    const index = new KeywordIndex(true);
    const ids = NEEDLES.map((n) => index.add(n));
    for (const text of TEXTS) {
      const found = index.found(new TextView(text));
      expect(ids.map((id) => found[id] === 1)).toEqual(NEEDLES.map((n) => text.includes(n)));
    }
  });

  it('gives one id to a needle added twice, and answers for the text it is asked about', () => {
    const index = new KeywordIndex(false);
    expect(index.add('ok')).toBe(index.add('ok'));
    const first = new TextView('OK then');
    expect(index.found(first)[0]).toBe(1); // folded: lower-case
    expect(index.found(new TextView('nope'))[0]).toBe(0);
    const late = index.add('then');
    expect(index.found(first)[late]).toBe(1); // a needle added after a scan is seen
  });
});
