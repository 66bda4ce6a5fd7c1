// Does one rule's condition hold for a message? The checks build no text at all; the tester's
// "why (not)" comes from rule-wording.ts, only when explain() asks. Everything reads the same
// compiled rule (compiled-rules.ts) and per-decision context, so worker and tester cannot disagree.
import type { Rule, RuleMatch } from '../../shared/rules.ts';
import { compileMatch, compileRule, type CompiledMatch, type CompiledRule, type CompiledRules, type CompiledWho } from './compiled-rules.ts';
import { DecisionContext } from './decision-context.ts';
import type { LocalTime } from './local-time.ts';
import { matchDetail, missDetail } from './rule-wording.ts';
import { compiledScheduleOpen } from './schedule.ts';
import { TextView } from './text-view.ts';
import type { DecideInput, RuleMissReason } from './types.ts';

export { normalizeText } from './text-view.ts';

export type RuleCheck = { ok: true; detail: string } | { ok: false; reason: RuleMissReason; detail: string };

// Each condition is one predicate, used in two orders: ruleMiss asks them in the order the tester
// reports (the first that fails is the reason); decide() first keeps the rules whose cheap,
// per-message conditions hold (candidateRules, cached per rules array) and then asks only the
// rest. A rule passes in both iff every predicate holds.
const serviceHolds = (c: CompiledRule, ctx: DecisionContext): boolean => c.services.includes(ctx.input.account.service);
const kindHolds = (c: CompiledRule, ctx: DecisionContext): boolean => c.kinds.has(ctx.input.message.kind);
const placeHolds = (c: CompiledRule, ctx: DecisionContext): boolean =>
  ctx.place === 'private' || (c.rule.groups !== 'off' && (ctx.place === 'group-mentioned' || c.rule.groups !== 'mentioned'));
const scheduleHolds = (c: CompiledRule, ctx: DecisionContext): boolean => !c.schedule || compiledScheduleOpen(c.schedule, ctx.local);

/** The first condition the message fails, in the order the tester reports them; undefined when all hold. */
export function ruleMiss(compiled: CompiledRule, ctx: DecisionContext): RuleMissReason | undefined {
  if (!compiled.rule.enabled) return 'disabled';
  if (!serviceHolds(compiled, ctx)) return 'service';
  if (!placeHolds(compiled, ctx)) return 'group';
  if (!whoHolds(compiled.who, ctx)) return 'who';
  if (!kindHolds(compiled, ctx)) return 'kind';
  return remainingMiss(compiled, ctx);
}

/**
 * The rules, in order, that are switched on and take this message's service, kind and place:
 * the only ones decide() needs to look at. Computed once per rules array and key.
 */
export function candidateRules(rules: CompiledRules, ctx: DecisionContext): readonly CompiledRule[] {
  const key = `${ctx.input.account.service}|${ctx.place}|${ctx.input.message.kind}`;
  let list = rules.candidates.get(key);
  if (!list) {
    list = rules.list.filter((c) => c.rule.enabled && serviceHolds(c, ctx) && placeHolds(c, ctx) && kindHolds(c, ctx));
    rules.candidates.set(key, list);
  }
  return list;
}

/** ruleMiss for a candidate rule: only the conditions candidateRules did not check. */
export function candidateMiss(compiled: CompiledRule, ctx: DecisionContext): RuleMissReason | undefined {
  if (!whoHolds(compiled.who, ctx)) return 'who';
  return remainingMiss(compiled, ctx);
}

function remainingMiss(compiled: CompiledRule, ctx: DecisionContext): RuleMissReason | undefined {
  if (!scheduleHolds(compiled, ctx)) return 'schedule';
  return matchIndex(compiled.match, ctx.text) < 0 ? 'match' : undefined;
}

function whoHolds(who: CompiledWho, ctx: DecisionContext): boolean {
  switch (who.kind) {
    case 'everyone':
      return true;
    case 'strangers':
      return !ctx.group && !ctx.input.contact;
    case 'contacts':
      return ctx.whoNames().some((name) => who.names.has(name));
  }
}

/**
 * -1 when the text does not match; otherwise 0, or for keywords the index of the first keyword
 * found (the tester names it).
 */
export function matchIndex(match: CompiledMatch, text: TextView): number {
  switch (match.kind) {
    case 'any':
      return 0;
    case 'keywords': {
      const found = match.index.found(text);
      const { ids } = match;
      for (let i = 0; i < ids.length; i += 1) if (found[ids[i] as number] === 1) return i;
      return -1;
    }
    case 'exact':
      return text.squashed(match.source.caseSensitive) === match.target ? 0 : -1;
    case 'regex':
      return match.regex?.test(text.forRegex()) ? 0 : -1;
  }
}

/** The tester's "why" for a rule whose conditions all hold. */
export function hitDetail(compiled: CompiledRule, ctx: DecisionContext): string {
  return matchDetail(compiled.match, ctx.text, matchIndex(compiled.match, ctx.text));
}

/** One rule against one message, compiled on the spot (decide uses the cached compiled rules). */
export function checkRule(rule: Rule, input: DecideInput, local: LocalTime): RuleCheck {
  const compiled = compileRule(rule);
  const ctx = new DecisionContext(input, local);
  const reason = ruleMiss(compiled, ctx);
  return reason === undefined ? { ok: true, detail: hitDetail(compiled, ctx) } : { ok: false, reason, detail: missDetail(compiled, reason, ctx) };
}

export function matchText(match: RuleMatch, text: string): RuleCheck {
  const compiled = compileMatch(match);
  const view = new TextView(text);
  const index = matchIndex(compiled, view);
  const detail = matchDetail(compiled, view, index);
  return index < 0 ? { ok: false, reason: 'match', detail } : { ok: true, detail };
}
