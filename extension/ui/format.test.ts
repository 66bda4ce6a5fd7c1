import { describe, expect, it } from 'vitest';
import { dayLabel, daysApart, fileSize, listTime, unreadLabel } from './format.ts';

const labels = { today: 'Today', yesterday: 'Yesterday' };
const now = new Date(2026, 4, 20, 15, 0).getTime();

describe('format', () => {
  it('counts calendar days, not 24-hour spans', () => {
    expect(daysApart(new Date(2026, 4, 19, 23, 59).getTime(), new Date(2026, 4, 20, 0, 1).getTime())).toBe(1);
    expect(daysApart(new Date(2026, 4, 20, 0, 1).getTime(), now)).toBe(0);
  });
  it('labels days', () => {
    expect(dayLabel(now - 60_000, now, 'en', labels)).toBe('Today');
    expect(dayLabel(now - 86_400_000, now, 'en', labels)).toBe('Yesterday');
    expect(dayLabel(new Date(2026, 4, 17).getTime(), now, 'en', labels)).toBe('Sunday');
    expect(dayLabel(new Date(2025, 0, 3).getTime(), now, 'en', labels)).toContain('2025');
  });
  it('shows the hour today and a date before', () => {
    expect(listTime(new Date(2026, 4, 20, 9, 5).getTime(), now, 'en-GB', labels)).toBe('09:05');
    expect(listTime(new Date(2026, 2, 1).getTime(), now, 'en-US', labels)).toBe('3/1');
  });
  it('sizes and badges', () => {
    expect(fileSize(2048)).toBe('2.0 KB');
    expect(fileSize(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(unreadLabel(120)).toBe('99+');
  });
});
