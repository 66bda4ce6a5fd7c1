// The decision: should this incoming message get an auto-reply, with which text, after what delay?
// Pure: same input, same output (the jitter comes from input.random). `explain` and `decide` share
// one code path, so the options-page tester can never disagree with the worker.
//
// Order of checks (the first that stops the reply is the reason reported):
//   1. fixed message rules (outgoing, self, replay, recalled, system sender/notice, too old)
//   2. master switch, 3. loop guard, 4. "stay quiet while I am active"
//   5. rules in order (conditions, then each rule's cooldown in this conversation)
//   6. per-account caps (minute, hour, day)
// `continue`: a matching rule with continue keeps evaluation going; each later matching rule adds
// its text, up to and including the first matching rule without continue. All texts are joined
// with a newline into ONE reply. A rule still cooling down adds nothing but still ends the chain
// if it has no continue. Delay: the first contributing rule's range.
import { conversationId, type ServiceId } from '../../shared/domain.ts';
import type { Rule } from '../../shared/rules.ts';
import { renderTemplate, type TemplateValues } from '../../shared/rules-template.ts';
import { formatDuration, formatMinutes, skip } from './describe.ts';
import { checkFixedMessage, checkLoop, conversationName, isGroupMessage } from './fixed-rules.ts';
import { lastReplyOfRule, oldestSince, repliesSince } from './history.ts';
import { compiledRules } from './compiled-rules.ts';
import { DecisionContext } from './decision-context.ts';
import type { LocalTime } from './local-time.ts';
import { candidateMiss, candidateRules, hitDetail, ruleMiss } from './match.ts';
import { missDetail } from './rule-wording.ts';
import type { Decision, DecideInput, Explanation, RuleTrace, SkipDecision } from './types.ts';

const MINUTE = 60 * 1000;
const MESSAGE_EXCERPT = 50;

export function decide(input: DecideInput): Decision {
  return evaluate(input, false).decision;
}

/** For the rule tester: every rule's verdict in order, plus the final decision. */
export function explain(input: DecideInput): Explanation {
  return evaluate(input, true);
}

function evaluate(input: DecideInput, full: boolean): Explanation {
  const gate = checkFixedMessage(input) ?? checkSwitch(input) ?? checkLoop(input) ?? checkQuiet(input);
  if (gate && !full) return { rules: [], decision: gate };

  // Rules compiled once per rules array; the message's forms and the local time once per decision.
  // Only `full` (explain) builds the per-rule wording.
  const compiled = compiledRules(input.rules);
  const ctx = new DecisionContext(input);
  const traces: RuleTrace[] = [];
  const chosen: Rule[] = [];
  let cooldown: Decision | undefined;
  let open = true;
  // decide() walks only the candidates: a rule dropped there misses, and a miss changes nothing.
  for (const candidate of full ? compiled.list : candidateRules(compiled, ctx)) {
    if (!open && !full) break;
    const { rule } = candidate;
    const missed = full ? ruleMiss(candidate, ctx) : candidateMiss(candidate, ctx);
    if (missed !== undefined) {
      if (full) traces.push({ ruleId: rule.id, ruleName: rule.name, status: 'missed', reason: missed, detail: missDetail(candidate, missed, ctx) });
      continue;
    }
    if (!open) {
      traces.push({ ruleId: rule.id, ruleName: rule.name, status: 'shadowed', detail: `${hitDetail(candidate, ctx)}, but an earlier rule already answers` });
      continue;
    }
    const cooling = checkCooldown(rule, input);
    if (cooling) {
      if (full) traces.push({ ruleId: rule.id, ruleName: rule.name, status: 'cooldown', detail: cooling.detail });
      cooldown ??= cooling;
    } else {
      if (full) traces.push({ ruleId: rule.id, ruleName: rule.name, status: 'chosen', detail: hitDetail(candidate, ctx) });
      chosen.push(rule);
    }
    if (!rule.continue) open = false;
  }

  const decision = gate ?? (chosen.length ? reply(chosen, input, ctx.local) : (cooldown ?? noRule(compiled.enabled)));
  return { rules: traces, decision };
}

function checkSwitch(input: DecideInput): Decision | undefined {
  return input.settings.enabled ? undefined : skip('switched-off', 'auto-reply is switched off');
}

function checkQuiet(input: DecideInput): Decision | undefined {
  const minutes = input.settings.quietWhileActiveMinutes;
  const last = input.lastUserWriteAt;
  if (minutes <= 0 || last === undefined) return undefined;
  const ago = input.clock.now - last;
  if (ago >= minutes * MINUTE) return undefined;
  const name = conversationName(input);
  return skip('user-active', `you wrote to ${name} ${formatDuration(ago)} ago; auto-reply stays quiet for ${formatMinutes(minutes)} after you write`, {
    name,
    agoMs: ago,
    quietMinutes: minutes,
  });
}

function checkCooldown(rule: Rule, input: DecideInput): SkipDecision | undefined {
  const wait = rule.cooldownMinutes * MINUTE;
  const last = lastReplyOfRule(input.history, conversationId(input.account.id, input.message.peerId), rule.id);
  if (wait <= 0 || last === undefined) return undefined;
  const ago = input.clock.now - last;
  if (ago >= wait) return undefined;
  const name = conversationName(input);
  const when = ago < 0 ? 'is about to be sent' : `was ${formatDuration(ago)} ago`;
  return skip('cooldown', `cooldown: the last reply to ${name} ${when}, rule “${rule.name}” waits ${formatMinutes(rule.cooldownMinutes)}`, {
    name,
    ruleName: rule.name,
    agoMs: ago,
    cooldownMinutes: rule.cooldownMinutes,
  });
}

function noRule(enabled: number): Decision {
  return skip('no-rule', enabled ? `no rule matched (${enabled} enabled)` : 'there are no enabled rules', { enabled });
}

const CAPS = [
  { reason: 'cap-minute', key: 'perMinute', window: MINUTE, label: 'minute' },
  { reason: 'cap-hour', key: 'perHour', window: 60 * MINUTE, label: 'hour' },
  { reason: 'cap-day', key: 'perDay', window: 24 * 60 * MINUTE, label: 'day' },
] as const;

function checkCaps(input: DecideInput): Decision | undefined {
  const { history, account, clock, settings } = input;
  for (const cap of CAPS) {
    const limit = settings.caps[cap.key];
    const since = clock.now - cap.window;
    const count = repliesSince(history, account.id, since);
    if (count < limit) continue;
    const freeAt = (oldestSince(history, account.id, since) ?? clock.now) + cap.window;
    return skip(
      cap.reason,
      `limit: this account sent ${count} auto-replies in the last ${cap.label} (cap ${limit} per ${cap.label}); the next is possible in ${formatDuration(freeAt - clock.now)}`,
      { count, limit, freeAt },
    );
  }
  return undefined;
}

function reply(rules: Rule[], input: DecideInput, local: LocalTime): Decision {
  const capped = checkCaps(input);
  if (capped) return capped;
  const first = rules[0] as Rule;
  const values = templateValues(input, local);
  const text = rules
    .map((r) => renderTemplate(r.reply, values).trim())
    .filter((t) => t !== '')
    .join('\n');
  if (text === '') return skip('empty-reply', `rule “${first.name}” produced an empty reply`, { ruleName: first.name });
  const { minSeconds, maxSeconds } = first.delay;
  const random = Math.min(Math.max(input.random(), 0), 1);
  const delayMs = Math.round((minSeconds + random * Math.max(0, maxSeconds - minSeconds)) * 1000);
  return { kind: 'reply', ruleId: first.id, ruleName: first.name, ruleIds: rules.map((r) => r.id), text, delayMs };
}

const SERVICE_NAMES: Record<'zh' | 'en', Record<ServiceId, string>> = {
  zh: { wechat: '微信', weibo: '微博', qq: 'QQ' },
  en: { wechat: 'WeChat', weibo: 'Weibo', qq: 'QQ' },
};

export function templateValues(input: DecideInput, local: LocalTime): TemplateValues {
  const { message } = input;
  // In a group, {name} greets the member who wrote, not the group.
  const name = (isGroupMessage(input) && message.senderName?.trim()) || conversationName(input);
  const chars = Array.from(message.text.trim());
  const excerpt = chars.length > MESSAGE_EXCERPT ? `${chars.slice(0, MESSAGE_EXCERPT).join('')}…` : chars.join('');
  const lang = input.locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  return { name, service: SERVICE_NAMES[lang][input.account.service], time: local.hhmm, date: local.date, message: excerpt };
}
