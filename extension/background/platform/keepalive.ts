// Keeps the MV3 worker alive while any request is in flight, and only then.
// Chromium stops a worker 30 s after its last extension event or API call, and an in-flight fetch
// does not count (measured, mv3-platform.md §1.2). A cheap API call every ≤ 20 s while a long-poll
// is pending keeps it running; when nothing is in flight the worker may idle and the 30 s alarm
// watchdog brings the loops back.

export const KEEPALIVE_INTERVAL_MS = 20_000;

type Ping = () => Promise<unknown>;
type Timers = {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
};

export interface Keepalive {
  /** Count one request as in flight; returns its release function (idempotent). */
  track(): () => void;
  /** How many requests are in flight now. */
  readonly inFlight: number;
}

export function createKeepalive(ping: Ping, timers: Timers, intervalMs = KEEPALIVE_INTERVAL_MS): Keepalive {
  let inFlight = 0;
  let handle: unknown;
  const tick = () => void ping().catch(() => undefined);
  return {
    track() {
      inFlight += 1;
      if (inFlight === 1) handle = timers.setInterval(tick, intervalMs);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inFlight -= 1;
        if (inFlight === 0) {
          timers.clearInterval(handle);
          handle = undefined;
        }
      };
    },
    get inFlight() {
      return inFlight;
    },
  };
}

/** The worker's keepalive: `runtime.getPlatformInfo` is the cheapest call that resets the idle timer. */
const workerKeepalive = createKeepalive(
  () => (typeof chrome !== 'undefined' && chrome.runtime?.getPlatformInfo ? chrome.runtime.getPlatformInfo() : Promise.resolve()),
  {
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
  },
);

export const trackInFlight = (): (() => void) => workerKeepalive.track();
