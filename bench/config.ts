// Benchmark knobs, all from the environment so `npm run bench` needs no arguments.
//   BENCH_QUICK=1              a short smoke run (small counts, one run each, 20 s idle window)
//   BENCH_MESSAGES=<n>         messages per client in the latency benchmark (default 500), measured
//                              as BENCH_BLOCKS consecutive blocks (default 5) for the spread
//   BENCH_RUNS=<n>             repeated runs where cheap (default 3)
//   BENCH_BURST=<n>            messages in the burst's single webwxsync (default 1000)
//   BENCH_MEMORY_MESSAGES=<n>  stored messages for the memory figure (default 100000)
//   BENCH_CONTACTS=<n>         contacts for popup and memory (default 5000)
//   BENCH_IDLE_SECONDS=<n>     idle window (default 120)
//   BENCH_ONLY=a,b             only these benchmarks (size, latency, burst, popup, memory, idle)
//   BENCH_NO_BUILD=1           measure the dist/ that is there instead of building first
//   BENCH_DIST=<dir>           measure this build instead of dist/ (implies no build)
//   BENCH_OUT=<dir>            write results.md/json there instead of bench/

export const BENCH_IDS = ['size', 'latency', 'burst', 'popup', 'memory', 'idle'] as const;
export type BenchId = (typeof BENCH_IDS)[number];

export interface BenchConfig {
  quick: boolean;
  messages: number;
  blocks: number;
  runs: number;
  burst: number;
  /** The 500 rules, which is also the product's maximum (LIMITS.rules): the burst uses this many. */
  burstRules: number;
  memoryMessages: number;
  contacts: number;
  conversations: number;
  idleSeconds: number;
  only: BenchId[];
  build: boolean;
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer (got ${raw})`);
  return value;
}

export function readConfig(): BenchConfig {
  const quick = process.env['BENCH_QUICK'] === '1';
  const only = (process.env['BENCH_ONLY'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only.filter((id) => !(BENCH_IDS as readonly string[]).includes(id));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown benchmark(s) ${unknown.join(', ')}; known: ${BENCH_IDS.join(', ')}`);
  return {
    quick,
    messages: int('BENCH_MESSAGES', quick ? 40 : 500),
    blocks: int('BENCH_BLOCKS', quick ? 2 : 5),
    runs: int('BENCH_RUNS', quick ? 1 : 3),
    burst: int('BENCH_BURST', quick ? 300 : 1000),
    burstRules: 500,
    memoryMessages: int('BENCH_MEMORY_MESSAGES', quick ? 5000 : 100_000),
    contacts: int('BENCH_CONTACTS', quick ? 1000 : 5000),
    conversations: 200,
    idleSeconds: int('BENCH_IDLE_SECONDS', quick ? 20 : 120),
    only: only.length ? (only as BenchId[]) : [...BENCH_IDS],
    build: process.env['BENCH_NO_BUILD'] !== '1' && process.env['BENCH_DIST'] === undefined,
  };
}
