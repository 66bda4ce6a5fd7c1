// Every field of one rule. Errors from the shared validator (rules.ts) are shown next to the
// fields they concern where there is one field (name, pattern, reply); the card lists them all.
import { SERVICES, type ServiceId } from '../shared/domain.ts';
import { LIMITS, REPLYABLE_KINDS, type GroupMode, type ReplyableKind } from '../shared/rules.ts';
import { t } from '../ui/i18n.ts';
import { Checkbox, Fieldset, Radio, TextField } from './fields.tsx';
import type { RuleDraft, WhoKind } from './rule-draft.ts';
import { RuleMatchFields } from './rule-match-fields.tsx';
import { RuleReplyFields } from './rule-reply-fields.tsx';
import { RuleScheduleFields } from './rule-schedule-fields.tsx';

const WHO: WhoKind[] = ['everyone', 'contacts', 'strangers'];
const GROUPS: GroupMode[] = ['off', 'mentioned', 'all'];

function toggle<T>(list: T[], item: T, on: boolean, order: readonly T[]): T[] {
  const set = new Set(list);
  if (on) set.add(item);
  else set.delete(item);
  return order.filter((x) => set.has(x));
}

/** The first error whose path starts with one of the prefixes, without the path. */
export function errorFor(errors: string[], ...prefixes: string[]): string | undefined {
  const hit = errors.find((e) => prefixes.some((p) => e.startsWith(`${p}:`) || e.startsWith(`${p}.`)));
  return hit?.slice(hit.indexOf(':') + 1).trim();
}

export function RuleEditor({ draft, onChange, errors, showAll, contactNames }: { draft: RuleDraft; onChange: (draft: RuleDraft) => void; errors: string[]; showAll: boolean; contactNames: string[] }) {
  const update = (patch: Partial<RuleDraft>) => onChange({ ...draft, ...patch });
  const shown = (...prefixes: string[]) => (showAll ? errorFor(errors, ...prefixes) : undefined);
  const listId = `${draft.id}-contacts`;
  return (
    <div class="rule-editor" id={`${draft.id}-editor`}>
      <TextField label={t('opt_ruleName')} value={draft.name} maxLength={LIMITS.name} required error={shown('name')} onChange={(name) => update({ name })} />
      <Fieldset legend={t('opt_services')}>
        {SERVICES.map((s: ServiceId) => (
          <Checkbox key={s} label={t(`service_${s}`)} checked={draft.services.includes(s)} onChange={(on) => update({ services: toggle(draft.services, s, on, SERVICES) })} />
        ))}
      </Fieldset>
      <Fieldset legend={t('opt_who')}>
        <div class="radios">
          {WHO.map((w) => (
            <Radio key={w} name={`${draft.id}-who`} value={w} current={draft.whoKind} label={t(`opt_who_${w}`)} onChange={(whoKind) => update({ whoKind })} />
          ))}
        </div>
        {draft.whoKind === 'contacts' && (
          <>
            <TextField label={t('opt_contactNames')} multiline value={draft.namesText} hint={t('opt_contactNamesHint')} onChange={(namesText) => update({ namesText })} />
            {contactNames.length > 0 && (
              <label class="field">
                <span>{t('opt_addContact')}</span>
                <input
                  list={listId}
                  onChange={(e) => {
                    const input = e.currentTarget as HTMLInputElement;
                    const name = input.value.trim();
                    if (name) update({ namesText: draft.namesText.trim() ? `${draft.namesText.trimEnd()}\n${name}` : name });
                    input.value = '';
                  }}
                />
                <datalist id={listId}>
                  {contactNames.map((n) => (
                    <option key={n} value={n} />
                  ))}
                </datalist>
              </label>
            )}
          </>
        )}
      </Fieldset>
      <Fieldset legend={t('opt_groups')}>
        <div class="radios">
          {GROUPS.map((g) => (
            <Radio key={g} name={`${draft.id}-groups`} value={g} current={draft.groups} label={t(`opt_groups_${g}`)} onChange={(groups) => update({ groups })} />
          ))}
        </div>
      </Fieldset>
      <RuleMatchFields draft={draft} update={update} patternError={errorFor(errors, 'match.pattern')} />
      <Fieldset legend={t('opt_kinds')}>
        {REPLYABLE_KINDS.map((k: ReplyableKind) => (
          <Checkbox key={k} label={t(`opt_kind_${k}`)} checked={draft.kinds.includes(k)} onChange={(on) => update({ kinds: toggle(draft.kinds, k, on, REPLYABLE_KINDS) })} />
        ))}
      </Fieldset>
      <RuleScheduleFields draft={draft} update={update} />
      <RuleReplyFields draft={draft} update={update} replyError={showAll || draft.reply !== '' ? errorFor(errors, 'reply') : undefined} />
      <Checkbox label={t('opt_continue')} checked={draft.continue} onChange={(on) => update({ continue: on })} />
      <p class="hint">{t('opt_continueHint')}</p>
    </div>
  );
}
