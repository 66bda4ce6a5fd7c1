// The tester's result as plain sentences in the user's language. The engine's `detail` strings
// are English (they also go to logs); each line leads with a translated label and keeps the detail
// after it, so nothing the engine knows is hidden.
import type { Decision, Explanation, RuleTrace } from '../background/autoreply/types.ts';

export type Translate = (key: string, substitutions?: string | string[]) => string;

export interface TraceLine {
  ruleId: string;
  status: RuleTrace['status'];
  text: string;
}

export function traceLine(trace: RuleTrace, t: Translate): TraceLine {
  const status = trace.status === 'missed' ? `${t('opt_trace_missed')} (${t(`opt_miss_${trace.reason}`)})` : t(`opt_trace_${trace.status}`);
  return { ruleId: trace.ruleId, status: trace.status, text: `“${trace.ruleName}”: ${status} — ${trace.detail}` };
}

/** Seconds with one decimal, e.g. 4.2; the delay is random within the rule's range. */
export function seconds(ms: number): string {
  return (Math.round(ms / 100) / 10).toFixed(1);
}

export function decisionText(decision: Decision, t: Translate): string {
  if (decision.kind === 'reply') return t('opt_decision_reply', [seconds(decision.delayMs), decision.ruleName]);
  return `${t('opt_decision_skip')}: ${t(`opt_skip_${decision.reason.replace(/-/g, '_')}`)} — ${decision.detail}`;
}

export function explanationLines(explanation: Explanation, t: Translate): { rules: TraceLine[]; decision: string } {
  return { rules: explanation.rules.map((trace) => traceLine(trace, t)), decision: decisionText(explanation.decision, t) };
}
