// When this account last had a chat message in either direction: the poll pace depends on it
// (poll-pace.ts). Kept in slot('activity') so a restarted worker keeps the pace of a live chat
// (invariant 2). Losing the write costs nothing but speed: the loop polls at the quiet pace until
// the next message, and a restart always polls once at once.
import type { AccountSlot } from '../connector.ts';

export interface ActivityRecord {
  at: number;
}

export class ActivityClock {
  private at: number | undefined;
  private loaded: Promise<void> | undefined;
  private wake = new AbortController();
  private watchedNow = false;

  constructor(private readonly slot: AccountSlot<ActivityRecord>) {}

  async lastAt(): Promise<number | undefined> {
    this.loaded ??= this.slot.get().then(
      (stored) => {
        if (stored && Number.isFinite(stored.at)) this.at = Math.max(this.at ?? stored.at, stored.at);
      },
      () => undefined, // unreadable storage: treat as quiet, which is safe
    );
    await this.loaded;
    return this.at;
  }

  /**
   * Aborts when activity is noted, so the loop's sleep ends and the fast pace applies at once (a
   * reply to what the user just sent should not wait out a quiet interval). Read it before reading
   * lastAt(): a note in between then still ends the sleep.
   */
  get woken(): AbortSignal {
    return this.wake.signal;
  }

  /** An extension page is open: the loop keeps the live pace while it is (not persisted). */
  get watched(): boolean {
    return this.watchedNow;
  }

  setWatched(watched: boolean): void {
    this.watchedNow = watched;
    if (watched) this.wakeLoop();
  }

  private wakeLoop(): void {
    const wake = this.wake;
    this.wake = new AbortController();
    wake.abort(new Error('QQ activity'));
  }

  /** Remember a message at `at` and wake the loop; the memory and the wake-up happen before the write. */
  async note(at: number): Promise<void> {
    if (this.at === undefined || at > this.at) this.at = at;
    this.wakeLoop();
    await this.slot.set({ at: this.at });
  }
}
