// Full-jitter exponential backoff (invariant 7): delay = random in [floor, min(cap, base * 2^n)].

export class Backoff {
  attempts = 0;

  constructor(
    private readonly random: () => number,
    private readonly baseMs = 1_000,
    private readonly capMs = 60_000,
    /** A floor so that an unlucky draw near 0 never becomes a tight loop against the server. */
    private readonly floorMs = 500,
  ) {}

  next(): number {
    const ceiling = Math.min(this.capMs, this.baseMs * 2 ** Math.min(this.attempts, 30));
    this.attempts++;
    return Math.max(this.floorMs, Math.floor(this.random() * ceiling));
  }

  reset(): void {
    this.attempts = 0;
  }
}

/** Sleep that reports an abort as `false` instead of throwing. */
export async function pause(sleep: (ms: number, signal: AbortSignal) => Promise<void>, ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  try {
    await sleep(ms, signal);
    return !signal.aborted;
  } catch {
    return false;
  }
}

export function describeDelay(ms: number): string {
  return ms < 1_000 ? 'in a moment' : `in ${Math.round(ms / 1_000)} s`;
}
