// Is a rule's schedule open at a given local time? Windows are [start, end) on the chosen days;
// a window whose end is not after its start (22:00-08:00) crosses midnight and belongs to the day
// it starts on: Friday 22:00-08:00 is open Friday 22:00 to Saturday 08:00, whatever Saturday says.
// Rules are compiled once (compiled-rules.ts): days become a lookup by weekday and 'HH:MM' become
// minutes, so a check is a few comparisons.
import type { RuleSchedule } from '../../shared/rules.ts';
import { WEEKDAY_NAMES, type LocalTime } from './local-time.ts';

export interface CompiledSchedule {
  /** Indexed by weekday, 0 = Sunday. */
  days: readonly boolean[];
  /** Minutes since midnight; empty = the whole of each chosen day. */
  windows: readonly { start: number; end: number }[];
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function compileSchedule(schedule: RuleSchedule): CompiledSchedule {
  const chosen = schedule.days as readonly number[];
  return {
    days: Array.from({ length: 7 }, (_, day) => chosen.includes(day)),
    windows: schedule.windows.map((w) => ({ start: toMinutes(w.start), end: toMinutes(w.end) })),
  };
}

// `=== true`: a weekday outside 0..6 (it cannot happen with Intl's names) is simply not chosen.
const onDay = (days: readonly boolean[], weekday: number): boolean => days[weekday] === true;

export function compiledScheduleOpen(schedule: CompiledSchedule, local: LocalTime): boolean {
  const { days, windows } = schedule;
  if (windows.length === 0) return onDay(days, local.weekday);
  for (const { start, end } of windows) {
    if (start < end) {
      if (onDay(days, local.weekday) && local.minutes >= start && local.minutes < end) return true;
    } else if ((onDay(days, local.weekday) && local.minutes >= start) || (onDay(days, (local.weekday + 6) % 7) && local.minutes < end)) {
      return true;
    }
  }
  return false;
}

export function scheduleOpen(schedule: RuleSchedule | null, local: LocalTime): boolean {
  return !schedule || compiledScheduleOpen(compileSchedule(schedule), local);
}

/** "Mon Tue Fri 22:00–08:00, 12:00–13:00" for explanations. */
export function describeSchedule(schedule: RuleSchedule): string {
  const days = schedule.days.length === 7 ? 'every day' : [...schedule.days].sort().map((d) => WEEKDAY_NAMES[d]).join(' ');
  const windows = schedule.windows.length ? schedule.windows.map((w) => `${w.start}–${w.end}`).join(', ') : 'all day';
  return `${days} ${windows}`;
}
