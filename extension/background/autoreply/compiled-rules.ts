// Rules prepared once for matching: keywords, exact texts and contact names normalised, regexes
// compiled, schedules turned into numbers. The worker passes the same rules array to every decision
// until the rules change (a new array), so the compiled form is cached by that array's identity and
// is dropped with it. Rules are treated as immutable values: nobody edits a rule in place.
import type { ServiceId } from '../../shared/domain.ts';
import type { Rule, RuleMatch } from '../../shared/rules.ts';
import { compileRegex } from '../../shared/rules-regex.ts';
import { KeywordIndex } from './keyword-index.ts';
import { compileSchedule, type CompiledSchedule } from './schedule.ts';
import { normalizeText, squash } from './text-view.ts';

type MatchOf<K extends RuleMatch['kind']> = Extract<RuleMatch, { kind: K }>;

/** Each variant keeps the rule's own match (`source`) for the tester's wording. */
export type CompiledMatch =
  | { kind: 'any'; source: MatchOf<'any'> }
  /** `ids[i]` is `keywords[i]` (trimmed, normalised) in `index`; blank keywords are left out of both. */
  | { kind: 'keywords'; source: MatchOf<'keywords'>; keywords: readonly string[]; ids: readonly number[]; index: KeywordIndex }
  | { kind: 'exact'; source: MatchOf<'exact'>; target: string }
  /** `regex` undefined: invalid or unsafe, never matches. */
  | { kind: 'regex'; source: MatchOf<'regex'>; regex: RegExp | undefined };

export type CompiledWho =
  | { kind: 'everyone' }
  | { kind: 'strangers' }
  /** The chosen names, trimmed and normalised (case-insensitive). */
  | { kind: 'contacts'; names: ReadonlySet<string> };

export interface CompiledRule {
  rule: Rule;
  services: readonly ServiceId[];
  who: CompiledWho;
  kinds: ReadonlySet<string>;
  schedule: CompiledSchedule | null;
  match: CompiledMatch;
}

export interface CompiledRules {
  list: readonly CompiledRule[];
  /** How many rules are switched on (the "no rule matched (N enabled)" wording). */
  enabled: number;
  /**
   * The rules that can answer a message of one service, kind and place (match.ts candidateRules),
   * filled as messages arrive: a handful of keys (3 services x a few kinds x 3 places).
   */
  candidates: Map<string, readonly CompiledRule[]>;
}

/** The keyword index a keywords rule joins, by its case mode. */
type IndexFor = (caseSensitive: boolean) => KeywordIndex;

/** A fresh index per rule: for a rule compiled alone (the tests' checkRule and matchText). */
const ownIndex: IndexFor = (caseSensitive) => new KeywordIndex(caseSensitive);

const cache = new WeakMap<readonly Rule[], CompiledRules>();

/** The compiled form of a rules array, built on its first use. All its keyword rules share two indexes. */
export function compiledRules(rules: readonly Rule[]): CompiledRules {
  let compiled = cache.get(rules);
  if (!compiled) {
    const shared = new Map<boolean, KeywordIndex>();
    const indexFor: IndexFor = (caseSensitive) => {
      let index = shared.get(caseSensitive);
      if (!index) shared.set(caseSensitive, (index = new KeywordIndex(caseSensitive)));
      return index;
    };
    compiled = {
      list: rules.map((rule) => compileRule(rule, indexFor)),
      enabled: rules.filter((r) => r.enabled).length,
      candidates: new Map(),
    };
    cache.set(rules, compiled);
  }
  return compiled;
}

export function compileRule(rule: Rule, indexFor: IndexFor = ownIndex): CompiledRule {
  return {
    rule,
    services: rule.services,
    who: compileWho(rule.who),
    kinds: new Set<string>(rule.kinds),
    schedule: rule.schedule ? compileSchedule(rule.schedule) : null,
    match: compileMatch(rule.match, indexFor),
  };
}

function compileWho(who: Rule['who']): CompiledWho {
  if (who.kind !== 'contacts') return who;
  return { kind: 'contacts', names: new Set(who.names.map((name) => normalizeText(name.trim(), false))) };
}

export function compileMatch(match: RuleMatch, indexFor: IndexFor = ownIndex): CompiledMatch {
  switch (match.kind) {
    case 'any':
      return { kind: 'any', source: match };
    case 'keywords': {
      const index = indexFor(match.caseSensitive);
      const keywords = match.keywords.filter((k) => k.trim() !== '');
      const ids = keywords.map((k) => index.add(normalizeText(k.trim(), match.caseSensitive)));
      return { kind: 'keywords', source: match, keywords, ids, index };
    }
    case 'exact':
      return { kind: 'exact', source: match, target: squash(normalizeText(match.text, match.caseSensitive)) };
    case 'regex':
      return { kind: 'regex', source: match, regex: compileRegex(match.pattern, match.flags) };
  }
}
