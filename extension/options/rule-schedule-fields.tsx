// When a rule may answer: chosen weekdays and time windows, in the user's own time zone (shown,
// because "22:00" means nothing without it).
import type { TimeWindow, Weekday } from '../shared/rules.ts';
import { LIMITS } from '../shared/rules.ts';
import { t } from '../ui/i18n.ts';
import { Checkbox, Fieldset } from './fields.tsx';
import type { RuleDraft } from './rule-draft.ts';

/** Monday first, as calendars in China and most of Europe show weeks. */
const WEEK: Weekday[] = [1, 2, 3, 4, 5, 6, 0];

export const userTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function RuleScheduleFields({ draft, update }: { draft: RuleDraft; update: (patch: Partial<RuleDraft>) => void }) {
  const setWindow = (index: number, patch: Partial<TimeWindow>) => update({ windows: draft.windows.map((w, i) => (i === index ? { ...w, ...patch } : w)) });
  const toggleDay = (day: Weekday, on: boolean) => update({ days: on ? [...draft.days.filter((d) => d !== day), day] : draft.days.filter((d) => d !== day) });
  return (
    <Fieldset legend={t('opt_schedule')} hint={t('opt_timeZone', userTimeZone())}>
      <Checkbox label={t('opt_scheduleOn')} checked={draft.scheduleOn} onChange={(scheduleOn) => update({ scheduleOn })} />
      {draft.scheduleOn && (
        <>
          <div class="days" role="group" aria-label={t('opt_days')}>
            {WEEK.map((day) => (
              <Checkbox key={day} label={t(`opt_day_${day}`)} checked={draft.days.includes(day)} onChange={(on) => toggleDay(day, on)} />
            ))}
          </div>
          <p class="hint">{t('opt_windowsHint')}</p>
          <ul class="windows" aria-label={t('opt_windows')}>
            {draft.windows.map((w, i) => (
              <li key={i} class="row">
                <label class="field">
                  <span>{t('opt_from')}</span>
                  <input type="time" value={w.start} required onInput={(e) => setWindow(i, { start: (e.currentTarget as HTMLInputElement).value })} />
                </label>
                <label class="field">
                  <span>{t('opt_to')}</span>
                  <input type="time" value={w.end === '24:00' ? '00:00' : w.end} required onInput={(e) => setWindow(i, { end: (e.currentTarget as HTMLInputElement).value })} />
                </label>
                <button type="button" onClick={() => update({ windows: draft.windows.filter((_, j) => j !== i) })}>
                  {t('opt_removeWindow')}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" disabled={draft.windows.length >= LIMITS.windows} onClick={() => update({ windows: [...draft.windows, { start: '09:00', end: '18:00' }] })}>
            {t('opt_addWindow')}
          </button>
        </>
      )}
    </Fieldset>
  );
}
