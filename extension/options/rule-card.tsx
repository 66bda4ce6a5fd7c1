// One rule in the ordered list: a header with its place, name and list actions, and the editor
// when expanded. Validation runs here (once per change) so the header can flag problems too.
// Cards are pure: with stable actions, a keystroke re-renders only the card being edited.
import { useMemo } from 'preact/hooks';
import { validateRule } from '../shared/rules.ts';
import { t } from '../ui/i18n.ts';
import { Checkbox, ErrorList } from './fields.tsx';
import { pure } from './pure.ts';
import { toRule, type RuleDraft } from './rule-draft.ts';
import { RuleEditor } from './rule-editor.tsx';

/** One object for all cards, addressing rules by id (not by place, which moves). */
export interface RuleCardActions {
  change(draft: RuleDraft): void;
  move(id: string, by: -1 | 1): void;
  duplicate(id: string): void;
  remove(id: string): void;
  toggleOpen(id: string): void;
}

export const RuleCard = pure(function RuleCard(props: { draft: RuleDraft; index: number; last: boolean; open: boolean; showErrors: boolean; contactNames: string[]; actions: RuleCardActions }) {
  const { draft, index, last, open, actions } = props;
  const errors = useMemo(() => {
    const result = validateRule(toRule(draft));
    return result.ok ? [] : result.errors;
  }, [draft]);
  const titleId = `${draft.id}-title`;
  const name = draft.name.trim() || t('opt_unnamedRule');
  return (
    <li class={`rule card${draft.enabled ? '' : ' rule-off'}`} aria-labelledby={titleId} data-rule={draft.id}>
      <div class="rule-head">
        <h4 id={titleId}>
          <span class="rule-index">{index + 1}.</span> {name}
        </h4>
        {errors.length > 0 && props.showErrors && <span class="badge badge-error">{t('opt_hasProblems')}</span>}
        <Checkbox label={t('opt_ruleEnabled')} checked={draft.enabled} onChange={(enabled) => actions.change({ ...draft, enabled })} />
        <div class="rule-actions">
          <button type="button" aria-expanded={open} aria-controls={open ? `${draft.id}-editor` : undefined} onClick={() => actions.toggleOpen(draft.id)}>
            {open ? t('opt_collapse') : t('opt_edit')}
          </button>
          <button type="button" disabled={index === 0} onClick={() => actions.move(draft.id, -1)}>
            {t('opt_moveUp')}
          </button>
          <button type="button" disabled={last} onClick={() => actions.move(draft.id, 1)}>
            {t('opt_moveDown')}
          </button>
          <button type="button" onClick={() => actions.duplicate(draft.id)}>
            {t('opt_duplicate')}
          </button>
          <button type="button" class="danger" onClick={() => actions.remove(draft.id)}>
            {t('opt_delete')}
          </button>
        </div>
      </div>
      {props.showErrors && <ErrorList title={t('opt_ruleProblems')} errors={errors} />}
      {open && <RuleEditor draft={draft} onChange={actions.change} errors={errors} showAll={props.showErrors} contactNames={props.contactNames} />}
    </li>
  );
});
