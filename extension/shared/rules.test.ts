import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTOREPLY_SETTINGS, defaultRule, LIMITS, loadRules, validateRule, validateRules, validateSettings } from './rules.ts';

const frozen = { now: (): number => 0 };
const minimal = { id: 'r1', name: 'Away', reply: '稍后回复' };

describe('validateRule', () => {
  it('fills defaults for a minimal rule: everyone, text only, not in groups, any time', () => {
    const result = validateRule(minimal, frozen);
    expect(result).toEqual({ ok: true, value: { ...defaultRule('r1', 'Away'), reply: '稍后回复' } });
  });

  it('accepts every field and trims names', () => {
    const raw = {
      ...minimal,
      name: '  Night  ',
      services: ['qq', 'wechat'],
      who: { kind: 'contacts', names: [' 张三 ', 'Mom'] },
      groups: 'mentioned',
      match: { kind: 'regex', pattern: '价格|price', flags: 'iu' },
      kinds: ['text', 'image'],
      schedule: { days: [1, 2, 3, 4, 5], windows: [{ start: '22:00', end: '08:00' }, { start: '12:00', end: '24:00' }] },
      delay: { minSeconds: 0, maxSeconds: 120 },
      cooldownMinutes: 0,
      continue: true,
    };
    const result = validateRule(raw, frozen);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.name).toBe('Night');
      expect(result.value.who).toEqual({ kind: 'contacts', names: ['张三', 'Mom'] });
    }
  });

  it('words errors for people, with the field path', () => {
    const result = validateRule(
      {
        id: 'r1',
        name: '',
        services: ['icq'],
        who: { kind: 'contacts', names: [] },
        match: { kind: 'keywords', keywords: ['ok', '  '] },
        schedule: { days: [], windows: [{ start: '25:00', end: '08:00' }] },
        delay: { minSeconds: 1.5, maxSeconds: 500 },
        cooldownMinutes: -1,
      },
      frozen,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      'name: the name is empty',
      'services.0: must be one of wechat, weibo, qq',
      'who.names: choose at least one contact',
      'match.keywords.1: a keyword is empty',
      'schedule.days: choose at least one day',
      'schedule.windows.0.start: must be a time like 08:30',
      'reply: is missing',
      'delay.minSeconds: the shortest delay must be a whole number',
      'delay.maxSeconds: the longest delay must be at most 120',
      'cooldownMinutes: the cooldown must be at least 0',
    ]);
  });

  it('rejects unsafe regexes, unknown template variables, inverted delays and empty windows', () => {
    const result = validateRule(
      {
        ...minimal,
        reply: 'hi {nmae}',
        match: { kind: 'regex', pattern: '(a+)+$', flags: '' },
        delay: { minSeconds: 10, maxSeconds: 5 },
        schedule: { days: [1, 1], windows: [{ start: '09:00', end: '09:00' }] },
      },
      frozen,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatch(/^match\.pattern: nested repetition/);
    expect(result.errors[1]).toMatch(/^reply: unknown variable \{nmae\} — did you mean \{name\}\?/);
    expect(result.errors.slice(2)).toEqual([
      'delay: the shortest delay (10 s) is longer than the longest (5 s)',
      'schedule.days: a day is listed twice',
      'schedule.windows.0: 09:00–09:00 is empty; use 00:00–24:00 for a whole day',
    ]);
  });

  it('rejects wrong kinds and non-objects', () => {
    expect(validateRule({ ...minimal, who: { kind: 'friends' } }, frozen)).toEqual({ ok: false, errors: ['who.kind: must be everyone, contacts or strangers'] });
    expect(validateRule(5, frozen)).toEqual({ ok: false, errors: ['a rule must be an object'] });
    expect(validateRule({ ...minimal, kinds: ['system'] }, frozen)).toMatchObject({ ok: false, errors: [expect.stringMatching(/^kinds\.0: must be among text, image/)] });
  });
});

describe('validateRules / loadRules', () => {
  it('labels errors with the rule number and name and catches duplicate ids', () => {
    const result = validateRules([minimal, { ...minimal, name: 'Copy' }, { id: 'r3', name: 'Broken', reply: '' }], frozen);
    expect(result).toEqual({
      ok: false,
      errors: ['rule 2 “Copy”: the id "r1" is also used by rule 1', 'rule 3 “Broken”: reply: the reply is empty'],
    });
  });

  it('loadRules keeps the valid rules and reports the others (the worker must keep running)', () => {
    const loaded = loadRules([minimal, { id: 'bad' }, { ...minimal, id: 'r2' }], frozen);
    expect(loaded.rules.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(loaded.errors).toEqual(['rule 2: name: is missing', 'rule 2: reply: is missing']);
    expect(loadRules({}).errors).toEqual(['the rules must be a list']);
  });

  it('accepts up to 500 rules (the benchmark issue asks for 500) and refuses more', () => {
    expect(LIMITS.rules).toBe(500);
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...minimal, id: `r${i}` }));
    const full = validateRules(many(500), frozen);
    expect(full.ok && full.value.length).toBe(500);
    expect(validateRules(many(501), frozen)).toEqual({ ok: false, errors: ['at most 500 rules are allowed (got 501)'] });
  });
});

describe('validateSettings', () => {
  it('fills defaults: switched off, caps, quiet time', () => {
    expect(validateSettings({})).toEqual({ ok: true, value: DEFAULT_AUTOREPLY_SETTINGS });
    expect(DEFAULT_AUTOREPLY_SETTINGS.enabled).toBe(false);
  });

  it('rejects out-of-range caps with readable messages', () => {
    expect(validateSettings({ enabled: 'yes', caps: { perMinute: 0, perHour: 10, perDay: 100000 } })).toEqual({
      ok: false,
      errors: ['enabled: must be true or false', 'caps.perMinute: replies per minute must be at least 1', 'caps.perDay: replies per day must be at most 2000'],
    });
  });
});
