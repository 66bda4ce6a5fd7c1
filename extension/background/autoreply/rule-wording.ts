// The tester's English "why" and "why not" for one rule and one message. Only explain() asks for
// these: decide() never builds a string for a rule that misses. Pages word the reason codes in
// the user's language; this text is for the tester's detail line and for logs.
import { REGEX_INPUT_CAP } from '../../shared/rules-regex.ts';
import type { CompiledMatch, CompiledRule } from './compiled-rules.ts';
import type { DecisionContext } from './decision-context.ts';
import { conversationName } from './fixed-rules.ts';
import { WEEKDAY_NAMES } from './local-time.ts';
import { describeSchedule } from './schedule.ts';
import type { TextView } from './text-view.ts';
import type { RuleMissReason } from './types.ts';

export function missDetail(compiled: CompiledRule, reason: RuleMissReason, ctx: DecisionContext): string {
  const { rule } = compiled;
  const { message, account } = ctx.input;
  switch (reason) {
    case 'disabled':
      return 'the rule is switched off';
    case 'service':
      return `the rule is not for ${account.service}`;
    case 'group':
      return rule.groups === 'off' ? 'a group message, and the rule does not answer in groups' : 'a group message that does not @-mention you';
    case 'who':
      if (rule.who.kind === 'contacts') return `${conversationName(ctx.input)} is not one of the chosen contacts (${rule.who.names.join(', ')})`;
      return ctx.group ? 'strangers-only rules do not answer in groups' : `${conversationName(ctx.input)} is in your contact list; the rule answers strangers only`;
    case 'kind':
      return `a ${message.kind} message; the rule answers ${rule.kinds.join(', ')}`;
    case 'schedule': {
      const { local } = ctx;
      const schedule = rule.schedule ? describeSchedule(rule.schedule) : '';
      return `outside the schedule: it is ${WEEKDAY_NAMES[local.weekday]} ${local.hhmm} (${local.timeZone}); the rule runs ${schedule}`;
    }
    case 'match':
      return matchDetail(compiled.match, ctx.text, -1);
  }
}

/** `index` as matchIndex returns it: -1 for a miss, else which keyword was found. */
export function matchDetail(match: CompiledMatch, text: TextView, index: number): string {
  const hit = index >= 0;
  switch (match.kind) {
    case 'any':
      return 'any message';
    case 'keywords':
      return hit ? `contains “${match.keywords[index]}”` : `the text contains none of: ${match.source.keywords.join(', ')}`;
    case 'exact':
      return hit ? `is exactly “${match.source.text}”` : `the text is not exactly “${match.source.text}”`;
    case 'regex': {
      const shown = `/${match.source.pattern}/${match.source.flags}`;
      if (!match.regex) return `the pattern ${shown} is invalid or unsafe; edit the rule`;
      const note = text.regexCapped() ? ` (first ${REGEX_INPUT_CAP} characters checked)` : '';
      return hit ? `matches ${shown}${note}` : `the text does not match ${shown}${note}`;
    }
  }
}
