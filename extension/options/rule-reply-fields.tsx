// The reply: a template with variable chips that insert at the caret, a live preview, the random
// delay range and the per-contact cooldown.
import { useRef } from 'preact/hooks';
import { LIMITS } from '../shared/rules.ts';
import { renderTemplate, TEMPLATE_CAP, TEMPLATE_VARIABLES, type TemplateValues } from '../shared/rules-template.ts';
import { t } from '../ui/i18n.ts';
import { NumberField } from './fields.tsx';
import type { RuleDraft } from './rule-draft.ts';

function sampleValues(): TemplateValues {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    name: t('opt_sampleName'),
    service: t('service_wechat'),
    time: `${pad(now.getHours())}:${pad(now.getMinutes())}`,
    date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
    message: t('opt_sampleMessage'),
  };
}

export function RuleReplyFields({ draft, update, replyError }: { draft: RuleDraft; update: (patch: Partial<RuleDraft>) => void; replyError: string | undefined }) {
  const area = useRef<HTMLTextAreaElement>(null);
  const id = `${draft.id}-reply`;
  const insert = (variable: string) => {
    const el = area.current;
    const token = `{${variable}}`;
    const start = el?.selectionStart ?? draft.reply.length;
    const end = el?.selectionEnd ?? draft.reply.length;
    update({ reply: draft.reply.slice(0, start) + token + draft.reply.slice(end) });
    // After preact writes the new value, put the caret after the inserted variable.
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };
  return (
    <div class="reply-fields">
      <label class="field" for={id}>
        <span>{t('opt_reply')}</span>
      </label>
      <textarea
        id={id}
        ref={area}
        rows={3}
        maxLength={TEMPLATE_CAP}
        value={draft.reply}
        aria-invalid={replyError ? true : undefined}
        aria-describedby={`${id}-vars ${id}-preview${replyError ? ` ${id}-error` : ''}`}
        onInput={(e) => update({ reply: (e.currentTarget as HTMLTextAreaElement).value })}
      />
      {replyError && (
        <small id={`${id}-error`} class="error">
          {replyError}
        </small>
      )}
      <div class="chips-row" role="group" aria-label={t('opt_insertVariable')} id={`${id}-vars`}>
        {TEMPLATE_VARIABLES.map((v) => (
          <button key={v} type="button" class="chip-button" title={t(`opt_var_${v}`)} onClick={() => insert(v)}>
            {`{${v}}`}
          </button>
        ))}
      </div>
      <p class="hint" id={`${id}-preview`}>
        {t('opt_preview')}: <span class="preview">{draft.reply.trim() ? renderTemplate(draft.reply, sampleValues()) : '—'}</span>
      </p>
      <div class="row">
        <NumberField label={t('opt_delayMin')} unit={t('opt_seconds')} min={0} max={LIMITS.delaySeconds} value={draft.delayMin} onChange={(delayMin) => update({ delayMin })} />
        <NumberField label={t('opt_delayMax')} unit={t('opt_seconds')} min={0} max={LIMITS.delaySeconds} value={draft.delayMax} onChange={(delayMax) => update({ delayMax })} />
      </div>
      <p class="hint">{t('opt_delayHint')}</p>
      <NumberField label={t('opt_cooldown')} unit={t('opt_minutes')} min={0} max={LIMITS.cooldownMinutes} value={draft.cooldownMinutes} hint={t('opt_cooldownHint')} onChange={(cooldownMinutes) => update({ cooldownMinutes })} />
    </div>
  );
}
