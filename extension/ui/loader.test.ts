import { describe, expect, it } from 'vitest';
import { loader } from './loader.ts';

describe('loader', () => {
  it('loads once however many ask, and holds the value', async () => {
    let calls = 0;
    const part = loader(async () => {
      calls += 1;
      return 'chunk';
    });
    expect(part.current()).toBeUndefined();
    const [a, b] = await Promise.all([part.preload(), part.preload()]);
    expect([a, b, part.current(), calls]).toEqual(['chunk', 'chunk', 'chunk', 1]);
  });

  it('tries again after a failure', async () => {
    let calls = 0;
    const part = loader(async () => {
      calls += 1;
      if (calls === 1) throw new Error('offline');
      return 42;
    });
    await expect(part.preload()).rejects.toThrow('offline');
    expect(await part.preload()).toBe(42);
  });
});
