// Work that can wait until the page has a moment (after its first frame). Returns a cancel
// function, so an effect can clean up after itself.

/** When the main thread is idle, at the latest after `timeoutMs`. */
export function whenIdle(run: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(() => run(), { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(run, Math.min(50, timeoutMs));
  return () => clearTimeout(timer);
}
