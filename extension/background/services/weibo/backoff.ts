// Exponential backoff with full jitter (weibo-bayeux.md D.2 rule 5: 1 s base, 60 s cap).
// Full jitter spreads reconnecting clients out instead of herding them (issues in section C).

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 60_000;

/** `failures` consecutive failures so far (0 = none); `random` in [0, 1). */
export function backoffDelay(failures: number, random: number): number {
  if (failures <= 0) return 0;
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 16));
  return Math.floor(Math.min(Math.max(random, 0), 1) * ceiling);
}
