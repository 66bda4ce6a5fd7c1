// "Unsaved changes" without re-serialising the whole list on every keystroke. Two lists are the
// same when every rule saves the same (`toRule`, as JSON) in the same order. A rule the user has
// not touched is still the very object the list started with, so it compares by identity; only
// edited rules are serialised, once per edit (cached by object), which keeps a keystroke cheap
// with 500 rules.
import { toRule, type RuleDraft } from './rule-draft.ts';

const savedForms = new WeakMap<RuleDraft, string>();

function savedForm(draft: RuleDraft): string {
  let form = savedForms.get(draft);
  if (form === undefined) {
    form = JSON.stringify(toRule(draft));
    savedForms.set(draft, form);
  }
  return form;
}

export function sameRules(a: readonly RuleDraft[], b: readonly RuleDraft[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((draft, i) => {
    const other = b[i];
    return other !== undefined && (draft === other || savedForm(draft) === savedForm(other));
  });
}
