import { describe, expect, it } from 'vitest';
import { memoizedItem, memoryArea, storageItem } from './storage-item.ts';

describe('storageItem', () => {
  it('returns the default until something is stored, then the stored value', async () => {
    const area = memoryArea();
    const item = storageItem(() => area, 'count', () => 7);
    expect(await item.get()).toBe(7);
    await item.set(3);
    expect(await item.get()).toBe(3);
    expect(area.data.count).toBe(3);
  });

  it('gives every caller a fresh default, never a shared mutable one', async () => {
    const item = storageItem(() => memoryArea(), 'list', (): string[] => []);
    const first = await item.get();
    first.push('x');
    expect(await item.get()).toEqual([]);
  });

  it('updates from the current value and removes back to the default', async () => {
    const area = memoryArea({ list: ['a'] });
    const item = storageItem(() => area, 'list', (): string[] => []);
    expect(await item.update((list) => [...list, 'b'])).toEqual(['a', 'b']);
    expect(await item.get()).toEqual(['a', 'b']);
    await item.remove();
    expect(await item.get()).toEqual([]);
    expect('list' in area.data).toBe(false);
  });

  it('keeps stored values isolated from later mutation of what was set', async () => {
    const area = memoryArea();
    const item = storageItem(() => area, 'obj', () => ({ n: 0 }));
    const value = { n: 1 };
    await item.set(value);
    value.n = 99;
    expect(await item.get()).toEqual({ n: 1 });
  });
});

describe('memoizedItem', () => {
  it('reads storage once, then serves what it last wrote', async () => {
    const area = memoryArea({ n: 1 });
    let reads = 0;
    const counting = { ...area, get: (keys: string | string[]) => ((reads += 1), area.get(keys)) };
    const item = memoizedItem(storageItem(() => counting, 'n', () => 0));
    expect(await item.get()).toBe(1);
    expect(await item.get()).toBe(1);
    expect(reads).toBe(1);
    await item.update((n) => n + 1);
    expect(await item.get()).toBe(2);
    expect(area.data.n).toBe(2);
    expect(reads).toBe(1);
    await item.remove();
    expect(await item.get()).toBe(0);
  });
});
