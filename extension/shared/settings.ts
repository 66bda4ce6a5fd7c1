// User settings that are not auto-reply rules: notifications and privacy. Validated at the boundary.
import * as v from 'valibot';

const clock = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM'));

export const NOTIFICATION_SETTINGS = v.object({
  enabled: v.boolean(),
  /** Show sender only, never the message text. */
  privacy: v.boolean(),
  doNotDisturb: v.object({ enabled: v.boolean(), from: clock, to: clock }),
});
export type NotificationSettings = v.InferOutput<typeof NOTIFICATION_SETTINGS>;

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  enabled: true,
  privacy: false,
  doNotDisturb: { enabled: false, from: '22:00', to: '08:00' },
};

/** True when `minutes` (since local midnight) falls in the window; windows may cross midnight. */
export function inClockWindow(minutes: number, from: string, to: string): boolean {
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const start = toMinutes(from);
  const end = toMinutes(to);
  if (start === end) return true;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}
