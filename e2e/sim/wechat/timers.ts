// Every timer the simulator starts goes through here, so close()/reset() can cancel them all and
// tests can swap the clock that rate limits, QR lifetimes and CreateTime read.

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export class Timers {
  private readonly live = new Set<ReturnType<typeof setTimeout>>();

  after(ms: number, fn: () => void): ReturnType<typeof setTimeout> {
    const handle = setTimeout(() => {
      this.live.delete(handle);
      fn();
    }, Math.max(0, ms));
    this.live.add(handle);
    return handle;
  }

  cancel(handle: ReturnType<typeof setTimeout> | undefined): void {
    if (handle === undefined) return;
    clearTimeout(handle);
    this.live.delete(handle);
  }

  cancelAll(): void {
    for (const handle of this.live) clearTimeout(handle);
    this.live.clear();
  }
}
