// Turns queued incoming messages into at most one auto-reply each (invariant 3).
//
//   queued ──decide──▶ skip: dropped           (history updated in the same transaction)
//      └──────────────▶ planned {text, sendAt}  (history + plan in one transaction)
//   planned, due ──claim ledger `decided`──▶ dropped from queue ──ONE send──▶ ledger sent | failed
//
// A worker killed anywhere re-reads the queue: an unplanned item is decided (once: the history write
// and the plan commit together), a planned one is sent when due unless the ledger already has it.
// A `decided` ledger entry found at boot means a send may have started: it becomes `unknown`.
import type { Db, ReplyQueueItem } from '../../shared/db.ts';
import type { Account, Contact, Message, SendResult } from '../../shared/domain.ts';
import { MAX_MESSAGE_AGE_MINUTES, type AutoReplySettings, type Rule } from '../../shared/rules.ts';
import { decide } from '../autoreply/decide.ts';
import { applyDecision, parseHistory, type AutoReplyHistory } from '../autoreply/history.ts';
import { cancel, claim, ledgerKey, recordOutcome, recoverAfterRestart, type LedgerEntry, type LedgerStore } from '../autoreply/ledger.ts';
import type { DecideInput } from '../autoreply/types.ts';

const HISTORY_KEY = 'autoReplyHistory';

export interface AutoReplierDeps {
  db: Db;
  ledger: LedgerStore;
  accounts(): Promise<Account[]>;
  rules(): Promise<Rule[]>;
  settings(): Promise<AutoReplySettings>;
  contact(accountId: string, peerId: string): Promise<Contact | undefined>;
  /** When the user last wrote in the conversation themselves (not an auto-reply). */
  lastUserWriteAt(conversationId: string): Promise<number | undefined>;
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

export class AutoReplier {
  private running: Promise<void> | undefined;
  private again = false;
  private timerAt = Number.POSITIVE_INFINITY;

  constructor(private readonly deps: AutoReplierDeps) {}

  /** At boot, before anything is sent: half-finished sends become `unknown`. */
  async recover(): Promise<void> {
    for (const entry of await recoverAfterRestart(this.deps.ledger, this.deps.now())) this.deps.onLedger(entry);
  }

  /** Work through the queue; calls while it runs make it run once more. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.drain();
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    const items = await this.deps.db.getAll('replyQueue');
    items.sort((a, b) => a.queuedAt - b.queuedAt);
    let nextDue = Number.POSITIVE_INFINITY;
    for (const item of items) {
      const due = await this.step(item);
      if (due !== undefined) nextDue = Math.min(nextDue, due);
    }
    this.schedule(nextDue);
  }

  /** Advance one item; returns its send time when it must wait. */
  private async step(item: ReplyQueueItem): Promise<number | undefined> {
    const { db, ledger } = this.deps;
    const message = await db.get('messages', item.messageKey);
    const account = (await this.deps.accounts()).find((a) => a.id === item.accountId);
    if (!message || !account) return void (await db.delete('replyQueue', item.messageKey));
    const key = ledgerKey(account.service, account.id, message.serverId);
    if (await ledger.get(key)) return void (await db.delete('replyQueue', item.messageKey));
    const plan = item.plan ?? (await this.plan(item, message, account));
    if (!plan) return undefined;
    const now = this.deps.now();
    if (plan.sendAt > now) return plan.sendAt;

    const settings = await this.deps.settings();
    const tooOld = now - message.at > MAX_MESSAGE_AGE_MINUTES * 60_000;
    // Not connected yet (e.g. just after a worker restart): the plan waits, unclaimed, until the
    // account is online again (going online kicks the queue); claiming now would waste the one attempt.
    if (!tooOld && settings.enabled && account.enabled && !this.deps.online(account.id)) return undefined;
    const peerId = message.conversationId.slice(message.conversationId.indexOf('|') + 1);
    const entry = await claim(
      ledger,
      { service: account.service, accountId: account.id, peerId, incomingId: message.serverId, ...plan, delayMs: plan.sendAt - now },
      now,
    );
    await db.delete('replyQueue', item.messageKey);
    if (!entry) return undefined;
    this.deps.onLedger(entry);
    if (!settings.enabled || !account.enabled || tooOld) {
      const why = !settings.enabled ? 'auto-reply was switched off' : !account.enabled ? 'the account was signed out' : 'the message got too old while waiting';
      return void (await this.finish(cancel(entry, why, now).entry));
    }
    const result = await this.deps.send(message, plan.text, { ruleId: plan.ruleId, ruleName: plan.ruleName }).catch(
      (error: unknown): SendResult => ({ ok: false, error: error instanceof Error ? error.message : String(error), retryable: false }),
    );
    await this.finish(recordOutcome(entry, result, this.deps.now()).entry);
    return undefined;
  }

  private async finish(entry: LedgerEntry): Promise<void> {
    await this.deps.ledger.put(entry);
    this.deps.onLedger(entry);
  }

  /** Decide once; the history and the plan (or the item's removal) commit together. */
  private async plan(item: ReplyQueueItem, message: Message, account: Account): Promise<ReplyQueueItem['plan']> {
    const { db } = this.deps;
    const peerId = message.conversationId.slice(message.conversationId.indexOf('|') + 1);
    const [rules, settings, contact, lastUserWriteAt] = await Promise.all([
      this.deps.rules(),
      this.deps.settings(),
      this.deps.contact(account.id, peerId),
      this.deps.lastUserWriteAt(message.conversationId),
    ]);
    const tx = db.transaction(['replyQueue', 'kv'], 'readwrite');
    const history: AutoReplyHistory = parseHistory(await tx.objectStore('kv').get(HISTORY_KEY));
    const now = this.deps.now();
    const input: DecideInput = {
      message: { ...message, peerId },
      contact,
      account,
      rules,
      settings,
      clock: { now, timeZone: this.deps.timeZone() },
      history,
      ...(lastUserWriteAt !== undefined ? { lastUserWriteAt } : {}),
      random: this.deps.random,
      locale: this.deps.locale(),
    };
    const decision = decide(input);
    await tx.objectStore('kv').put(applyDecision(history, input, decision), HISTORY_KEY);
    const plan =
      decision.kind === 'reply'
        ? { ruleId: decision.ruleId, ruleName: decision.ruleName, ruleIds: decision.ruleIds, text: decision.text, sendAt: now + decision.delayMs }
        : undefined;
    if (plan) await tx.objectStore('replyQueue').put({ ...item, plan });
    else await tx.objectStore('replyQueue').delete(item.messageKey);
    await tx.done;
    return plan;
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
