import { describe, expect, it } from 'vitest';
import type { RuleSchedule } from '../../shared/rules.ts';
import { localTime } from './local-time.ts';
import { scheduleOpen } from './schedule.ts';

const at = (iso: string, tz: string) => localTime(Date.parse(iso), tz);
const open = (s: RuleSchedule | null, iso: string, tz = 'Asia/Shanghai') => scheduleOpen(s, at(iso, tz));

describe('local time', () => {
  it('reads the wall clock in the given zone', () => {
    expect(at('2025-06-04T16:30:00Z', 'Asia/Shanghai')).toEqual({ weekday: 4, minutes: 30, hhmm: '00:30', date: '2025-06-05', timeZone: 'Asia/Shanghai' });
    expect(at('2025-06-04T16:30:00Z', 'America/Los_Angeles')).toMatchObject({ weekday: 3, hhmm: '09:30', date: '2025-06-04' });
  });

  it('falls back to UTC for an unknown zone instead of throwing', () => {
    expect(at('2025-06-04T16:30:00Z', 'Mars/Olympus')).toMatchObject({ hhmm: '16:30', timeZone: 'UTC' });
    expect(at('2025-06-04T16:31:00Z', 'Mars/Olympus')).toMatchObject({ hhmm: '16:31', timeZone: 'UTC' }); // the fallback is remembered
  });

  it('answers each instant and zone on its own (the last answer is reused only for the same ones)', () => {
    const ms = Date.parse('2025-06-04T16:30:00Z');
    expect(localTime(ms, 'Asia/Shanghai')).toBe(localTime(ms, 'Asia/Shanghai'));
    expect(localTime(ms + 60_000, 'Asia/Shanghai').hhmm).toBe('00:31');
    expect(localTime(ms, 'Europe/London').hhmm).toBe('17:30');
    expect(localTime(ms, 'Asia/Shanghai').hhmm).toBe('00:30');
  });
});

describe('schedules', () => {
  const weekdayNights: RuleSchedule = { days: [1, 2, 3, 4, 5], windows: [{ start: '22:00', end: '08:00' }] };

  it('null is always open; empty windows mean whole days', () => {
    expect(open(null, '2025-06-04T02:00:00Z')).toBe(true);
    expect(open({ days: [3], windows: [] }, '2025-06-04T02:00:00Z')).toBe(true); // Wed 10:00
    expect(open({ days: [4], windows: [] }, '2025-06-04T02:00:00Z')).toBe(false);
  });

  it('same-day windows are [start, end)', () => {
    const office: RuleSchedule = { days: [1, 2, 3, 4, 5], windows: [{ start: '09:00', end: '18:00' }] };
    expect(open(office, '2025-06-04T00:59:00Z')).toBe(false); // Wed 08:59
    expect(open(office, '2025-06-04T01:00:00Z')).toBe(true); // Wed 09:00
    expect(open(office, '2025-06-04T09:59:00Z')).toBe(true); // Wed 17:59
    expect(open(office, '2025-06-04T10:00:00Z')).toBe(false); // Wed 18:00
    expect(open({ days: [3], windows: [{ start: '20:00', end: '24:00' }] }, '2025-06-04T15:59:00Z')).toBe(true); // Wed 23:59
  });

  it('a window across midnight belongs to the day it starts on', () => {
    expect(open(weekdayNights, '2025-06-06T14:30:00Z')).toBe(true); // Fri 22:30
    expect(open(weekdayNights, '2025-06-06T23:59:00Z')).toBe(true); // Sat 07:59: Friday's window
    expect(open(weekdayNights, '2025-06-07T00:00:00Z')).toBe(false); // Sat 08:00
    expect(open(weekdayNights, '2025-06-07T14:30:00Z')).toBe(false); // Sat 22:30: Saturday not chosen
    expect(open(weekdayNights, '2025-06-08T23:00:00Z')).toBe(false); // Mon 07:00: Sunday's window, not chosen
    expect(open(weekdayNights, '2025-06-09T14:00:00Z')).toBe(true); // Mon 22:00
  });

  it('the same instant is inside or outside depending on the time zone', () => {
    const instant = '2025-06-04T15:00:00Z'; // Shanghai Wed 23:00, London Wed 16:00, New York Wed 11:00
    expect(open(weekdayNights, instant, 'Asia/Shanghai')).toBe(true);
    expect(open(weekdayNights, instant, 'Europe/London')).toBe(false);
    expect(open(weekdayNights, '2025-06-05T03:00:00Z', 'America/New_York')).toBe(true); // Wed 23:00 EDT
    expect(open(weekdayNights, '2025-06-05T03:00:00Z', 'Asia/Kolkata')).toBe(false); // Thu 08:30 IST
  });

  it('DST: the spring-forward gap shortens a window, the fall-back repeat lengthens it', () => {
    const early: RuleSchedule = { days: [0], windows: [{ start: '01:00', end: '03:00' }] };
    // 2025-03-09, New York: 02:00 EST jumps to 03:00 EDT. 06:59Z is 01:59 EST, 07:00Z is 03:00 EDT.
    expect(open(early, '2025-03-09T06:59:00Z', 'America/New_York')).toBe(true);
    expect(open(early, '2025-03-09T07:00:00Z', 'America/New_York')).toBe(false);
    expect(at('2025-03-09T07:00:00Z', 'America/New_York').hhmm).toBe('03:00');
    // 2025-11-02: 01:30 happens twice (05:30Z EDT and 06:30Z EST); both are inside.
    const fall: RuleSchedule = { days: [0], windows: [{ start: '01:00', end: '02:00' }] };
    expect(open(fall, '2025-11-02T05:30:00Z', 'America/New_York')).toBe(true);
    expect(open(fall, '2025-11-02T06:30:00Z', 'America/New_York')).toBe(true);
    expect(open(fall, '2025-11-02T07:00:00Z', 'America/New_York')).toBe(false); // 02:00 EST
  });

  it('DST across midnight: a Saturday-night window still closes at 08:00 local on Sunday', () => {
    const night: RuleSchedule = { days: [6], windows: [{ start: '22:00', end: '08:00' }] };
    expect(open(night, '2025-03-09T11:59:00Z', 'America/New_York')).toBe(true); // Sun 07:59 EDT
    expect(open(night, '2025-03-09T12:00:00Z', 'America/New_York')).toBe(false); // Sun 08:00 EDT
  });
});
