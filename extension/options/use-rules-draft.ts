// The auto-reply editor's working copy: rule drafts and the global limits, compared with what
// the worker has to know whether there are unsaved changes. When the worker's settings change
// (popup switch, import, another tab) a clean copy follows them; a dirty one is kept, because
// throwing away someone's typing is worse than a stale list they are about to save anyway.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AllSettings } from '../shared/messages.ts';
import type { AutoReplySettings } from '../shared/rules.ts';
import { fromRule, toRule, type RuleDraft } from './rule-draft.ts';

export type Limits = Omit<AutoReplySettings, 'enabled'>;

interface Working {
  /** The worker's rules and limits this copy started from, normalised through the draft model. */
  base: string;
  drafts: RuleDraft[];
  limits: Limits;
}

const limitsOf = (s: AutoReplySettings): Limits => ({ caps: { ...s.caps }, quietWhileActiveMinutes: s.quietWhileActiveMinutes });
const fingerprint = (drafts: RuleDraft[], limits: Limits) => JSON.stringify([drafts.map(toRule), limits]);

function start(settings: AllSettings): Working {
  const drafts = settings.rules.map(fromRule);
  const limits = limitsOf(settings.autoReply);
  return { base: fingerprint(drafts, limits), drafts, limits };
}

export function useRulesDraft(settings: AllSettings) {
  const [working, setWorking] = useState(() => start(settings));
  const current = useMemo(() => fingerprint(working.drafts, working.limits), [working]);
  const dirty = current !== working.base;
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const [changedElsewhere, setChangedElsewhere] = useState(false);

  const baseRef = useRef(working.base);
  baseRef.current = working.base;

  useEffect(() => {
    const next = start(settings);
    if (next.base === baseRef.current) return;
    if (dirtyRef.current) setChangedElsewhere(true);
    else setWorking(next);
  }, [settings]);

  return {
    drafts: working.drafts,
    limits: working.limits,
    dirty,
    changedElsewhere,
    setDrafts: (update: (drafts: RuleDraft[]) => RuleDraft[]) => setWorking((w) => ({ ...w, drafts: update(w.drafts) })),
    setLimits: (limits: Limits) => setWorking((w) => ({ ...w, limits })),
    /** Start over from the worker's settings (after a save, or to discard). */
    reset: (fresh: AllSettings) => {
      setChangedElsewhere(false);
      setWorking(start(fresh));
    },
  };
}
