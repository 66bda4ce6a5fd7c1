// Auto-reply decisions inside one IndexedDB transaction: the core shared by the store transaction
// (just-arrived messages, decided in the transaction that stores them) and the queue pass (plans
// waiting for their time, messages a dead worker left queued).
//
// Within the transaction: decide in order (each decision sees the history the earlier ones left),
// claim what is due (no ledger entry yet, checked inside this readwrite transaction, which holds
// the ledger until it commits: the put is the insert-only claim), write the ledger entries and the
// history. Nothing is sent here: the caller starts the sends after the commit (invariant 3: the
// claim is durable before the one attempt).
import type { ReplyQueueItem, WriteTx } from '../../shared/db.ts';
import type { Account, Contact, Conversation, Message } from '../../shared/domain.ts';
import { MAX_MESSAGE_AGE_MINUTES, type AutoReplySettings, type Rule } from '../../shared/rules.ts';
import { decide } from '../autoreply/decide.ts';
import { historyBatch, type AutoReplyHistory } from '../autoreply/history.ts';
import { HISTORY_STAMP_KEY, readHistory, writeHistory } from './history-records.ts';
import { cancel, decidedEntry, ledgerKey, type LedgerEntry } from '../autoreply/ledger.ts';
import type { DecideInput } from '../autoreply/types.ts';
import { contactReader, splitConversationId, type ContactReads } from '../inbox/store.ts';

/** Up to this many messages, their ledger reads start with the transaction's first requests. */
const LEDGER_PREFETCH_LIMIT = 64;

/** The history as some transaction committed it, with the stamp it wrote. */
export interface HistoryCopy {
  record: AutoReplyHistory;
  stamp: unknown;
}

/** Everything a decision needs that does not come from the database, loaded before the transaction. */
export interface DecideSetting {
  accounts: ReadonlyMap<string, Account>;
  rules: readonly Rule[];
  settings: AutoReplySettings;
  now: number;
  timeZone: string;
  locale: string;
  random: () => number;
  /** True when the account's connector is online and can send now. */
  online(accountId: string): boolean;
}

export interface DecisionOutcome {
  /** Items that stay queued: planned for later, or due while the account is offline. */
  kept: ReplyQueueItem[];
  /** Ledger entries written (claims, and claims cancelled at once), to announce after the commit. */
  entries: LedgerEntry[];
  /** Claimed replies whose one attempt starts after the commit. */
  sends: ClaimedSend[];
  nextDue: number;
  /** The history once this transaction commits. */
  history: HistoryCopy;
  /** This transaction's writes (their failure aborts it). */
  writes: Promise<unknown>[];
}

export interface ClaimedSend {
  entry: LedgerEntry;
  /** The message it answers. */
  message: Message;
  /** The reply as stored in the same transaction (`sending`), when the caller stores it there. */
  outgoing?: Message;
}

export class TxDecisions {
  private readonly ledger = new Map<string, Promise<IDBValidKey | undefined>>();
  private readonly stamp: Promise<unknown>;

  /**
   * `cached` is asked when the stamp arrives: a transaction that committed meanwhile has updated it.
   * `contact` reads a conversation's contact (the store transaction shares its own reads).
   */
  constructor(
    private readonly tx: WriteTx,
    private readonly setting: DecideSetting,
    private readonly cached: () => HistoryCopy | undefined,
    private readonly contact: ContactReads = contactReader(tx),
  ) {
    // A small record read with the first requests; the history itself only when the stamp says
    // the copy in memory is not current (someone else wrote it: a tool, a second worker, a test).
    this.stamp = tx.objectStore('kv').get(HISTORY_STAMP_KEY);
    this.stamp.catch(() => undefined); // unused if the transaction fails first
  }

  /**
   * Start the reads the messages will need, so they travel with the transaction's first requests
   * instead of waiting for them: every conversation's contact (deciding reads them all anyway),
   * and for a few messages their ledger keys (a burst reads those after deciding, only for the
   * replies that are due).
   */
  prefetch(messages: readonly Message[]): void {
    const ledgerToo = messages.length <= LEDGER_PREFETCH_LIMIT;
    for (const message of messages) {
      if (message.direction !== 'in' || message.replay) continue;
      this.contact(message.conversationId);
      const account = ledgerToo ? this.setting.accounts.get(message.accountId) : undefined;
      if (account) this.ledgerEntry(ledgerKey(account.service, account.id, message.serverId));
    }
  }

  /**
   * Decide the items without a plan, claim the due ones, and issue the writes. `conversation` gives
   * a conversation as the transaction sees it (the store transaction knows them already).
   * Throws before issuing any write if a decision fails.
   */
  async run(
    items: readonly { item: ReplyQueueItem; message: Message }[],
    conversation: (id: string) => Conversation | undefined | Promise<Conversation | undefined>,
  ): Promise<DecisionOutcome> {
    const { setting, tx } = this;
    const { now, settings } = setting;
    const undecided = items.filter(({ item }) => !item.plan).map(({ message }) => message);
    const ids = [...new Set(undecided.map((m) => m.conversationId))];
    const [stamp, contacts, conversations] = await Promise.all([
      this.stamp,
      Promise.all(ids.map((id) => this.contact(id))),
      Promise.all(ids.map((id) => conversation(id))),
    ]);
    const copy = this.cached();
    const read = copy && copy.stamp === stamp ? { history: copy.record, fromWholeRecord: false } : await readHistory(tx.objectStore('kv'));
    const stored = read.history;
    const contactOf = new Map(ids.map((id, i) => [id, contacts[i]]));
    const userWroteAt = new Map(ids.map((id, i) => [id, conversations[i]?.userWroteAt]));

    const history = historyBatch(stored);
    let historyChanged = false;
    const kept: ReplyQueueItem[] = [];
    const due: { message: Message; account: Account; plan: NonNullable<ReplyQueueItem['plan']> }[] = [];
    let nextDue = Number.POSITIVE_INFINITY;
    for (const { item, message } of items) {
      const account = setting.accounts.get(item.accountId);
      if (!account) continue;
      let plan = item.plan;
      if (!plan) {
        const input = this.input(message, account, history.current, contactOf.get(message.conversationId), userWroteAt.get(message.conversationId));
        const decision = decide(input);
        historyChanged = history.apply(input, decision) || historyChanged;
        if (decision.kind !== 'reply') continue;
        plan = { ruleId: decision.ruleId, ruleName: decision.ruleName, ruleIds: decision.ruleIds, text: decision.text, sendAt: now + decision.delayMs };
      }
      const keep = () => kept.push(item.plan ? item : { messageKey: item.messageKey, accountId: item.accountId, queuedAt: item.queuedAt, plan });
      if (plan.sendAt > now) {
        nextDue = Math.min(nextDue, plan.sendAt);
        keep();
        continue;
      }
      // Not connected (e.g. just after a worker restart): the plan waits, unclaimed, until the
      // account is online again (going online kicks the queue); claiming now would waste the one attempt.
      if (wanted(settings, account, message, now) && !setting.online(account.id)) {
        keep();
        continue;
      }
      due.push({ message, account, plan });
    }

    const answered = await Promise.all(due.map(({ account, message }) => this.ledgerEntry(ledgerKey(account.service, account.id, message.serverId))));
    const outcome: DecisionOutcome = { kept, entries: [], sends: [], nextDue, history: { record: stored, stamp }, writes: [] };
    due.forEach(({ message, account, plan }, i) => {
      if (answered[i] !== undefined) return; // answered before (or being answered): never again
      const { peerId } = splitConversationId(message.conversationId);
      const decided = decidedEntry({ service: account.service, accountId: account.id, peerId, incomingId: message.serverId, ...plan, delayMs: plan.sendAt - now }, now);
      const send = wanted(settings, account, message, now);
      const entry = send ? decided : cancel(decided, whyNot(settings, account), now).entry;
      outcome.writes.push(tx.objectStore('ledger').put(entry));
      outcome.entries.push(entry);
      if (send) outcome.sends.push({ entry, message });
    });
    if (historyChanged) {
      outcome.history = { record: history.finish(now), stamp: crypto.randomUUID() };
      const kv = tx.objectStore('kv');
      outcome.writes.push(...writeHistory(kv, read, outcome.history.record), kv.put(outcome.history.stamp, HISTORY_STAMP_KEY));
    }
    return outcome;
  }

  private input(message: Message, account: Account, history: AutoReplyHistory, contact: Contact | undefined, userWroteAt: number | undefined): DecideInput {
    const { setting } = this;
    const { peerId } = splitConversationId(message.conversationId);
    return {
      message: { ...message, peerId },
      contact,
      account,
      rules: setting.rules,
      settings: setting.settings,
      clock: { now: setting.now, timeZone: setting.timeZone },
      history,
      ...(userWroteAt !== undefined ? { lastUserWriteAt: userWroteAt } : {}),
      random: setting.random,
      locale: setting.locale,
    };
  }

  /** The key of the message's ledger entry if it has one (it was answered, or is being). */
  private ledgerEntry(key: string): Promise<IDBValidKey | undefined> {
    let read = this.ledger.get(key);
    if (!read) {
      read = this.tx.objectStore('ledger').getKey(key);
      read.catch(() => undefined);
      this.ledger.set(key, read);
    }
    return read;
  }
}

/** Should a due reply go out now? (Otherwise it is claimed and cancelled, visibly.) */
function wanted(settings: AutoReplySettings, account: Account, message: Message, now: number): boolean {
  return settings.enabled && account.enabled && now - message.at <= MAX_MESSAGE_AGE_MINUTES * 60_000;
}

function whyNot(settings: AutoReplySettings, account: Account): string {
  if (!settings.enabled) return 'auto-reply was switched off';
  if (!account.enabled) return 'the account was signed out';
  return 'the message got too old while waiting';
}
