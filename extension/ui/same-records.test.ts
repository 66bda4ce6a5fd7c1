import { describe, expect, it } from 'vitest';
import { sameRecords, sameValue } from './same-records.ts';

describe('sameRecords', () => {
  it('compares nested records by value', () => {
    const a = { id: '1', name: '张三', pinyin: { initials: 'zs', full: 'zhangsan' }, tags: [1, 2] };
    expect(sameValue(a, structuredClone(a))).toBe(true);
    expect(sameValue(a, { ...a, pinyin: { initials: 'zs', full: 'zhang' } })).toBe(false);
    expect(sameValue(a, { ...a, extra: undefined })).toBe(false);
    expect(sameValue([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameValue(null, {})).toBe(false);
  });

  it('compares lists in order', () => {
    const list = [{ id: 'a' }, { id: 'b' }];
    expect(sameRecords(list, structuredClone(list))).toBe(true);
    expect(sameRecords(list, [{ id: 'b' }, { id: 'a' }])).toBe(false);
    expect(sameRecords(list, list.slice(1))).toBe(false);
  });
});
