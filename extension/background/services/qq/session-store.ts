// The persisted QQ session (deps.slot('session'), invariant 2): uin, SEQ, HI/LI, when the session
// last answered, the friend list and known nicknames. SEQ numbers are reserved in blocks so that a
// worker killed at any instant never reuses one, without a storage write per request.
import type { AccountSlot } from '../connector.ts';
import { HI_DEFAULT_S, LI_DEFAULT_S } from './protocol.ts';

export interface QqSessionState {
  uin: string;
  /** First SEQ not yet reserved: everything below it may have been used. */
  seqReserved: number;
  hi: number;
  li: number;
  loggedInAt?: number;
  /** Last time the server answered a command with RES=0 (persisted at most once a minute). */
  lastOkAt?: number;
  friends: string[];
  names: Record<string, string>;
}

export const SEQ_BLOCK = 64;
const SEQ_MIN = 1000;
/** Seven digits, like the clients that took SEQ from the clock; wrapping after 10^7 requests is safe. */
const SEQ_MAX = 9_999_999;
const NAMES_LIMIT = 5000;
const LAST_OK_PERSIST_MS = 60_000;

export class SessionStore {
  private state: QqSessionState | undefined;
  private nextSeq = 0;
  private reservedUntil = 0;
  private lastOkPersisted = 0;

  constructor(
    private readonly slot: AccountSlot<QqSessionState>,
    private readonly uin: string,
    private readonly random: () => number,
  ) {}

  async load(): Promise<QqSessionState> {
    if (this.state) return this.state;
    const stored = await this.slot.get();
    this.state =
      stored && stored.uin === this.uin
        ? { ...stored, friends: stored.friends ?? [], names: stored.names ?? {} }
        : {
            uin: this.uin,
            seqReserved: SEQ_MIN + Math.floor(this.random() * 8000),
            hi: HI_DEFAULT_S,
            li: LI_DEFAULT_S,
            friends: [],
            names: {},
          };
    this.nextSeq = this.state.seqReserved;
    this.reservedUntil = this.state.seqReserved;
    return this.state;
  }

  /** A SEQ never used before in this session (A.2): increasing, reserved durably before use. */
  async takeSeq(): Promise<number> {
    const state = await this.load();
    if (this.nextSeq >= this.reservedUntil) {
      if (this.nextSeq + SEQ_BLOCK > SEQ_MAX) this.nextSeq = SEQ_MIN;
      this.reservedUntil = this.nextSeq + SEQ_BLOCK;
      state.seqReserved = this.reservedUntil;
      await this.slot.set(state);
    }
    const seq = this.nextSeq;
    this.nextSeq += 1;
    return seq;
  }

  async update(patch: Partial<Omit<QqSessionState, 'uin' | 'seqReserved'>>): Promise<QqSessionState> {
    const state = await this.load();
    Object.assign(state, patch);
    await this.slot.set(state);
    return state;
  }

  /** Note a successful answer; written through at most once a minute. */
  async touch(now: number): Promise<void> {
    const state = await this.load();
    state.lastOkAt = now;
    if (now - this.lastOkPersisted < LAST_OK_PERSIST_MS) return;
    this.lastOkPersisted = now;
    await this.slot.set(state);
  }

  async rememberNames(names: Record<string, string>): Promise<void> {
    const state = await this.load();
    let changed = false;
    for (const [uin, name] of Object.entries(names)) {
      if (name === '' || state.names[uin] === name) continue;
      state.names[uin] = name;
      changed = true;
    }
    if (!changed) return;
    const keys = Object.keys(state.names);
    // Keep friends' names first when trimming: strangers' are cheap to lose.
    if (keys.length > NAMES_LIMIT) {
      const friends = new Set(state.friends);
      for (const uin of keys.filter((k) => !friends.has(k)).slice(0, keys.length - NAMES_LIMIT)) delete state.names[uin];
    }
    await this.slot.set(state);
  }

  /** Forget the server session (sign-out, wrong password) but keep SEQ, names and friends. */
  async forgetLogin(): Promise<void> {
    const state = await this.load();
    delete state.loggedInAt;
    delete state.lastOkAt;
    await this.slot.set(state);
  }
}
