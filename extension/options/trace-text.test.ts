import { describe, expect, it } from 'vitest';
import type { Explanation } from '../background/autoreply/types.ts';
import { decisionText, explanationLines, seconds } from './trace-text.ts';

// A stand-in for chrome.i18n: the key and its substitutions, so the tests see what was asked for.
const t = (key: string, subs?: string | string[]) => (subs === undefined ? `[${key}]` : `[${key}:${([] as string[]).concat(subs).join('|')}]`);

describe('tester wording', () => {
  it('words every trace status with its label and keeps the engine detail', () => {
    const explanation: Explanation = {
      rules: [
        { ruleId: 'a', ruleName: 'A', status: 'missed', reason: 'match', detail: 'no keyword' },
        { ruleId: 'b', ruleName: 'B', status: 'chosen', detail: 'matches' },
        { ruleId: 'c', ruleName: 'C', status: 'shadowed', detail: 'matches, but' },
        { ruleId: 'd', ruleName: 'D', status: 'cooldown', detail: 'waits 10 min' },
      ],
      decision: { kind: 'reply', ruleId: 'b', ruleName: 'B', ruleIds: ['b'], text: 'hi', delayMs: 4249 },
    };
    const { rules, decision } = explanationLines(explanation, t);
    expect(rules.map((r) => r.text)).toEqual([
      '“A”: [opt_trace_missed] ([opt_miss_match]) — no keyword',
      '“B”: [opt_trace_chosen] — matches',
      '“C”: [opt_trace_shadowed] — matches, but',
      '“D”: [opt_trace_cooldown] — waits 10 min',
    ]);
    expect(decision).toBe('[opt_decision_reply:4.2|B]');
  });

  it('turns a hyphenated skip reason into a valid message name', () => {
    expect(decisionText({ kind: 'skip', reason: 'switched-off', detail: 'auto-reply is switched off', facts: {} }, t)).toBe(
      '[opt_decision_skip]: [opt_skip_switched_off] — auto-reply is switched off',
    );
  });

  it('shows delays in seconds with one decimal', () => {
    expect(seconds(0)).toBe('0.0');
    expect(seconds(3050)).toBe('3.1');
    expect(seconds(120000)).toBe('120.0');
  });
});
