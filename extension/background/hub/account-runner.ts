// Runs at most one protocol loop per account (invariant 6). Each run gets its own AbortSignal;
// everything a run may write (statuses, messages, cursors) is dropped once that signal aborts, so a
// loop that was replaced can never overwrite the cursor of the loop that replaced it.
import type { Account, AccountId, AccountStatus } from '../../shared/domain.ts';
import type { Connector } from '../services/connector.ts';

export type ConnectorMaker = (account: Account, signal: AbortSignal) => Connector;

interface Run {
  epoch: number;
  controller: AbortController;
  connector: Connector;
  done: Promise<void>;
}

/** Statuses after which the loop waits for the user instead of being restarted by the watchdog. */
const PARKED: readonly AccountStatus[] = ['signedOut', 'stopped'];

export class AccountRunner {
  private readonly runs = new Map<AccountId, Run>();
  private epoch = 0;
  private watched = false;

  constructor(
    private readonly make: ConnectorMaker,
    private readonly onExit: (accountId: AccountId, error?: unknown) => void,
  ) {}

  isRunning(accountId: AccountId): boolean {
    return this.runs.has(accountId);
  }

  connector(accountId: AccountId): Connector | undefined {
    return this.runs.get(accountId)?.connector;
  }

  /** Start the loop unless one runs already, the account is disabled, or it waits for the user. */
  ensure(account: Account, lastStatus: AccountStatus | undefined, force = false): void {
    if (!account.enabled || this.runs.has(account.id)) return;
    if (!force && lastStatus && PARKED.includes(lastStatus)) return;
    const controller = new AbortController();
    const connector = this.make(account, controller.signal);
    connector.setWatched?.(this.watched);
    const epoch = ++this.epoch;
    const done = connector
      .start(controller.signal)
      .then(
        () => this.finish(account.id, epoch),
        (error: unknown) => this.finish(account.id, epoch, error),
      );
    this.runs.set(account.id, { epoch, controller, connector, done });
  }

  private finish(accountId: AccountId, epoch: number, error?: unknown): void {
    if (this.runs.get(accountId)?.epoch !== epoch) return;
    this.runs.delete(accountId);
    this.onExit(accountId, error);
  }

  /** An extension page opened (true) or the last one closed: every connector hears it. */
  setWatched(watched: boolean): void {
    if (watched === this.watched) return;
    this.watched = watched;
    for (const run of this.runs.values()) run.connector.setWatched?.(watched);
  }

  /** Abort the loop and wait until it has wound down. */
  async stop(accountId: AccountId): Promise<void> {
    const run = this.runs.get(accountId);
    if (!run) return;
    this.runs.delete(accountId);
    run.controller.abort(new DOMException('account stopped', 'AbortError'));
    await run.done;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.runs.keys()].map((id) => this.stop(id)));
  }
}
