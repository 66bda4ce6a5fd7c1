import { describe, expect, it } from 'vitest';
import { exportAutoReplyDocument, importAutoReplyDocument, migrateAutoReplyDocument, AUTOREPLY_DOCUMENT_VERSION } from './rules-document.ts';
import { defaultRule, DEFAULT_AUTOREPLY_SETTINGS, type Rule } from './rules.ts';

const frozen = { now: (): number => 0 };
const NOW = Date.UTC(2025, 5, 4, 12, 0, 0);

const rules: Rule[] = [
  {
    ...defaultRule('night', '夜间'),
    reply: '{name}，我睡了，明早{{8点}}回复。',
    schedule: { days: [0, 1, 2, 3, 4, 5, 6], windows: [{ start: '22:00', end: '08:00' }] },
    continue: true,
  },
  {
    ...defaultRule('price', 'Price'),
    services: ['weibo'],
    who: { kind: 'contacts', names: ['张三', 'Bob'] },
    groups: 'mentioned',
    match: { kind: 'regex', pattern: '价格|price', flags: 'iu' },
    kinds: ['text', 'image'],
    reply: 'Prices: see {service} pinned post ({date} {time})',
    delay: { minSeconds: 0, maxSeconds: 4 },
    cooldownMinutes: 0,
  },
  { ...defaultRule('kw', 'Keywords'), enabled: false, who: { kind: 'strangers' }, match: { kind: 'keywords', keywords: ['你好', 'ＨＩ'], caseSensitive: true }, reply: 'hi' },
  { ...defaultRule('exact', 'Exact'), match: { kind: 'exact', text: '在吗', caseSensitive: false }, reply: '在' },
];
const settings = { enabled: true, caps: { perMinute: 2, perHour: 20, perDay: 50 }, quietWhileActiveMinutes: 0 };

describe('auto-reply document', () => {
  it('round-trips rules and settings through export and import', () => {
    const text = exportAutoReplyDocument(rules, settings, NOW);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(parsed).toMatchObject({ version: AUTOREPLY_DOCUMENT_VERSION, app: 'switchboard', exportedAt: '2025-06-04T12:00:00.000Z' });
    const back = importAutoReplyDocument(text, frozen);
    expect(back).toEqual({ ok: true, value: { version: 1, app: 'switchboard', exportedAt: '2025-06-04T12:00:00.000Z', rules, settings } });
    // and again: export(import(x)) is byte-identical
    if (back.ok) expect(exportAutoReplyDocument(back.value.rules, back.value.settings, NOW)).toBe(text);
  });

  it('accepts an already parsed value and fills defaults for missing settings', () => {
    const result = importAutoReplyDocument({ version: 1, rules: [{ id: 'a', name: 'A', reply: 'x' }] }, frozen);
    expect(result.ok && result.value.settings).toEqual(DEFAULT_AUTOREPLY_SETTINGS);
  });

  it('refuses files it cannot read, saying why', () => {
    expect(importAutoReplyDocument('{not json', frozen)).toMatchObject({ ok: false, errors: [expect.stringMatching(/^the file is not valid JSON: /)] });
    expect(importAutoReplyDocument('[]', frozen)).toEqual({ ok: false, errors: ['this is not a Switchboard auto-reply file (expected a JSON object)'] });
    expect(importAutoReplyDocument('{"rules": []}', frozen)).toEqual({ ok: false, errors: ['this is not a Switchboard auto-reply file (no "version")'] });
    expect(importAutoReplyDocument('{"version": 2, "rules": []}', frozen)).toEqual({
      ok: false,
      errors: ['this file was made by a newer Switchboard (format 2; this one reads up to 1); update Switchboard first'],
    });
  });

  it('imports all or nothing: one bad rule rejects the file with every error listed', () => {
    const doc = { version: 1, rules: [rules[0], { ...rules[1], match: { kind: 'regex', pattern: '(\\w+)*$', flags: '' } }], settings: { caps: { perMinute: 0, perHour: 1, perDay: 1 } } };
    const result = importAutoReplyDocument(JSON.stringify(doc), frozen);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]).toMatch(/^rule 2 “Price”: match\.pattern: nested repetition/);
    expect(result.errors[1]).toBe('settings: caps.perMinute: replies per minute must be at least 1');
  });

  it('migrate passes the current version through unchanged', () => {
    const doc = { version: 1, rules: [], settings: {} };
    expect(migrateAutoReplyDocument(doc)).toEqual({ ok: true, value: doc });
  });
});
