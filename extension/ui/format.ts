// Times, days and sizes for lists and conversations. Pure: the clock and labels are passed in.

export interface DayLabels {
  today: string;
  yesterday: string;
}

const startOfDay = (at: number): number => {
  const d = new Date(at);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
};

/** Calendar days between two instants in local time (0 = same day). */
export function daysApart(at: number, now: number): number {
  return Math.round((startOfDay(now) - startOfDay(at)) / 86_400_000);
}

export const sameDay = (a: number, b: number): boolean => daysApart(a, b) === 0;

// Building an Intl.DateTimeFormat costs far more than using one: a list of rows shares them.
const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) formats.set(key, (found = new Intl.DateTimeFormat(locale, options)));
  return found;
}

export function timeOfDay(at: number, locale: string): string {
  return format(locale, { hour: '2-digit', minute: '2-digit' }).format(at);
}

/** A day separator in a conversation: Today, Yesterday, a weekday this week, else the date. */
export function dayLabel(at: number, now: number, locale: string, labels: DayLabels): string {
  const days = daysApart(at, now);
  if (days === 0) return labels.today;
  if (days === 1) return labels.yesterday;
  const date = new Date(at);
  if (days > 1 && days < 7) return format(locale, { weekday: 'long' }).format(date);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return format(locale, sameYear ? { month: 'short', day: 'numeric', weekday: 'short' } : { year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' }).format(date);
}

/** The time shown in the inbox: the hour today, "Yesterday", else a short date. */
export function listTime(at: number, now: number, locale: string, labels: DayLabels): string {
  const days = daysApart(at, now);
  if (days === 0) return timeOfDay(at, locale);
  if (days === 1) return labels.yesterday;
  const date = new Date(at);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return format(locale, sameYear ? { month: 'numeric', day: 'numeric' } : { year: '2-digit', month: 'numeric', day: 'numeric' }).format(date);
}

export function fileSize(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Unread badges stop at 99+ like the services' own. */
export const unreadLabel = (n: number): string => (n > 99 ? '99+' : String(n));

/** An error as a line a person can read (an Error's message, else the value as text). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
