// Building skip decisions and the English wording of durations in them. Pages that want another
// language word the reason from `facts`; `detail` is for logs, the tester and a fallback.
import type { SkipDecision, SkipFacts, SkipReason } from './types.ts';

export function skip(reason: SkipReason, detail: string, facts: SkipFacts = {}, pauseUntil?: number): SkipDecision {
  return { kind: 'skip', reason, detail, facts, ...(pauseUntil !== undefined ? { pauseUntil } : {}) };
}

/** "45 s", "3 min", "2 h 5 min", "1 d 3 h": rounded down, never "0 min" for a non-zero span. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

export const formatMinutes = (minutes: number): string => formatDuration(minutes * 60 * 1000);
