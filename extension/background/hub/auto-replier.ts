// Turns queued incoming messages into at most one auto-reply each (invariant 3).
//
//   queued ──decide──▶ skip: dropped
//      └──────────────▶ planned {text, sendAt}
//   planned, due, online ──ledger `decided`, dropped from queue──▶ ONE send ──▶ ledger sent | failed
//
// One pass handles the whole queue in ONE IndexedDB transaction: the decisions, the auto-reply
// history, the plans and the ledger claims commit together, and the sends start right after the
// commit. So a message that arrives and is due at once costs one commit before its reply leaves
// (docs/performance.md), and a burst of a thousand costs one commit, not a thousand.
//
// A worker killed anywhere re-reads the queue: before the commit nothing happened (the pass runs
// again); after it, an unplanned item is gone or planned, and a claimed one has its `decided`
// ledger entry, which recover() turns into `unknown` at the next boot — never a second send.
import { isQueueBatch, type Db, type ReplyQueueItem, type ReplyQueueRecord, type SwitchboardDb } from '../../shared/db.ts';
import type { IDBPTransaction } from 'idb';
import type { Account, Contact, Conversation, Message, SendResult } from '../../shared/domain.ts';
import { MAX_MESSAGE_AGE_MINUTES, type AutoReplySettings, type Rule } from '../../shared/rules.ts';
import { decide } from '../autoreply/decide.ts';
import { splitConversationId } from '../inbox/store.ts';
import { historyBatch, parseHistory, type AutoReplyHistory } from '../autoreply/history.ts';
import { cancel, decidedEntry, ledgerKey, recordOutcome, recoverAfterRestart, type LedgerEntry, type LedgerStore } from '../autoreply/ledger.ts';
import type { DecideInput } from '../autoreply/types.ts';

const HISTORY_KEY = 'autoReplyHistory';
/**
 * Changes with every history write. A pass reads this small record instead of the whole history
 * and reloads the history only when the stamp is not the one it wrote itself (someone else wrote
 * the history: a tool, a second worker instance, a test).
 */
const HISTORY_STAMP_KEY = 'autoReplyHistoryStamp';
/** Up to this many just-stored messages, their reads start with the pass's first request. */
const PREFETCH_LIMIT = 64;
const STORES = ['replyQueue', 'kv', 'ledger', 'messages', 'contacts', 'conversations'] as const;
type PassTx = IDBPTransaction<SwitchboardDb, typeof STORES, 'readwrite'>;

export interface AutoReplierDeps {
  db: Db;
  ledger: LedgerStore;
  accounts(): Promise<Account[]>;
  rules(): Promise<readonly Rule[]>;
  settings(): Promise<AutoReplySettings>;
  /** True when the account's connector is online and can send now. */
  online(accountId: string): boolean;
  /** One attempt; resolves with the outcome. */
  send(message: Message, text: string, rule: { ruleId: string; ruleName: string }): Promise<SendResult>;
  onLedger(entry: LedgerEntry): void;
  now(): number;
  random(): number;
  timeZone(): string;
  locale(): string;
  setTimer(fn: () => void, ms: number): void;
}

/** What one pass decided: ledger entries to announce, sends to start, the next wake-up. */
interface PassResult {
  entries: LedgerEntry[];
  sends: { entry: LedgerEntry; message: Message }[];
  nextDue: number;
}

export class AutoReplier {
  private running: Promise<void> | undefined;
  private again = false;
  private timerAt = Number.POSITIVE_INFINITY;
  /** The history as last committed by this instance, with the stamp it wrote. */
  private history: { record: AutoReplyHistory; stamp: unknown } | undefined;
  /** Messages just stored, so the pass need not read them back. */
  private readonly fresh = new Map<string, Message>();
  /** Their conversations as that transaction left them (when the user last wrote, for instance). */
  private readonly freshConversations = new Map<string, Conversation>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: AutoReplierDeps) {}

  /** At boot, before anything is sent: half-finished sends become `unknown`. */
  async recover(): Promise<void> {
    for (const entry of await recoverAfterRestart(this.deps.ledger, this.deps.now())) this.deps.onLedger(entry);
  }

  /** New messages were stored (and queued in the same transaction): decide them now. */
  offer(added: readonly Message[], conversations: readonly Conversation[]): Promise<void> {
    for (const message of added) if (message.direction === 'in' && !message.replay) this.fresh.set(message.key, message);
    for (const conversation of conversations) this.freshConversations.set(conversation.id, conversation);
    return this.kick();
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
        await this.pass();
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

  private async pass(): Promise<void> {
    const [accounts, rules, settings] = await Promise.all([this.deps.accounts(), this.deps.rules(), this.deps.settings()]);
    // A failed pass changes nothing here: the memory copy of the history is replaced only after a commit.
    const result = await this.decideQueue(accounts, rules, settings);
    for (const entry of result.entries) this.deps.onLedger(entry);
    for (const { entry, message } of result.sends) this.start(entry, message);
    this.schedule(result.nextDue);
  }

  private async decideQueue(accounts: Account[], rules: readonly Rule[], settings: AutoReplySettings): Promise<PassResult> {
    const { db } = this.deps;
    const now = this.deps.now();
    const place = { timeZone: this.deps.timeZone(), locale: this.deps.locale() };
    const tx = db.transaction(STORES, 'readwrite');
    const queueStore = tx.objectStore('replyQueue');
    const byId = new Map(accounts.map((a) => [a.id, a]));
    const reads = new PassReads(tx);
    // What the just-stored messages will need is asked for together with the queue, so a small
    // batch is decided after one round trip instead of three (the reads are cheap; a burst skips this).
    if (this.fresh.size <= PREFETCH_LIMIT) {
      for (const message of this.fresh.values()) {
        reads.contact(message.conversationId);
        const account = byId.get(message.accountId);
        if (account) reads.ledgerEntry(ledgerKey(account.service, account.id, message.serverId));
      }
    }
    const [records, stamp] = await Promise.all([queueStore.getAll(), tx.objectStore('kv').get(HISTORY_STAMP_KEY)]);
    const cached = this.history && this.history.stamp === stamp ? this.history.record : undefined;
    const storedHistory = cached ?? parseHistory(await tx.objectStore('kv').get(HISTORY_KEY));
    const queue = records.flatMap(expand).sort((a, b) => a.queuedAt - b.queuedAt);
    const messages = await Promise.all(queue.map((item) => this.fresh.get(item.messageKey) ?? tx.objectStore('messages').get(item.messageKey)));
    const undecided = queue.flatMap((item, i) => (!item.plan && messages[i] ? [messages[i]] : []));
    const context = await this.readContext(reads, undecided);

    // Decide in memory, in queue order: each decision sees the history the earlier ones left.
    const history = historyBatch(storedHistory);
    let historyChanged = false;
    const kept: ReplyQueueItem[] = [];
    const changed: ReplyQueueItem[] = [];
    const due: { item: ReplyQueueItem; message: Message; account: Account; plan: NonNullable<ReplyQueueItem['plan']> }[] = [];
    let nextDue = Number.POSITIVE_INFINITY;
    queue.forEach((item, i) => {
      const message = messages[i];
      const account = byId.get(item.accountId);
      if (!message || !account) return;
      let plan = item.plan;
      if (!plan) {
        const input = this.input(message, account, rules, settings, now, history.current, context, place);
        const decision = decide(input);
        historyChanged = history.apply(input, decision) || historyChanged;
        if (decision.kind !== 'reply') return;
        plan = { ruleId: decision.ruleId, ruleName: decision.ruleName, ruleIds: decision.ruleIds, text: decision.text, sendAt: now + decision.delayMs };
      }
      const keep = () => {
        const next: ReplyQueueItem = item.plan ? item : { messageKey: item.messageKey, accountId: item.accountId, queuedAt: item.queuedAt, plan };
        kept.push(next);
        if (next !== item) changed.push(next);
      };
      if (plan.sendAt > now) {
        nextDue = Math.min(nextDue, plan.sendAt);
        return keep();
      }
      // Not connected (e.g. just after a worker restart): the plan waits, unclaimed, until the
      // account is online again (going online kicks the queue); claiming now would waste the one attempt.
      if (wanted(settings, account, message, now) && !this.deps.online(account.id)) return keep();
      due.push({ item, message, account, plan });
    });

    // Claim what is due: no ledger entry yet, checked inside this transaction, which holds the
    // ledger until it commits, so the put below is the insert-only claim.
    const answered = await Promise.all(due.map(({ account, message }) => reads.ledgerEntry(ledgerKey(account.service, account.id, message.serverId))));
    const out: PassResult = { entries: [], sends: [], nextDue };
    const writes: Promise<unknown>[] = [];
    due.forEach(({ message, account, plan }, i) => {
      if (answered[i] !== undefined) return;
      const { peerId } = splitConversationId(message.conversationId);
      const decided = decidedEntry({ service: account.service, accountId: account.id, peerId, incomingId: message.serverId, ...plan, delayMs: plan.sendAt - now }, now);
      const send = wanted(settings, account, message, now);
      const entry = send ? decided : cancel(decided, whyNot(settings, account), now).entry;
      writes.push(tx.objectStore('ledger').put(entry));
      out.entries.push(entry);
      if (send) out.sends.push({ entry, message });
    });
    // Everything not kept leaves the queue (batches always: what they still hold is kept as single
    // items). Clearing and re-adding the few kept items costs far fewer requests than deleting a
    // burst's thousand decided items one by one.
    const keptKeys = new Set(kept.map((item) => item.messageKey));
    const leaving = records.filter((record) => isQueueBatch(record) || !keptKeys.has(record.messageKey));
    if (leaving.length > kept.length) {
      writes.push(queueStore.clear(), ...kept.map((item) => queueStore.put(item)));
    } else {
      for (const record of leaving) writes.push(queueStore.delete(record.messageKey));
      for (const item of changed) writes.push(queueStore.put(item));
    }
    const nextHistory = historyChanged ? history.finish(now) : storedHistory;
    const nextStamp = historyChanged ? crypto.randomUUID() : stamp;
    if (historyChanged) writes.push(tx.objectStore('kv').put(nextHistory, HISTORY_KEY), tx.objectStore('kv').put(nextStamp, HISTORY_STAMP_KEY));
    await Promise.all([...writes, tx.done]);
    this.history = { record: nextHistory, stamp: nextStamp };
    for (const item of queue) this.fresh.delete(item.messageKey);
    return out;
  }

  /** Per conversation of the messages to decide: the peer's contact entry and the conversation. */
  private async readContext(reads: PassReads, messages: readonly Message[]): Promise<PassContext> {
    const ids = [...new Set(messages.map((m) => m.conversationId))];
    const [contacts, conversations] = await Promise.all([
      Promise.all(ids.map((id) => reads.contact(id))),
      Promise.all(ids.map((id) => this.freshConversations.get(id) ?? reads.conversation(id))),
    ]);
    this.freshConversations.clear();
    return {
      contacts: new Map(ids.map((id, i) => [id, contacts[i]])),
      conversations: new Map(ids.map((id, i) => [id, conversations[i]])),
    };
  }

  private input(
    message: Message,
    account: Account,
    rules: readonly Rule[],
    settings: AutoReplySettings,
    now: number,
    history: AutoReplyHistory,
    context: PassContext,
    place: { timeZone: string; locale: string },
  ): DecideInput {
    const { peerId } = splitConversationId(message.conversationId);
    const userWroteAt = context.conversations.get(message.conversationId)?.userWroteAt;
    return {
      message: { ...message, peerId },
      contact: context.contacts.get(message.conversationId),
      account,
      rules,
      settings,
      clock: { now, timeZone: place.timeZone },
      history,
      ...(userWroteAt !== undefined ? { lastUserWriteAt: userWroteAt } : {}),
      random: this.deps.random,
      locale: place.locale,
    };
  }

  /** The one attempt of a claimed reply, its outcome recorded whatever happens. */
  private start(entry: LedgerEntry, message: Message): void {
    const job = (async () => {
      const result = await this.deps.send(message, entry.text, { ruleId: entry.ruleId, ruleName: entry.ruleName }).catch(
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

/** Should a due reply go out now? (Otherwise it is claimed and cancelled, visibly.) */
function wanted(settings: AutoReplySettings, account: Account, message: Message, now: number): boolean {
  return settings.enabled && account.enabled && now - message.at <= MAX_MESSAGE_AGE_MINUTES * 60_000;
}

function whyNot(settings: AutoReplySettings, account: Account): string {
  if (!settings.enabled) return 'auto-reply was switched off';
  if (!account.enabled) return 'the account was signed out';
  return 'the message got too old while waiting';
}

/** Reads of one pass, each asked for once (a read may be started early and used later). */
class PassReads {
  private readonly contacts = new Map<string, Promise<Contact | undefined>>();
  private readonly ledger = new Map<string, Promise<IDBValidKey | undefined>>();

  constructor(private readonly tx: PassTx) {}

  /** The contact entry of a conversation's peer. */
  contact(conversationId: string): Promise<Contact | undefined> {
    let read = this.contacts.get(conversationId);
    if (!read) {
      const { accountId, peerId } = splitConversationId(conversationId);
      read = this.tx.objectStore('contacts').get([accountId, peerId]);
      read.catch(() => undefined); // a read started early may go unused: it must not surface as unhandled
      this.contacts.set(conversationId, read);
    }
    return read;
  }

  conversation(id: string): Promise<Conversation | undefined> {
    return this.tx.objectStore('conversations').get(id);
  }

  /** The key of the message's ledger entry if it has one (it was answered, or is being). */
  ledgerEntry(key: string): Promise<IDBValidKey | undefined> {
    let read = this.ledger.get(key);
    if (!read) {
      read = this.tx.objectStore('ledger').getKey(key);
      read.catch(() => undefined);
      this.ledger.set(key, read);
    }
    return read;
  }
}

/** Per conversation of the messages to decide: the peer's contact entry and the conversation. */
interface PassContext {
  contacts: Map<string, Contact | undefined>;
  conversations: Map<string, Conversation | undefined>;
}
