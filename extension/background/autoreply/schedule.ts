// Is a rule's schedule open at a given local time? Windows are [start, end) on the chosen days;
// a window whose end is not after its start (22:00-08:00) crosses midnight and belongs to the day
// it starts on: Friday 22:00-08:00 is open Friday 22:00 to Saturday 08:00, whatever Saturday says.
import type { RuleSchedule, TimeWindow } from '../../shared/rules.ts';
import { WEEKDAY_NAMES, type LocalTime } from './local-time.ts';

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function windowOpen(window: TimeWindow, days: readonly number[], local: LocalTime): boolean {
  const start = toMinutes(window.start);
  const end = toMinutes(window.end);
  const today = days.includes(local.weekday);
  if (start < end) return today && local.minutes >= start && local.minutes < end;
  const yesterday = days.includes((local.weekday + 6) % 7);
  return (today && local.minutes >= start) || (yesterday && local.minutes < end);
}

export function scheduleOpen(schedule: RuleSchedule | null, local: LocalTime): boolean {
  if (!schedule) return true;
  if (schedule.windows.length === 0) return (schedule.days as readonly number[]).includes(local.weekday);
  return schedule.windows.some((w) => windowOpen(w, schedule.days, local));
}

/** "Mon Tue Fri 22:00–08:00, 12:00–13:00" for explanations. */
export function describeSchedule(schedule: RuleSchedule): string {
  const days = schedule.days.length === 7 ? 'every day' : [...schedule.days].sort().map((d) => WEEKDAY_NAMES[d]).join(' ');
  const windows = schedule.windows.length ? schedule.windows.map((w) => `${w.start}–${w.end}`).join(', ') : 'all day';
  return `${days} ${windows}`;
}
