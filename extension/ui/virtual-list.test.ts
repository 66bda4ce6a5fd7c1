import { describe, expect, it } from 'vitest';
import { listKeys, windowOf } from './virtual-list.tsx';

describe('windowOf', () => {
  it('renders the rows in view plus overscan, clamped to the list', () => {
    expect(windowOf(0, 560, 56, 5000, 6)).toEqual({ start: 0, end: 17 });
    expect(windowOf(56 * 1000, 560, 56, 5000, 6)).toEqual({ start: 994, end: 1017 });
    expect(windowOf(56 * 4995, 560, 56, 5000, 6)).toEqual({ start: 4989, end: 5000 });
    expect(windowOf(0, 560, 56, 0, 6)).toEqual({ start: 0, end: 0 });
  });
});

describe('listKeys', () => {
  const press = (key: string, count: number, active: number) => {
    let moved = active;
    let opened = -1;
    const event = { key, preventDefault() {} } as KeyboardEvent;
    const handled = listKeys(event, count, active, 8, (i) => (moved = i), (i) => (opened = i));
    return { handled, moved, opened };
  };
  it('moves with arrows, pages and Home/End, and opens with Enter', () => {
    expect(press('ArrowDown', 10, -1).moved).toBe(0);
    expect(press('ArrowDown', 10, 9).moved).toBe(9);
    expect(press('ArrowUp', 10, 3).moved).toBe(2);
    expect(press('PageDown', 10, 3).moved).toBe(9);
    expect(press('Home', 10, 5).moved).toBe(0);
    expect(press('End', 10, 5).moved).toBe(9);
    expect(press('Enter', 10, 4).opened).toBe(4);
    expect(press('a', 10, 4).handled).toBe(false);
  });
});
