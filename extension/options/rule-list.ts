// Pure operations on the ordered list of rule drafts. Order matters: the first matching rule
// answers (unless it says "continue"), so moving is part of editing.
import { newRuleId, type RuleDraft } from './rule-draft.ts';

export function moveRule(list: readonly RuleDraft[], index: number, by: -1 | 1): RuleDraft[] {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  if (item) next.splice(to, 0, item);
  return next;
}

/** The copy goes right after the original, with a new id (a shared id would merge cooldowns). */
export function duplicateRule(list: readonly RuleDraft[], index: number, copyName: (name: string) => string, id = newRuleId()): RuleDraft[] {
  const original = list[index];
  if (!original) return [...list];
  const copy: RuleDraft = { ...original, id, name: copyName(original.name), services: [...original.services], kinds: [...original.kinds], days: [...original.days], windows: original.windows.map((w) => ({ ...w })) };
  return [...list.slice(0, index + 1), copy, ...list.slice(index + 1)];
}

export function removeRule(list: readonly RuleDraft[], index: number): RuleDraft[] {
  return list.filter((_, i) => i !== index);
}

export function replaceRule(list: readonly RuleDraft[], index: number, draft: RuleDraft): RuleDraft[] {
  return list.map((item, i) => (i === index ? draft : item));
}
