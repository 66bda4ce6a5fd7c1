// Auto-reply rules and settings: the types, their defaults, the fixed safety limits, and the one
// validator both the options page (on save/import) and the worker (on load) use. Unknown JSON goes
// in; a typed value or a list of human-readable errors comes out. Semantics: docs/decisions/autoreply.md.
import * as v from 'valibot';
import type { MessageKind, ServiceId } from './domain.ts';
import { checkRegex } from './rules-regex.ts';
import { checkTemplate } from './rules-template.ts';

/** Who a rule answers. Contacts are named (nickname or remark), never by id: WeChat ids change every login. */
export type RuleWho = { kind: 'everyone' } | { kind: 'contacts'; names: string[] } | { kind: 'strangers' };

/** off: never in groups. mentioned: in groups only when the message @-mentions us. all: every group message. */
export type GroupMode = 'off' | 'mentioned' | 'all';

export type RuleMatch =
  | { kind: 'any' }
  /** The text contains any of the keywords (after NFKC: full-width letters equal half-width). */
  | { kind: 'keywords'; keywords: string[]; caseSensitive: boolean }
  /** The whole text equals `text`, ignoring surrounding and repeated whitespace. */
  | { kind: 'exact'; text: string; caseSensitive: boolean }
  /** Flags from REGEX_ALLOWED_FLAGS; the regex sees at most REGEX_INPUT_CAP characters. */
  | { kind: 'regex'; pattern: string; flags: string };

/** 'HH:MM' in the user's time zone; `end` may be '24:00'. end < start crosses midnight. */
export interface TimeWindow {
  start: string;
  end: string;
}

/** 0 = Sunday ... 6 = Saturday. A window crossing midnight belongs to the day it starts on. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface RuleSchedule {
  days: Weekday[];
  /** Empty = the whole of each chosen day. */
  windows: TimeWindow[];
}

export const REPLYABLE_KINDS = ['text', 'image', 'voice', 'video', 'file', 'link', 'location', 'card', 'sticker'] as const;
export type ReplyableKind = (typeof REPLYABLE_KINDS)[number] & MessageKind;

export interface Rule {
  id: string;
  name: string;
  enabled: boolean;
  services: ServiceId[];
  who: RuleWho;
  groups: GroupMode;
  match: RuleMatch;
  kinds: ReplyableKind[];
  /** null = any time. */
  schedule: RuleSchedule | null;
  /** Template with {name} {service} {time} {date} {message}. */
  reply: string;
  /** The send waits a random time in [minSeconds, maxSeconds]. */
  delay: { minSeconds: number; maxSeconds: number };
  /** Minimum time between two replies of this rule in one conversation. */
  cooldownMinutes: number;
  /** Keep evaluating later rules after this one matches; their replies join this one in ONE message. */
  continue: boolean;
}

export interface AutoReplySettings {
  /** Master switch. Off by default: auto-reply is something the user turns on. */
  enabled: boolean;
  /** Per account (each account has its own counters). */
  caps: { perMinute: number; perHour: number; perDay: number };
  /** Stay quiet in a conversation for this long after the user wrote in it; 0 = off. */
  quietWhileActiveMinutes: number;
}

export const LIMITS = {
  rules: 500,
  name: 80,
  keywords: 100,
  keyword: 100,
  contactNames: 200,
  windows: 10,
  delaySeconds: 120,
  cooldownMinutes: 7 * 24 * 60,
  quietMinutes: 24 * 60,
  perMinute: 30,
  perHour: 500,
  perDay: 2000,
} as const;

/**
 * Fixed safety rules no setting can turn off. Loop guard: when a contact answers K of our
 * auto-replies in a row, each within S seconds of it, we stop auto-replying to them for P minutes.
 */
export const LOOP_GUARD = { exchanges: 3, withinSeconds: 30, pauseMinutes: 60 } as const;
/** Messages older than this (received late, after a restart or outage) are never auto-replied. */
export const MAX_MESSAGE_AGE_MINUTES = 30;

export const DEFAULT_AUTOREPLY_SETTINGS: AutoReplySettings = {
  enabled: false,
  caps: { perMinute: 3, perHour: 30, perDay: 200 },
  quietWhileActiveMinutes: 10,
};

/** A new rule as the editor creates it: answers text from everyone, any time, not in groups. */
export function defaultRule(id: string, name = 'Away'): Rule {
  return {
    id,
    name,
    enabled: true,
    services: ['wechat', 'weibo', 'qq'],
    who: { kind: 'everyone' },
    groups: 'off',
    match: { kind: 'any' },
    kinds: ['text'],
    schedule: null,
    reply: '',
    delay: { minSeconds: 3, maxSeconds: 10 },
    cooldownMinutes: 30,
    continue: false,
  };
}

// ---- schemas ------------------------------------------------------------------------------

/** Optional fields a stored or imported rule may omit take the new-rule defaults. */
const RULE_DEFAULTS = defaultRule('', '');

const text = (max: number, what: string) =>
  v.pipe(v.string(`${what} must be text`), v.trim(), v.minLength(1, `${what} is empty`), v.maxLength(max, `${what} is longer than ${max} characters`));
const int = (min: number, max: number, what: string) =>
  v.pipe(v.number(`${what} must be a number`), v.integer(`${what} must be a whole number`), v.minValue(min, `${what} must be at least ${min}`), v.maxValue(max, `${what} must be at most ${max}`));
const bool = (fallback: boolean) => v.optional(v.boolean('must be true or false'), fallback);
const clock = (allow24: boolean) =>
  v.pipe(v.string('must be a time like 08:30'), v.regex(allow24 ? /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/ : /^([01]\d|2[0-3]):[0-5]\d$/, `must be a time like 08:30${allow24 ? ' (or 24:00)' : ''}`));

const serviceSchema = v.picklist(['wechat', 'weibo', 'qq'], 'must be one of wechat, weibo, qq');

const whoSchema = v.variant(
  'kind',
  [
    v.object({ kind: v.literal('everyone') }),
    v.object({
      kind: v.literal('contacts'),
      names: v.pipe(v.array(text(LIMITS.name, 'a contact name'), 'must be a list of names'), v.minLength(1, 'choose at least one contact'), v.maxLength(LIMITS.contactNames, `at most ${LIMITS.contactNames} contacts`)),
    }),
    v.object({ kind: v.literal('strangers') }),
  ],
  'must be everyone, contacts or strangers',
);

const matchSchema = v.variant(
  'kind',
  [
    v.object({ kind: v.literal('any') }),
    v.object({
      kind: v.literal('keywords'),
      keywords: v.pipe(v.array(text(LIMITS.keyword, 'a keyword'), 'must be a list of keywords'), v.minLength(1, 'add at least one keyword'), v.maxLength(LIMITS.keywords, `at most ${LIMITS.keywords} keywords`)),
      caseSensitive: bool(false),
    }),
    v.object({ kind: v.literal('exact'), text: text(LIMITS.keyword * 5, 'the exact text'), caseSensitive: bool(false) }),
    v.object({ kind: v.literal('regex'), pattern: v.string('the pattern must be text'), flags: v.optional(v.string('flags must be text'), 'i') }),
  ],
  'must be any, keywords, exact or regex',
);

const scheduleSchema = v.nullable(
  v.object({
    days: v.pipe(v.array(v.picklist([0, 1, 2, 3, 4, 5, 6], 'days are 0 (Sunday) to 6 (Saturday)'), 'must be a list of days'), v.minLength(1, 'choose at least one day')),
    windows: v.optional(v.pipe(v.array(v.object({ start: clock(false), end: clock(true) }), 'must be a list of time windows'), v.maxLength(LIMITS.windows, `at most ${LIMITS.windows} time windows`)), () => []),
  }, 'must be a schedule or null'),
);

export const ruleSchema = v.object(
  {
    id: text(64, 'the id'),
    name: text(LIMITS.name, 'the name'),
    enabled: bool(RULE_DEFAULTS.enabled),
    services: v.optional(v.pipe(v.array(serviceSchema, 'must be a list of services'), v.minLength(1, 'choose at least one service')), () => [...RULE_DEFAULTS.services]),
    who: v.optional(whoSchema, () => ({ kind: 'everyone' }) as const),
    groups: v.optional(v.picklist(['off', 'mentioned', 'all'], 'must be off, mentioned or all'), RULE_DEFAULTS.groups),
    match: v.optional(matchSchema, () => ({ kind: 'any' }) as const),
    kinds: v.optional(v.pipe(v.array(v.picklist(REPLYABLE_KINDS, `must be among ${REPLYABLE_KINDS.join(', ')}`), 'must be a list of message types'), v.minLength(1, 'choose at least one message type')), () => [...RULE_DEFAULTS.kinds]),
    schedule: v.optional(scheduleSchema, null),
    reply: v.string('the reply must be text'),
    delay: v.optional(v.object({ minSeconds: int(0, LIMITS.delaySeconds, 'the shortest delay'), maxSeconds: int(0, LIMITS.delaySeconds, 'the longest delay') }, 'must be {minSeconds, maxSeconds}'), () => ({ ...RULE_DEFAULTS.delay })),
    cooldownMinutes: v.optional(int(0, LIMITS.cooldownMinutes, 'the cooldown'), RULE_DEFAULTS.cooldownMinutes),
    continue: bool(RULE_DEFAULTS.continue),
  },
  'a rule must be an object',
);

export const settingsSchema = v.object(
  {
    enabled: bool(DEFAULT_AUTOREPLY_SETTINGS.enabled),
    caps: v.optional(
      v.object({
        perMinute: int(1, LIMITS.perMinute, 'replies per minute'),
        perHour: int(1, LIMITS.perHour, 'replies per hour'),
        perDay: int(1, LIMITS.perDay, 'replies per day'),
      }, 'must be {perMinute, perHour, perDay}'),
      () => ({ ...DEFAULT_AUTOREPLY_SETTINGS.caps }),
    ),
    quietWhileActiveMinutes: v.optional(int(0, LIMITS.quietMinutes, 'the quiet time'), DEFAULT_AUTOREPLY_SETTINGS.quietWhileActiveMinutes),
  },
  'the settings must be an object',
);

// ---- validation ---------------------------------------------------------------------------

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export interface ValidateOptions {
  /** Clock for the regex probe (ms). Defaults to performance.now. */
  now?: () => number;
}

/** For saving and importing: every rule valid, or the errors of all of them. */
export function validateRules(raw: unknown, options: ValidateOptions = {}): Validated<Rule[]> {
  const { rules, errors } = loadRules(raw, options);
  return errors.length ? { ok: false, errors } : { ok: true, value: rules };
}

/**
 * For the worker reading storage: keeps the valid rules and reports the rest. Dropping a rule can
 * only make auto-reply quieter, never louder, so running the valid ones is safe.
 */
export function loadRules(raw: unknown, options: ValidateOptions = {}): { rules: Rule[]; errors: string[] } {
  if (!Array.isArray(raw)) return { rules: [], errors: ['the rules must be a list'] };
  if (raw.length > LIMITS.rules) return { rules: [], errors: [`at most ${LIMITS.rules} rules are allowed (got ${raw.length})`] };
  const errors: string[] = [];
  const rules: Rule[] = [];
  const ids = new Map<string, number>();
  raw.forEach((item, index) => {
    const result = validateRule(item, options);
    const label = ruleLabel(item, index);
    if (!result.ok) {
      errors.push(...result.errors.map((e) => `${label}: ${e}`));
      return;
    }
    const first = ids.get(result.value.id);
    if (first !== undefined) {
      errors.push(`${label}: the id "${result.value.id}" is also used by rule ${first + 1}`);
      return;
    }
    ids.set(result.value.id, index);
    rules.push(result.value);
  });
  return { rules, errors };
}

export function validateRule(raw: unknown, options: ValidateOptions = {}): Validated<Rule> {
  const parsed = v.safeParse(ruleSchema, raw);
  if (!parsed.success) return { ok: false, errors: formatIssues(parsed.issues) };
  const rule: Rule = parsed.output;
  const errors: string[] = [];
  const { match, delay, schedule } = rule;
  if (match.kind === 'regex') {
    const check = checkRegex(match.pattern, match.flags, options.now);
    if (!check.ok) errors.push(`match.pattern: ${check.error}`);
  }
  errors.push(...checkTemplate(rule.reply).map((e) => `reply: ${e}`));
  if (delay.minSeconds > delay.maxSeconds) errors.push(`delay: the shortest delay (${delay.minSeconds} s) is longer than the longest (${delay.maxSeconds} s)`);
  if (schedule) {
    if (new Set(schedule.days).size !== schedule.days.length) errors.push('schedule.days: a day is listed twice');
    schedule.windows.forEach((w, i) => {
      if (w.start === w.end) errors.push(`schedule.windows.${i}: ${w.start}–${w.end} is empty; use 00:00–24:00 for a whole day`);
    });
  }
  if (new Set(rule.services).size !== rule.services.length) errors.push('services: a service is listed twice');
  return errors.length ? { ok: false, errors } : { ok: true, value: rule };
}

export function validateSettings(raw: unknown): Validated<AutoReplySettings> {
  const parsed = v.safeParse(settingsSchema, raw);
  return parsed.success ? { ok: true, value: parsed.output } : { ok: false, errors: formatIssues(parsed.issues) };
}

function ruleLabel(item: unknown, index: number): string {
  const name = typeof item === 'object' && item !== null && 'name' in item ? (item as { name: unknown }).name : undefined;
  return typeof name === 'string' && name.trim() ? `rule ${index + 1} “${name.trim()}”` : `rule ${index + 1}`;
}

function formatIssues(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map((issue) => {
    const path = v.getDotPath(issue);
    const missing = issue.input === undefined && issue.kind === 'schema';
    const message = missing ? 'is missing' : issue.message;
    return path ? `${path}: ${message}` : message;
  });
}
