// The settings every rule shares: the master switch (applied at once, like the popup's), the
// per-account caps and the quiet time after the user writes (saved with the rules).
import { LIMITS } from '../shared/rules.ts';
import { t } from '../ui/i18n.ts';
import { Checkbox, Fieldset, NumberField } from './fields.tsx';
import type { Limits } from './use-rules-draft.ts';

export function MasterSwitch({ enabled, onChange }: { enabled: boolean; onChange: (enabled: boolean) => void }) {
  return (
    <div class="master card">
      <Checkbox label={<strong>{t('opt_masterSwitch')}</strong>} checked={enabled} onChange={onChange} />
      <p class="hint">{enabled ? t('opt_masterOnHint') : t('opt_masterOffHint')}</p>
    </div>
  );
}

export function LimitsFields({ limits, onChange }: { limits: Limits; onChange: (limits: Limits) => void }) {
  const cap = (key: keyof Limits['caps'], value: number) => onChange({ ...limits, caps: { ...limits.caps, [key]: value } });
  return (
    <Fieldset legend={t('opt_limits')} hint={t('opt_limitsHint')}>
      <NumberField label={t('opt_perMinute')} min={1} max={LIMITS.perMinute} value={limits.caps.perMinute} onChange={(v) => cap('perMinute', v)} />
      <NumberField label={t('opt_perHour')} min={1} max={LIMITS.perHour} value={limits.caps.perHour} onChange={(v) => cap('perHour', v)} />
      <NumberField label={t('opt_perDay')} min={1} max={LIMITS.perDay} value={limits.caps.perDay} onChange={(v) => cap('perDay', v)} />
      <NumberField
        label={t('opt_quiet')}
        unit={t('opt_minutes')}
        min={0}
        max={LIMITS.quietMinutes}
        value={limits.quietWhileActiveMinutes}
        hint={t('opt_quietHint')}
        onChange={(quietWhileActiveMinutes) => onChange({ ...limits, quietWhileActiveMinutes })}
      />
    </Fieldset>
  );
}
