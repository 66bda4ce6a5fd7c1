import { describe, expect, it } from 'vitest';
import { shallowDiffers } from './pure.ts';

describe('shallowDiffers', () => {
  const f = () => undefined;
  const list = [1, 2];

  it('compares props by identity, one level deep', () => {
    expect(shallowDiffers({ a: 1, f, list }, { a: 1, f, list })).toBe(false);
    expect(shallowDiffers({ a: 1, list }, { a: 1, list: [1, 2] })).toBe(true);
    expect(shallowDiffers({ a: 1 }, { a: 2 })).toBe(true);
  });

  it('sees a prop added or removed', () => {
    expect(shallowDiffers({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(shallowDiffers({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });
});
