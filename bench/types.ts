// What every benchmark returns and the report writer reads (bench/results.json has this shape).
import { median } from './stats.ts';

/** `max`: the figure must be at most `value`. */
export interface Target {
  max: number;
  /** Human wording of where the target comes from, e.g. "issue: <= 250 ms". */
  label?: string;
}

export interface Figure {
  /** Stable key, e.g. `wechat.extension.p50`. */
  key: string;
  label: string;
  unit: 'ms' | 'KB' | 'MB' | 'req/min' | 'ratio' | 'count' | '%' | 'ms/min';
  /**
   * The headline value: the median over runs, or for latency percentiles the percentile over all
   * messages pooled (blocks are its runs); `basis` says which.
   */
  value: number;
  basis: 'median of runs' | 'pooled' | 'single';
  /** One value per run or block (at least 3 where cheap); the report shows their median and spread. */
  runs: number[];
  target?: Target;
}

export interface BenchResult {
  id: string;
  title: string;
  /** How it was measured, in one or two sentences for the report. */
  method: string;
  figures: Figure[];
  /** Anything the reader must know: deviations from the brief, limits hit, failures. */
  notes: string[];
  /** Wall-clock seconds the benchmark took. */
  seconds: number;
  /** Set when the benchmark could not run to the end. */
  error?: string;
}

/** A figure whose value is the median of its runs. */
export function medianFigure(key: string, label: string, unit: Figure['unit'], runs: number[], target?: Target): Figure {
  return { key, label, unit, value: median(runs), basis: runs.length > 1 ? 'median of runs' : 'single', runs, ...(target ? { target } : {}) };
}

export interface Verdict {
  met: boolean;
  /** How far over the target (absolute, in the figure's unit) and relative. */
  overBy?: number;
  overByRatio?: number;
}

export function verdict(figure: Figure): Verdict | undefined {
  if (!figure.target || !Number.isFinite(figure.value)) return undefined;
  const over = figure.value - figure.target.max;
  if (over <= 0) return { met: true };
  return { met: false, overBy: over, overByRatio: figure.target.max === 0 ? Number.POSITIVE_INFINITY : figure.value / figure.target.max };
}
