// Turns incoming messages into at most one auto-reply each (invariant 3).
//
//   stored ──decide──▶ skip: nothing more
//      └──────────────▶ planned {text, sendAt}: queued until due
//   planned, due, online ──ledger `decided`──▶ ONE send ──▶ ledger sent | failed
//
// A batch is decided in the transaction that stores it (beforeStore: the inbox's participant), so
// a message that arrives and is due at once costs one commit before its reply leaves, and a burst
// of a thousand costs one commit (docs/performance.md). The queue holds what is left: plans
// waiting for their time or their account, and messages stored without a decision (the decision
// failed, or nobody offered one); kick() works through it, in one transaction per pass.
//
// A worker killed anywhere: before a commit nothing happened (the messages come again, or the
// queue is read again); after it, a message is decided, planned in the queue, or claimed with its
// `decided` ledger entry, which recover() turns into `unknown` at the next boot — never a second send.
import { isQueueBatch, WRITE_STORES, type Db, type ReplyQueueItem, type ReplyQueueRecord, type WriteTx } from '../../shared/db.ts';
import type { Account, Message, SendResult } from '../../shared/domain.ts';
import type { AutoReplySettings, Rule } from '../../shared/rules.ts';
import type { StoreParticipant } from '../inbox/store.ts';
import { recordOutcome, recoverAfterRestart, type LedgerEntry, type LedgerStore } from '../autoreply/ledger.ts';
import { TxDecisions, type ClaimedSend, type DecideSetting, type DecisionOutcome, type HistoryCopy } from './reply-decisions.ts';
import { messageOf, splitConversationId } from '../inbox/store.ts';

export interface AutoReplierDeps {
  db: Db;
  ledger: LedgerStore;
  accounts(): Promise<Account[]>;
  rules(): Promise<readonly Rule[]>;
  settings(): Promise<AutoReplySettings>;
  /** True when the account's connector is online and can send now. */
  online(accountId: string): boolean;
  /** Store the reply as `sending`, then its one attempt; resolves with the outcome. */
  send(message: Message, text: string, rule: { ruleId: string; ruleName: string }): Promise<SendResult>;
  /** The one attempt of a reply already stored as `sending`; resolves with the outcome. */
  deliver(outgoing: Message, text: string): Promise<SendResult>;
  onLedger(entry: LedgerEntry): void;
  /** A decision or a pass failed (its messages stay queued for the next pass). */
  onError(error: unknown): void;
  now(): number;
  random(): number;
  timeZone(): string;
  locale(): string;
  setTimer(fn: () => void, ms: number): void;
}

/** Decides a batch inside its store transaction; committed() once that transaction has committed. */
export interface StoreDecisions extends StoreParticipant {
  committed(): void;
}

export class AutoReplier {
  private running: Promise<void> | undefined;
  private again = false;
  private timerAt = Number.POSITIVE_INFINITY;
  /** The history as last committed by a transaction of this instance, with the stamp it wrote. */
  private history: HistoryCopy | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: AutoReplierDeps) {}

  /** At boot, before anything is sent: half-finished sends become `unknown`. */
  async recover(): Promise<void> {
    for (const entry of await recoverAfterRestart(this.deps.ledger, this.deps.now())) this.deps.onLedger(entry);
  }

  /**
   * Before a batch is stored: the participant that decides it inside the store transaction. Its
   * settings are loaded here, because nothing may wait on anything but the database inside an
   * IndexedDB transaction (it would commit early).
   */
  async beforeStore(): Promise<StoreDecisions> {
    const setting = await this.setting();
    let open: { tx: WriteTx; decisions: TxDecisions } | undefined;
    let outcome: DecisionOutcome | undefined;
    return {
      begin: (tx, candidates, contactOf) => {
        open = { tx, decisions: new TxDecisions(tx, setting, () => this.history, contactOf) };
        open.decisions.prefetch(candidates);
      },
      finish: async (added, conversations) => {
        const fresh = added.filter((m) => m.direction === 'in' && !m.replay);
        if (!open || fresh.length === 0) return { handled: new Set(), writes: [] };
        const byId = new Map(conversations.map((c) => [c.id, c]));
        const items = fresh.map((message) => ({ item: { messageKey: message.key, accountId: message.accountId, queuedAt: setting.now }, message }));
        try {
          outcome = await open.decisions.run(items, (id) => byId.get(id));
        } catch (error) {
          this.deps.onError(error);
          throw error;
        }
        const queue = open.tx.objectStore('replyQueue');
        const writes = [...outcome.writes, ...outcome.kept.map((item) => queue.put(item))];
        // The replies go into the inbox with the messages they answer: one commit holds the
        // message, the claim and the `sending` reply, and the attempt starts right after it.
        const companions = outcome.sends.map((send) => (send.outgoing = replyMessage(send, setting)));
        return { handled: new Set(fresh.map((m) => m.key)), writes, companions };
      },
      committed: () => {
        if (outcome) this.apply(outcome);
        outcome = undefined;
      },
    };
  }

  /**
   * Work through the queue; calls while a pass runs make it run once more. Resolves when the
   * decisions are committed and their sends have started (settled() waits for the sends too).
   */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        // A failed pass changes nothing (its transaction aborts): the queue waits for the next kick.
        await this.pass().catch((error: unknown) => this.deps.onError(error));
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Resolves once no pass runs and every started send has its outcome recorded. */
  async settled(): Promise<void> {
    while (this.running || this.inFlight.size) {
      await this.running;
      await Promise.all(this.inFlight);
    }
  }

  /** One pass over the whole queue, in one transaction. */
  private async pass(): Promise<void> {
    const setting = await this.setting();
    const tx = this.deps.db.transaction(WRITE_STORES, 'readwrite');
    const decisions = new TxDecisions(tx, setting, () => this.history);
    const queueStore = tx.objectStore('replyQueue');
    const records = await queueStore.getAll();
    const queue = records.flatMap(expand).sort((a, b) => a.queuedAt - b.queuedAt);
    const messages = await Promise.all(queue.map((item) => tx.objectStore('messages').get(item.messageKey)));
    const items = queue.flatMap((item, i) => {
      const message = messages[i];
      return message ? [{ item, message }] : [];
    });
    const outcome = await decisions.run(items, (id) => tx.objectStore('conversations').get(id));
    // Everything not kept leaves the queue (batches always: what they still hold is kept as single
    // items). Clearing and re-adding the few kept items costs far fewer requests than deleting a
    // burst's thousand decided items one by one.
    const keptKeys = new Set(outcome.kept.map((item) => item.messageKey));
    const leaving = records.filter((record) => isQueueBatch(record) || !keptKeys.has(record.messageKey));
    const writes = [...outcome.writes];
    if (leaving.length > outcome.kept.length) {
      writes.push(queueStore.clear(), ...outcome.kept.map((item) => queueStore.put(item)));
    } else {
      const before = new Map(records.map((record) => [record.messageKey, record]));
      for (const record of leaving) writes.push(queueStore.delete(record.messageKey));
      for (const item of outcome.kept) if (before.get(item.messageKey) !== item) writes.push(queueStore.put(item));
    }
    await Promise.all([...writes, tx.done]);
    this.apply(outcome);
  }

  private async setting(): Promise<DecideSetting> {
    const { deps } = this;
    const [accounts, rules, settings] = await Promise.all([deps.accounts(), deps.rules(), deps.settings()]);
    return {
      accounts: new Map(accounts.map((a) => [a.id, a])),
      rules,
      settings,
      now: deps.now(),
      timeZone: deps.timeZone(),
      locale: deps.locale(),
      random: () => deps.random(),
      online: (accountId) => deps.online(accountId),
    };
  }

  /** After the commit: the history copy, the ledger news, the sends, the next wake-up. */
  private apply(outcome: DecisionOutcome): void {
    this.history = outcome.history;
    for (const entry of outcome.entries) this.deps.onLedger(entry);
    for (const send of outcome.sends) this.start(send);
    this.schedule(outcome.nextDue);
  }

  /** The one attempt of a claimed reply, its outcome recorded whatever happens. */
  private start({ entry, message, outgoing }: ClaimedSend): void {
    const job = (async () => {
      const attempt = outgoing ? this.deps.deliver(outgoing, entry.text) : this.deps.send(message, entry.text, { ruleId: entry.ruleId, ruleName: entry.ruleName });
      const result = await attempt.catch(
        (error: unknown): SendResult => ({ ok: false, error: error instanceof Error ? error.message : String(error), retryable: false }),
      );
      const outcome = recordOutcome(entry, result, this.deps.now()).entry;
      await this.deps.ledger.put(outcome);
      this.deps.onLedger(outcome);
    })();
    this.inFlight.add(job);
    void job.finally(() => this.inFlight.delete(job));
  }

  private schedule(at: number): void {
    if (!Number.isFinite(at) || at >= this.timerAt) return;
    this.timerAt = at;
    this.deps.setTimer(() => {
      this.timerAt = Number.POSITIVE_INFINITY;
      void this.kick();
    }, Math.max(0, at - this.deps.now()));
  }
}

/** A batch record as the single items it stands for. */
function expand(record: ReplyQueueRecord): ReplyQueueItem[] {
  if (!isQueueBatch(record)) return [record];
  return record.messageKeys.map((messageKey) => ({ messageKey, accountId: record.accountId, queuedAt: record.queuedAt }));
}

/** A claimed reply as the message we send: ours, `sending`, marked with its rule. */
function replyMessage({ entry, message }: ClaimedSend, setting: DecideSetting): Message {
  const { accountId, peerId } = splitConversationId(message.conversationId);
  return messageOf(accountId, {
    serverId: `local-${crypto.randomUUID()}`,
    peerId,
    direction: 'out',
    senderId: setting.accounts.get(accountId)?.selfId ?? '',
    at: setting.now,
    kind: 'text',
    text: entry.text,
    state: 'sending',
    autoReply: { ruleId: entry.ruleId, ruleName: entry.ruleName },
  });
}
