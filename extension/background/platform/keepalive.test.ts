import { describe, expect, it, vi } from 'vitest';
import { createKeepalive, KEEPALIVE_INTERVAL_MS } from './keepalive.ts';

function fakeTimers() {
  const active = new Map<number, () => void>();
  let next = 1;
  return {
    active,
    setInterval: (fn: () => void) => {
      active.set(next, fn);
      return next++;
    },
    clearInterval: (handle: unknown) => void active.delete(handle as number),
    fire: () => [...active.values()].forEach((fn) => fn()),
  };
}

describe('keepalive', () => {
  it('pings at most every 20 s, and only while something is in flight', () => {
    expect(KEEPALIVE_INTERVAL_MS).toBeLessThanOrEqual(20_000);
    const timers = fakeTimers();
    const ping = vi.fn(() => Promise.resolve());
    const keepalive = createKeepalive(ping, timers);
    expect(timers.active.size).toBe(0);
    const releaseA = keepalive.track();
    const releaseB = keepalive.track();
    expect(timers.active.size).toBe(1);
    timers.fire();
    expect(ping).toHaveBeenCalledTimes(1);
    releaseA();
    expect(timers.active.size).toBe(1);
    releaseB();
    expect(timers.active.size).toBe(0);
    expect(keepalive.inFlight).toBe(0);
  });

  it('treats a double release as one', () => {
    const timers = fakeTimers();
    const keepalive = createKeepalive(() => Promise.resolve(), timers);
    const releaseA = keepalive.track();
    keepalive.track();
    releaseA();
    releaseA();
    expect(keepalive.inFlight).toBe(1);
    expect(timers.active.size).toBe(1);
  });

  it('survives a failing ping', async () => {
    const timers = fakeTimers();
    const keepalive = createKeepalive(() => Promise.reject(new Error('context invalidated')), timers);
    keepalive.track();
    expect(() => timers.fire()).not.toThrow();
  });
});
