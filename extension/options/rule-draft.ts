// The editor's model of one rule. It differs from Rule where a form needs it to: lists typed as
// text (one keyword or name per line, so a half-typed line survives), and the values of every
// match kind and of the schedule kept while the user switches away from them, so flipping
// "regex" -> "any" -> "regex" does not lose the pattern. `toRule` builds the Rule the worker
// validates; the page never stores a draft.
import type { ServiceId } from '../shared/domain.ts';
import type { GroupMode, ReplyableKind, Rule, RuleMatch, RuleWho, TimeWindow, Weekday } from '../shared/rules.ts';

export type WhoKind = RuleWho['kind'];
export type MatchKind = RuleMatch['kind'];

export interface RuleDraft {
  id: string;
  name: string;
  enabled: boolean;
  services: ServiceId[];
  whoKind: WhoKind;
  /** Contact names (nickname or remark), one per line. */
  namesText: string;
  groups: GroupMode;
  matchKind: MatchKind;
  /** Keywords, one per line. */
  keywordsText: string;
  exactText: string;
  pattern: string;
  flags: string;
  caseSensitive: boolean;
  kinds: ReplyableKind[];
  scheduleOn: boolean;
  days: Weekday[];
  windows: TimeWindow[];
  reply: string;
  delayMin: number;
  delayMax: number;
  cooldownMinutes: number;
  continue: boolean;
}

const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5];

/** Non-empty trimmed lines. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export function fromRule(rule: Rule): RuleDraft {
  const { match, who, schedule } = rule;
  return {
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    services: [...rule.services],
    whoKind: who.kind,
    namesText: who.kind === 'contacts' ? who.names.join('\n') : '',
    groups: rule.groups,
    matchKind: match.kind,
    keywordsText: match.kind === 'keywords' ? match.keywords.join('\n') : '',
    exactText: match.kind === 'exact' ? match.text : '',
    pattern: match.kind === 'regex' ? match.pattern : '',
    flags: match.kind === 'regex' ? match.flags : 'i',
    caseSensitive: match.kind === 'keywords' || match.kind === 'exact' ? match.caseSensitive : false,
    kinds: [...rule.kinds],
    scheduleOn: schedule !== null,
    days: schedule ? [...schedule.days] : [...WEEKDAYS],
    windows: schedule ? schedule.windows.map((w) => ({ ...w })) : [],
    reply: rule.reply,
    delayMin: rule.delay.minSeconds,
    delayMax: rule.delay.maxSeconds,
    cooldownMinutes: rule.cooldownMinutes,
    continue: rule.continue,
  };
}

function matchOf(draft: RuleDraft): RuleMatch {
  switch (draft.matchKind) {
    case 'any':
      return { kind: 'any' };
    case 'keywords':
      return { kind: 'keywords', keywords: lines(draft.keywordsText), caseSensitive: draft.caseSensitive };
    case 'exact':
      return { kind: 'exact', text: draft.exactText, caseSensitive: draft.caseSensitive };
    case 'regex':
      return { kind: 'regex', pattern: draft.pattern, flags: draft.flags };
  }
}

function whoOf(draft: RuleDraft): RuleWho {
  return draft.whoKind === 'contacts' ? { kind: 'contacts', names: lines(draft.namesText) } : { kind: draft.whoKind };
}

/** The rule as the worker will validate it. Days are sorted so the saved order is stable. */
export function toRule(draft: RuleDraft): Rule {
  return {
    id: draft.id,
    name: draft.name,
    enabled: draft.enabled,
    services: [...draft.services],
    who: whoOf(draft),
    groups: draft.groups,
    match: matchOf(draft),
    kinds: [...draft.kinds],
    schedule: draft.scheduleOn ? { days: [...draft.days].sort((a, b) => a - b), windows: draft.windows.map((w) => ({ ...w })) } : null,
    reply: draft.reply,
    delay: { minSeconds: draft.delayMin, maxSeconds: draft.delayMax },
    cooldownMinutes: draft.cooldownMinutes,
    continue: draft.continue,
  };
}

/** A fresh id for a new or duplicated rule (rules are named by id in the ledger and history). */
export function newRuleId(): string {
  return `r-${crypto.randomUUID()}`;
}
