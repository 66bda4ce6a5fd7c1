// Does one rule's condition hold for a message? Each check says why not, for the tester.
import type { Rule, RuleMatch } from '../../shared/rules.ts';
import { capRegexInput, compileRegex, REGEX_INPUT_CAP } from '../../shared/rules-regex.ts';
import { conversationName, isGroupMessage } from './fixed-rules.ts';
import { WEEKDAY_NAMES, type LocalTime } from './local-time.ts';
import { describeSchedule, scheduleOpen } from './schedule.ts';
import type { DecideInput, RuleMissReason } from './types.ts';

export type RuleCheck = { ok: true; detail: string } | { ok: false; reason: RuleMissReason; detail: string };

const miss = (reason: RuleMissReason, detail: string): RuleCheck => ({ ok: false, reason, detail });

/**
 * NFKC folds full-width Latin letters and digits to ASCII (ＡＢＣ１ = ABC1) and compatibility
 * forms of CJK punctuation; lower-casing leaves Chinese untouched.
 */
export function normalizeText(text: string, caseSensitive: boolean): string {
  const folded = text.normalize('NFKC');
  return caseSensitive ? folded : folded.toLowerCase();
}

const squash = (text: string): string => text.trim().replace(/\s+/g, ' ');

export function checkRule(rule: Rule, input: DecideInput, local: LocalTime): RuleCheck {
  const { message, account } = input;
  if (!rule.enabled) return miss('disabled', 'the rule is switched off');
  if (!rule.services.includes(account.service)) return miss('service', `the rule is not for ${account.service}`);
  const group = isGroupMessage(input);
  if (group && rule.groups === 'off') return miss('group', 'a group message, and the rule does not answer in groups');
  if (group && rule.groups === 'mentioned' && !message.mentionsMe) return miss('group', 'a group message that does not @-mention you');
  const who = checkWho(rule, input, group);
  if (who) return who;
  if (!(rule.kinds as readonly string[]).includes(message.kind)) {
    return miss('kind', `a ${message.kind} message; the rule answers ${rule.kinds.join(', ')}`);
  }
  if (!scheduleOpen(rule.schedule, local)) {
    const schedule = rule.schedule ? describeSchedule(rule.schedule) : '';
    return miss('schedule', `outside the schedule: it is ${WEEKDAY_NAMES[local.weekday]} ${local.hhmm} (${local.timeZone}); the rule runs ${schedule}`);
  }
  return matchText(rule.match, message.text);
}

function checkWho(rule: Rule, input: DecideInput, group: boolean): RuleCheck | undefined {
  const { who } = rule;
  const { contact, message } = input;
  if (who.kind === 'everyone') return undefined;
  if (who.kind === 'strangers') {
    if (group) return miss('who', 'strangers-only rules do not answer in groups');
    if (contact) return miss('who', `${conversationName(input)} is in your contact list; the rule answers strangers only`);
    return undefined;
  }
  // Names, not ids: a WeChat UserName changes at every login. In a group, the group's own name and
  // the member who wrote both count, so "answer my family group" and "answer 妈妈 anywhere" work.
  const candidates = [contact?.remark, contact?.name, group ? message.senderName : undefined]
    .filter((n): n is string => typeof n === 'string' && n.trim() !== '')
    .map((n) => normalizeText(n.trim(), false));
  const chosen = who.names.find((name) => candidates.includes(normalizeText(name.trim(), false)));
  if (chosen !== undefined) return undefined;
  return miss('who', `${conversationName(input)} is not one of the chosen contacts (${who.names.join(', ')})`);
}

export function matchText(match: RuleMatch, text: string): RuleCheck {
  switch (match.kind) {
    case 'any':
      return { ok: true, detail: 'any message' };
    case 'keywords': {
      const haystack = normalizeText(text, match.caseSensitive);
      const hit = match.keywords.find((k) => k.trim() !== '' && haystack.includes(normalizeText(k.trim(), match.caseSensitive)));
      return hit !== undefined ? { ok: true, detail: `contains “${hit}”` } : miss('match', `the text contains none of: ${match.keywords.join(', ')}`);
    }
    case 'exact':
      return squash(normalizeText(text, match.caseSensitive)) === squash(normalizeText(match.text, match.caseSensitive))
        ? { ok: true, detail: `is exactly “${match.text}”` }
        : miss('match', `the text is not exactly “${match.text}”`);
    case 'regex': {
      const regex = compileRegex(match.pattern, match.flags);
      if (!regex) return miss('match', `the pattern /${match.pattern}/${match.flags} is invalid or unsafe; edit the rule`);
      const capped = capRegexInput(text);
      const note = capped.length < text.length ? ` (first ${REGEX_INPUT_CAP} characters checked)` : '';
      return regex.test(capped)
        ? { ok: true, detail: `matches /${match.pattern}/${match.flags}${note}` }
        : miss('match', `the text does not match /${match.pattern}/${match.flags}${note}`);
    }
  }
}
