// Auto-reply: master switch, shared limits, the ordered rules with their editor, and Save. The
// page validates with the same code the worker uses (rules.ts) and refuses to send a list with
// problems; the worker validates again and its answer is shown as it comes.
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { AllSettings } from '../shared/messages.ts';
import { defaultRule, validateRules, validateSettings } from '../shared/rules.ts';
import type { WorkerConnection } from '../ui/connection.ts';
import { allContacts } from '../ui/db-reader.ts';
import { t } from '../ui/i18n.ts';
import { LimitsFields, MasterSwitch } from './autoreply-limits.tsx';
import { ErrorList } from './fields.tsx';
import { fromRule, newRuleId, toRule, type RuleDraft } from './rule-draft.ts';
import { RuleCard, type RuleCardActions } from './rule-card.tsx';
import { duplicateRule, moveRule, removeRule, replaceRule } from './rule-list.ts';
import { asleepRule } from './starter-rules.ts';
import { errorText } from '../ui/format.ts';
import { useRulesDraft } from './use-rules-draft.ts';

async function contactNames(): Promise<string[]> {
  const names = new Set<string>();
  for (const c of await allContacts()) {
    if (c.kind !== 'user') continue;
    if (c.name) names.add(c.name);
    if (c.remark) names.add(c.remark);
  }
  return [...names].sort((a, b) => a.localeCompare(b)).slice(0, 2000);
}

export function AutoReplySection(props: { connection: WorkerConnection; settings: AllSettings; onSaved: (settings: AllSettings) => void; onDirty: (dirty: boolean) => void }) {
  const { connection, settings, onSaved, onDirty } = props;
  const work = useRulesDraft(settings);
  useEffect(() => onDirty(work.dirty), [work.dirty, onDirty]);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    contactNames().then(setNames, () => setNames([]));
  }, []);

  const toggleOpen = useCallback(
    (id: string, to?: boolean) =>
      setOpen((current) => {
        const next = new Set(current);
        if (to ?? !next.has(id)) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  // Built once: cards are pure (rule-card.tsx), so new callbacks would re-render every card.
  const { setDrafts } = work;
  const cardActions = useMemo<RuleCardActions>(() => {
    const at = (id: string, edit: (list: RuleDraft[], index: number) => RuleDraft[]) =>
      setDrafts((list) => {
        const index = list.findIndex((d) => d.id === id);
        return index < 0 ? list : edit(list, index);
      });
    return {
      change: (next) => at(next.id, (list, index) => replaceRule(list, index, next)),
      move: (id, by) => at(id, (list, index) => moveRule(list, index, by)),
      duplicate: (id) => {
        const copy = newRuleId();
        at(id, (list, index) => duplicateRule(list, index, (name) => t('opt_copyOf', name), copy));
        toggleOpen(copy, true);
      },
      remove: (id) => at(id, removeRule),
      toggleOpen: (id) => toggleOpen(id),
    };
  }, [setDrafts, toggleOpen]);
  const add = (draft: RuleDraft) => {
    setDrafts((list) => [...list, draft]);
    toggleOpen(draft.id, true);
    setStatus('');
  };

  // The switch moves at once and falls back if the worker refuses.
  const [pendingSwitch, setPendingSwitch] = useState<boolean | undefined>();
  const setEnabled = async (enabled: boolean) => {
    setPendingSwitch(enabled);
    setErrors([]);
    try {
      await connection.request('setAutoReplyEnabled', { enabled });
      onSaved({ ...settings, autoReply: { ...settings.autoReply, enabled } });
    } catch (e) {
      setErrors([errorText(e)]);
    } finally {
      setPendingSwitch(undefined);
    }
  };

  const save = async () => {
    setStatus('');
    setAttempted(true);
    const rules = validateRules(work.drafts.map(toRule));
    const autoReply = validateSettings({ ...work.limits, enabled: settings.autoReply.enabled });
    const problems = [...(rules.ok ? [] : rules.errors), ...(autoReply.ok ? [] : autoReply.errors.map((e) => `${t('opt_limits')}: ${e}`))];
    if (!rules.ok || !autoReply.ok) {
      setErrors(problems);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      await connection.request('saveRules', { rules: rules.value });
      await connection.request('saveAutoReplySettings', { settings: autoReply.value });
      const saved = await connection.request('getSettings', {});
      work.reset(saved);
      onSaved(saved);
      setAttempted(false);
      setStatus(t('opt_saved'));
    } catch (e) {
      // The worker's answer lists the problems, one per line.
      setErrors(errorText(e).split('\n').filter(Boolean));
    } finally {
      setBusy(false);
    }
  };

  const count = work.drafts.length;
  return (
    <section id="autoreply" aria-labelledby="autoreply-title" class="section">
      <h2 id="autoreply-title">{t('autoReply')}</h2>
      <MasterSwitch enabled={pendingSwitch ?? settings.autoReply.enabled} onChange={(on) => void setEnabled(on)} />
      <LimitsFields limits={work.limits} onChange={work.setLimits} />
      <h3 id="rules-title">{t('opt_rules')}</h3>
      <p class="hint">{t('opt_rulesHint')}</p>
      {count === 0 ? (
        <p class="muted">{t('opt_noRules')}</p>
      ) : (
        <ol class="rules" aria-labelledby="rules-title">
          {work.drafts.map((draft, index) => (
            <RuleCard
              key={draft.id}
              draft={draft}
              index={index}
              last={index === count - 1}
              open={open.has(draft.id)}
              showErrors={attempted}
              contactNames={names}
              actions={cardActions}
            />
          ))}
        </ol>
      )}
      <div class="actions">
        <button type="button" onClick={() => add(fromRule(defaultRule(newRuleId(), t('opt_newRuleName'))))}>
          {t('opt_addRule')}
        </button>
        <button type="button" onClick={() => add(fromRule(asleepRule(newRuleId(), t('opt_asleepName'), t('opt_asleepReply'))))}>
          {t('opt_addAsleep')}
        </button>
      </div>
      {work.changedElsewhere && <p class="warning">{t('opt_changedElsewhere')}</p>}
      <ErrorList title={t('opt_notSaved')} errors={errors} />
      <div class="actions sticky-save">
        <button type="button" class="primary" disabled={busy} onClick={() => void save()}>
          {t('opt_saveRules')}
        </button>
        <button type="button" disabled={!work.dirty || busy} onClick={() => work.reset(settings)}>
          {t('opt_discard')}
        </button>
        <span role="status" class="status-line">
          {work.dirty ? t('opt_unsaved') : status}
        </span>
      </div>
    </section>
  );
}
