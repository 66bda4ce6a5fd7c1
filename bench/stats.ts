// Small, dependency-free statistics for the benchmarks: percentiles of a sample, and the median and
// spread of one figure over repeated runs.

/** Nearest-rank percentile (p in 0..100) of an unsorted sample; NaN for an empty one. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length;
}

export interface Summary {
  p50: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
  count: number;
}

export function summarize(values: readonly number[]): Summary {
  return {
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
    count: values.length,
  };
}

/**
 * The floor's distribution: one reply needs `hops` round trips in a row, so each floor sample is the
 * sum of `hops` consecutive RTT samples (not hops x p99, which would overstate the tail).
 */
export function chainedSums(rtts: readonly number[], hops: number): number[] {
  const sums: number[] = [];
  for (let i = 0; i + hops <= rtts.length; i += 1) {
    let sum = 0;
    for (let k = 0; k < hops; k += 1) sum += rtts[i + k] as number;
    sums.push(sum);
  }
  return sums;
}

/** Round for display and JSON: 2 decimals below 10, 1 below 1000, integers above. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const abs = Math.abs(value);
  const digits = abs < 10 ? 100 : abs < 1000 ? 10 : 1;
  return Math.round(value * digits) / digits;
}
