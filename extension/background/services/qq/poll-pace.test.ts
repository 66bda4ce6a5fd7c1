import { describe, expect, it } from 'vitest';
import {
  ACTIVE_WINDOW_MS,
  QUIET_PRESENCE_MIN_MS,
  QUIET_PRESENCE_MS_PER_REQUEST,
  isActive,
  pollIntervalMs,
  presenceRefreshDelayMs,
  type PaceInput,
} from './poll-pace.ts';

const NOW = 1_700_000_000_000;
const pace = (patch: Partial<PaceInput> = {}): PaceInput => ({ now: NOW, lastActivityAt: undefined, hiSeconds: 60, liSeconds: 300, ...patch });

describe('poll pace', () => {
  it('polls every 24 s while nothing has happened, and every 10 s for three minutes after a message', () => {
    expect(pollIntervalMs(pace())).toBe(24_000);
    expect(pollIntervalMs(pace({ lastActivityAt: NOW }))).toBe(10_000);
    expect(pollIntervalMs(pace({ lastActivityAt: NOW - ACTIVE_WINDOW_MS + 1 }))).toBe(10_000);
    expect(pollIntervalMs(pace({ lastActivityAt: NOW - ACTIVE_WINDOW_MS }))).toBe(24_000);
    expect(pollIntervalMs(pace({ lastActivityAt: NOW - 86_400_000 }))).toBe(24_000);
  });

  it('stays within half of HI and of LI, whichever is smaller, but never spins', () => {
    expect(pollIntervalMs(pace({ hiSeconds: 30 }))).toBe(15_000);
    expect(pollIntervalMs(pace({ hiSeconds: 600, liSeconds: 20 }))).toBe(10_000);
    expect(pollIntervalMs(pace({ hiSeconds: 8 }))).toBe(4_000);
    expect(pollIntervalMs(pace({ hiSeconds: 8, lastActivityAt: NOW }))).toBe(4_000);
    expect(pollIntervalMs(pace({ hiSeconds: 600, liSeconds: 3600 }))).toBe(24_000);
    expect(pollIntervalMs(pace({ hiSeconds: 0 }))).toBe(2_000);
    expect(pollIntervalMs(pace({ hiSeconds: Number.NaN, lastActivityAt: NOW }))).toBe(2_000);
  });

  it('is never slower while active than while quiet', () => {
    for (const hiSeconds of [1, 4, 10, 20, 25, 40, 60, 120, 1000]) {
      expect(pollIntervalMs(pace({ hiSeconds, lastActivityAt: NOW }))).toBeLessThanOrEqual(pollIntervalMs(pace({ hiSeconds })));
    }
  });

  it('does not let a clock set back keep the fast pace for long', () => {
    expect(isActive(NOW, NOW + 60_000)).toBe(true);
    expect(isActive(NOW, NOW + ACTIVE_WINDOW_MS)).toBe(false);
    expect(isActive(NOW, Number.NaN)).toBe(false);
    expect(isActive(NOW, undefined)).toBe(false);
  });

  it('quiet: GetMsgEx and Query_Stat together stay within 3 requests a minute', () => {
    for (const requests of [1, 2, 3, 5, 10, 50]) {
      const pollsPerMinute = 60_000 / pollIntervalMs(pace());
      const presencePerMinute = (60_000 / presenceRefreshDelayMs({ now: NOW, lastActivityAt: undefined, requests, activeRefreshMs: 180_000 })) * requests;
      expect(pollsPerMinute + presencePerMinute).toBeLessThanOrEqual(3);
    }
  });

  it('refreshes presence on the configured period while active, rarely while quiet', () => {
    const input = { now: NOW, requests: 2, activeRefreshMs: 180_000 };
    expect(presenceRefreshDelayMs({ ...input, lastActivityAt: NOW - 1_000 })).toBe(180_000);
    expect(presenceRefreshDelayMs({ ...input, lastActivityAt: undefined })).toBe(QUIET_PRESENCE_MIN_MS);
    expect(presenceRefreshDelayMs({ ...input, requests: 8, lastActivityAt: undefined })).toBe(8 * QUIET_PRESENCE_MS_PER_REQUEST);
    expect(presenceRefreshDelayMs({ ...input, requests: 0, activeRefreshMs: 3_600_000, lastActivityAt: undefined })).toBe(3_600_000);
  });
});
