// The live state of every account: in memory, mirrored to storage.session so a restarted worker
// (and a page opened while it sleeps) shows the last known state at once.
import type { AccountId, AccountState } from '../../shared/domain.ts';
import type { StorageItem } from '../platform/storage-item.ts';
import type { StatusReport } from '../services/connector.ts';

export class AccountStates {
  private states: Record<AccountId, AccountState> = {};
  private writes = Promise.resolve();

  constructor(
    private readonly item: StorageItem<Record<string, AccountState>>,
    private readonly onChange: (state: AccountState) => void,
    private readonly now: () => number,
  ) {}

  async load(): Promise<void> {
    this.states = await this.item.get();
  }

  get(accountId: AccountId): AccountState | undefined {
    return this.states[accountId];
  }

  all(): AccountState[] {
    return Object.values(this.states);
  }

  set(accountId: AccountId, report: StatusReport): AccountState {
    const previous = this.states[accountId];
    const unchanged =
      previous &&
      previous.status === report.status &&
      previous.reason === report.reason &&
      previous.code === report.code &&
      JSON.stringify(previous.needs) === JSON.stringify(report.needs);
    if (unchanged) return previous;
    const state: AccountState = { accountId, ...report, since: this.now() };
    this.states = { ...this.states, [accountId]: state };
    this.persist();
    this.onChange(state);
    return state;
  }

  forget(accountId: AccountId): void {
    const { [accountId]: _gone, ...rest } = this.states;
    this.states = rest;
    this.persist();
  }

  private persist(): void {
    const snapshot = this.states;
    this.writes = this.writes.then(() => this.item.set(snapshot)).catch(() => undefined);
  }
}
