// What a message must say for a rule to answer: anything, any of some keywords, an exact text, or
// a regular expression. The regex validator's verdict shows inline while typing, before any save.
import { REGEX_ALLOWED_FLAGS } from '../shared/rules-regex.ts';
import { t } from '../ui/i18n.ts';
import { Checkbox, Fieldset, Radio, TextField } from './fields.tsx';
import type { MatchKind, RuleDraft } from './rule-draft.ts';

const KINDS: MatchKind[] = ['any', 'keywords', 'exact', 'regex'];

export function RuleMatchFields({ draft, update, patternError }: { draft: RuleDraft; update: (patch: Partial<RuleDraft>) => void; patternError: string | undefined }) {
  return (
    <Fieldset legend={t('opt_match')}>
      <div class="radios">
        {KINDS.map((kind) => (
          <Radio key={kind} name={`${draft.id}-match`} value={kind} current={draft.matchKind} label={t(`opt_match_${kind}`)} onChange={(matchKind) => update({ matchKind })} />
        ))}
      </div>
      {draft.matchKind === 'keywords' && (
        <TextField label={t('opt_keywords')} multiline value={draft.keywordsText} hint={t('opt_keywordsHint')} onChange={(keywordsText) => update({ keywordsText })} />
      )}
      {draft.matchKind === 'exact' && <TextField label={t('opt_exactText')} value={draft.exactText} hint={t('opt_exactHint')} onChange={(exactText) => update({ exactText })} />}
      {(draft.matchKind === 'keywords' || draft.matchKind === 'exact') && (
        <Checkbox label={t('opt_caseSensitive')} checked={draft.caseSensitive} onChange={(caseSensitive) => update({ caseSensitive })} />
      )}
      {draft.matchKind === 'regex' && (
        <div class="row">
          <TextField label={t('opt_pattern')} value={draft.pattern} error={patternError} onChange={(pattern) => update({ pattern })} />
          <TextField label={t('opt_flags')} value={draft.flags} maxLength={4} hint={t('opt_flagsHint', REGEX_ALLOWED_FLAGS)} onChange={(flags) => update({ flags: flags.trim() })} />
        </div>
      )}
    </Fieldset>
  );
}
