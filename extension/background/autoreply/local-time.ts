// Wall-clock time in the user's IANA time zone, via Intl (DST and historical offsets included).
// Schedules, {time} and {date} all read the wall clock, never a fixed UTC offset.

export interface LocalTime {
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
  /** Minutes since local midnight, 0..1439. */
  minutes: number;
  /** 'HH:MM' (24-hour). */
  hhmm: string;
  /** 'YYYY-MM-DD'. */
  date: string;
  /** The zone actually used (UTC when the given one is not a valid IANA name). */
  timeZone: string;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): { format: Intl.DateTimeFormat; zone: string } {
  const cached = formatters.get(timeZone);
  if (cached) return { format: cached, zone: timeZone };
  try {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, format);
    return { format, zone: timeZone };
  } catch {
    // A bad zone name must not stop the engine (invariant 7); UTC is a visible, sane fallback.
    return timeZone === 'UTC' ? formatter('Etc/UTC') : formatter('UTC');
  }
}

export function localTime(ms: number, timeZone: string): LocalTime {
  const { format, zone } = formatter(timeZone);
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(new Date(ms))) parts[part.type] = part.value;
  const hour = Number(parts.hour) % 24;
  const minute = Number(parts.minute);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return {
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
    minutes: hour * 60 + minute,
    hhmm: `${pad(hour)}:${pad(minute)}`,
    date: `${parts.year}-${parts.month}-${parts.day}`,
    timeZone: zone,
  };
}

export const WEEKDAY_NAMES: readonly string[] = WEEKDAYS;
