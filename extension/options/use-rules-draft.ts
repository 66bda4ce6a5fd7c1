// The auto-reply editor's working copy: rule drafts and the global limits, compared with what
// the worker has to know whether there are unsaved changes. When the worker's settings change
// (popup switch, import, another tab) a clean copy follows them; a dirty one is kept, because
// throwing away someone's typing is worse than a stale list they are about to save anyway.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AllSettings } from '../shared/messages.ts';
import type { AutoReplySettings } from '../shared/rules.ts';
import { sameRules } from './draft-changes.ts';
import { fromRule, toRule, type RuleDraft } from './rule-draft.ts';

export type Limits = Omit<AutoReplySettings, 'enabled'>;

/** The worker's rules and limits a working copy started from, normalised through the draft model. */
interface Base {
  /** Everything as JSON: only computed when settings arrive, to tell whether they changed. */
  key: string;
  drafts: readonly RuleDraft[];
  limits: string;
}

interface Working {
  base: Base;
  drafts: RuleDraft[];
  limits: Limits;
}

const limitsOf = (s: AutoReplySettings): Limits => ({ caps: { ...s.caps }, quietWhileActiveMinutes: s.quietWhileActiveMinutes });

function start(settings: AllSettings): Working {
  const drafts = settings.rules.map(fromRule);
  const limits = limitsOf(settings.autoReply);
  const base = { key: JSON.stringify([drafts.map(toRule), limits]), drafts, limits: JSON.stringify(limits) };
  // The working list starts as the base's own objects, so untouched rules compare by identity.
  return { base, drafts, limits };
}

/** Cheap per keystroke: identity for untouched rules, one rule serialised for the edited one. */
const isDirty = (w: Working) => !sameRules(w.drafts, w.base.drafts) || JSON.stringify(w.limits) !== w.base.limits;

export function useRulesDraft(settings: AllSettings) {
  const [working, setWorking] = useState(() => start(settings));
  const dirty = useMemo(() => isDirty(working), [working]);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const [changedElsewhere, setChangedElsewhere] = useState(false);

  const baseRef = useRef(working.base.key);
  baseRef.current = working.base.key;

  useEffect(() => {
    const next = start(settings);
    if (next.base.key === baseRef.current) return;
    if (dirtyRef.current) setChangedElsewhere(true);
    else setWorking(next);
  }, [settings]);

  // Stable across renders, so the rule cards' callbacks built on them are too (see pure.ts).
  const updates = useMemo(
    () => ({
      setDrafts: (update: (drafts: RuleDraft[]) => RuleDraft[]) => setWorking((w) => ({ ...w, drafts: update(w.drafts) })),
      setLimits: (limits: Limits) => setWorking((w) => ({ ...w, limits })),
      /** Start over from the worker's settings (after a save, or to discard). */
      reset: (fresh: AllSettings) => {
        setChangedElsewhere(false);
        setWorking(start(fresh));
      },
    }),
    [],
  );

  return { drafts: working.drafts, limits: working.limits, dirty, changedElsewhere, ...updates };
}
