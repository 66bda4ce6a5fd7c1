// Ready-made rules the editor offers with one click. Texts come in from the caller (t()), so the
// starter speaks the user's language; the shape is fixed here and tested.
import { defaultRule, type Rule } from '../shared/rules.ts';

/**
 * "I'm asleep": weekdays (Monday to Friday) from 22:00 to 08:00, everyone, never in groups.
 * A window crossing midnight belongs to the day it starts on, so Friday 22:00 - Saturday 08:00
 * is covered and Sunday night is not (docs/decisions/options.md).
 */
export function asleepRule(id: string, name: string, reply: string): Rule {
  return {
    ...defaultRule(id, name),
    who: { kind: 'everyone' },
    groups: 'off',
    match: { kind: 'any' },
    kinds: ['text'],
    schedule: { days: [1, 2, 3, 4, 5], windows: [{ start: '22:00', end: '08:00' }] },
    reply,
    cooldownMinutes: 60,
  };
}
