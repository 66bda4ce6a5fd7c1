import { describe, expect, it } from 'vitest';
import type { Account } from '../../shared/domain.ts';
import type { Connector } from '../services/connector.ts';
import { AccountRunner } from './account-runner.ts';

const account: Account = { id: 'qq:1', service: 'qq', label: '1', enabled: true, createdAt: 0 };

/** A connector whose loop runs until aborted, counting how many loops are alive at once. */
function fakeConnectors() {
  let alive = 0;
  let maxAlive = 0;
  let started = 0;
  const make = (_a: Account, _signal: AbortSignal): Connector => ({
    start: (signal) =>
      new Promise<void>((resolve) => {
        started += 1;
        alive += 1;
        maxAlive = Math.max(maxAlive, alive);
        signal.addEventListener('abort', () => {
          alive -= 1;
          resolve();
        });
      }),
    send: async () => ({ ok: false, error: 'n/a', retryable: false }),
    command: async () => ({ ok: false, error: 'n/a' }),
    signOut: async () => undefined,
  });
  return { make, stats: () => ({ alive, maxAlive, started }) };
}

describe('AccountRunner', () => {
  it('never runs two loops for one account, however often it is asked', async () => {
    const fake = fakeConnectors();
    const runner = new AccountRunner(fake.make, () => undefined);
    for (let i = 0; i < 5; i++) runner.ensure(account, 'online');
    expect(fake.stats()).toMatchObject({ alive: 1, started: 1 });
    await runner.stop(account.id);
    runner.ensure(account, 'online');
    expect(fake.stats()).toMatchObject({ alive: 1, maxAlive: 1, started: 2 });
    await runner.stopAll();
    expect(fake.stats().alive).toBe(0);
  });

  it('leaves signed-out and disabled accounts parked unless forced by the user', () => {
    const fake = fakeConnectors();
    const runner = new AccountRunner(fake.make, () => undefined);
    runner.ensure(account, 'signedOut');
    runner.ensure({ ...account, id: 'qq:2', enabled: false }, 'online');
    expect(fake.stats().started).toBe(0);
    runner.ensure(account, 'signedOut', true);
    expect(runner.isRunning(account.id)).toBe(true);
  });

  it('reports a loop that ended by itself, and forgets it so it can be restarted', async () => {
    const exits: string[] = [];
    const runner = new AccountRunner(
      () => ({
        start: async () => undefined,
        send: async () => ({ ok: false, error: '', retryable: false }),
        command: async () => ({ ok: false, error: '' }),
        signOut: async () => undefined,
      }),
      (id) => exits.push(id),
    );
    runner.ensure(account, undefined);
    await expect.poll(() => exits).toEqual(['qq:1']);
    expect(runner.isRunning('qq:1')).toBe(false);
  });

  it('tells every connector whether a page is open, also one started while a page is open', async () => {
    const heard: boolean[][] = [];
    const make = (a: Account): Connector => {
      const mine: boolean[] = [];
      heard.push(mine);
      return {
        start: (signal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve())),
        send: async () => ({ ok: false, error: 'n/a', retryable: false }),
        command: async () => ({ ok: false, error: a.id }),
        signOut: async () => undefined,
        setWatched: (watched) => mine.push(watched),
      };
    };
    const runner = new AccountRunner(make, () => undefined);
    runner.ensure(account, 'online');
    runner.setWatched(true);
    runner.setWatched(true);
    runner.ensure({ ...account, id: 'qq:2' }, 'online');
    runner.setWatched(false);
    expect(heard).toEqual([
      [false, true, false],
      [true, false],
    ]);
    await runner.stopAll();
  });
});
