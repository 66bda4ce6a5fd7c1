import { describe, expect, it } from 'vitest';
import { chainedSums, median, percentile, round, summarize } from './stats.ts';

describe('stats', () => {
  it('takes nearest-rank percentiles of an unsorted sample', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([], 50)).toBeNaN();
  });

  it('takes the median of odd and even samples', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it('summarizes', () => {
    expect(summarize([1, 2, 3])).toEqual({ p50: 2, p95: 3, p99: 3, min: 1, max: 3, count: 3 });
  });

  it('sums consecutive round trips for the floor', () => {
    expect(chainedSums([1, 2, 3, 4], 3)).toEqual([6, 9]);
    expect(chainedSums([1, 2], 3)).toEqual([]);
  });

  it('rounds for display', () => {
    expect(round(1.23456)).toBe(1.23);
    expect(round(123.456)).toBe(123.5);
    expect(round(12345.6)).toBe(12346);
  });
});
