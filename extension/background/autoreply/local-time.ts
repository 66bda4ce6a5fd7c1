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

interface Zone {
  format: Intl.DateTimeFormat;
  /** The zone actually used. */
  name: string;
  /** The last answer, for the next call at the same instant (a batch decides at one `now`). */
  last?: { ms: number; time: LocalTime };
}

// Building a DateTimeFormat costs far more than using one, and a bad zone name would otherwise
// throw (and be caught) on every call: each requested name is resolved once, fallback included.
const zones = new Map<string, Zone>();

function newFormat(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

function zone(timeZone: string): Zone {
  let found = zones.get(timeZone);
  if (found) return found;
  try {
    found = { format: newFormat(timeZone), name: timeZone };
  } catch {
    // A bad zone name must not stop the engine (invariant 7); UTC is a visible, sane fallback.
    found = timeZone === 'UTC' ? { format: newFormat('Etc/UTC'), name: 'Etc/UTC' } : zone('UTC');
  }
  zones.set(timeZone, found);
  return found;
}

/** Frozen: one answer may be handed to several callers. */
export function localTime(ms: number, timeZone: string): LocalTime {
  const z = zone(timeZone);
  if (z.last?.ms === ms) return z.last.time;
  const parts: Record<string, string> = {};
  for (const part of z.format.formatToParts(new Date(ms))) parts[part.type] = part.value;
  const hour = Number(parts.hour) % 24;
  const minute = Number(parts.minute);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const time: LocalTime = Object.freeze({
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
    minutes: hour * 60 + minute,
    hhmm: `${pad(hour)}:${pad(minute)}`,
    date: `${parts.year}-${parts.month}-${parts.day}`,
    timeZone: z.name,
  });
  z.last = { ms, time };
  return time;
}

export const WEEKDAY_NAMES: readonly string[] = WEEKDAYS;
