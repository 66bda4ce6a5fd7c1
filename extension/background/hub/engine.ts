// The engine: what connectors report becomes stored state, live page events, notifications and
// auto-replies; what pages ask becomes connector calls. One instance per worker life.
import type { Account, AccountId, Conversation, IncomingMessage, Message, SendContent, SendResult } from '../../shared/domain.ts';
import type { DiagnosticEntry, Snapshot, UiEvent } from '../../shared/messages.ts';
import type { NotificationSettings } from '../../shared/settings.ts';
import { splitConversationId, type InboxStore } from '../inbox/store.ts';
import type { StoreDecisions } from './auto-replier.ts';
import type { StorageItem } from '../platform/storage-item.ts';
import type { ConnectorEvents } from '../services/connector.ts';
import { t } from '../platform/i18n.ts';
import type { AccountRunner } from './account-runner.ts';
import type { AccountStates } from './account-states.ts';
import { planNotifications } from './notification-plan.ts';
import { notifyAccount, notifyMessage, notifySummary, showBadge } from './notifier.ts';

/** Hook through which incoming messages reach auto-reply (wired in index.ts). */
export interface IncomingListener {
  /**
   * Before a batch is stored: what decides its auto-replies inside the store transaction
   * (committed() once it has committed, which starts the sends).
   */
  beforeStore(): Promise<StoreDecisions>;
}

export interface EngineParts {
  bootId: string;
  weiboUidSeen: StorageItem<string | undefined>;
  inbox: InboxStore;
  states: AccountStates;
  runner: () => AccountRunner;
  accounts: StorageItem<Account[]>;
  notificationSettings: StorageItem<NotificationSettings>;
  broadcast: (event: UiEvent) => void;
  diagnostics: { add(entry: DiagnosticEntry): Promise<void> };
  incoming: IncomingListener;
}

export class Engine {
  constructor(private readonly parts: EngineParts) {}

  /** The events one account's connector reports through. */
  eventsFor(account: Account): ConnectorEvents {
    const { inbox, states, broadcast, diagnostics } = this.parts;
    return {
      status: (report) => {
        const previous = states.get(account.id);
        const state = states.set(account.id, report);
        if (state.status === 'signedOut' && previous?.status === 'online') {
          void notifyAccount(account.id, t('accountSignedOutTitle', account.label), state.reason ?? t('accountSignedOutBody'));
        }
      },
      self: async (selfId, label) => {
        await this.parts.accounts.update((list) => list.map((a) => (a.id === account.id ? { ...a, selfId, label: label || a.label } : a)));
        broadcast({ type: 'snapshot', snapshot: await this.snapshot() });
      },
      contacts: async (upsert, remove) => {
        const retitled = await inbox.upsertContacts(account.id, upsert, remove);
        if (retitled.length) broadcast({ type: 'conversations', conversations: retitled });
        broadcast({ type: 'contactsChanged', accountId: account.id });
      },
      messages: (batch) => this.store(account, batch),
      recalled: async (serverId) => {
        const message = await inbox.updateMessage(`${account.id}|${serverId}`, (m) => ({ ...m, recalled: true }));
        if (message) broadcast({ type: 'messages', messages: [message] });
      },
      readElsewhere: async (peerId) => {
        await this.markRead([`${account.id}|${peerId}`]);
      },
      diagnostic: (report) => {
        void diagnostics.add({ at: Date.now(), accountId: account.id, ...report });
      },
    };
  }

  /**
   * Persist (and decide auto-replies in the same transaction), then start the replies, tell pages,
   * update the badge and notify. Resolves once persisted.
   */
  private async store(account: Account, batch: IncomingMessage[]): Promise<{ added: string[] }> {
    if (batch.length === 0) return { added: [] };
    const { diagnostics } = this.parts;
    const decisions = await this.parts.incoming.beforeStore().catch((error: unknown) => {
      // Stored without a decision, the messages are queued: the next pass decides them.
      void diagnostics.add({ at: Date.now(), accountId: account.id, level: 'error', what: 'auto-reply settings unreadable', raw: String(error) });
      return undefined;
    });
    const { added, companions, conversations } = await this.parts.inbox.addMessages(account.id, batch, decisions ? { participant: decisions } : {});
    decisions?.committed();
    if (added.length) {
      this.parts.broadcast({ type: 'messages', messages: [...added, ...companions] });
      this.parts.broadcast({ type: 'conversations', conversations });
      void this.afterStore(added, conversations);
    }
    return { added: added.map((m) => m.serverId) };
  }

  /** Badge and notifications: after the replies have started, since nobody waits for these the way a sender waits for a reply. */
  private async afterStore(added: Message[], conversations: Conversation[]): Promise<void> {
    await this.refreshBadge();
    const settings = await this.parts.notificationSettings.get();
    for (const plan of planNotifications(settings, conversations, added, new Date())) {
      if (plan.kind === 'summary') await notifySummary(plan.messages, plan.conversations);
      else await notifyMessage(settings, plan.conversation, plan.message);
    }
  }

  async refreshBadge(): Promise<void> {
    await showBadge(await this.parts.inbox.totalUnread());
  }

  async markRead(ids?: string[]): Promise<void> {
    const changed = await this.parts.inbox.markRead(ids);
    if (changed.length) this.parts.broadcast({ type: 'conversations', conversations: changed });
    await this.refreshBadge();
  }

  /**
   * A send: stored as `sending` (invariant 1: it must survive the worker), then exactly one
   * attempt. (An auto-reply due when its message arrives is stored in the transaction that claims
   * it, and comes to deliver() directly.)
   */
  async send(conversation: string, content: SendContent, autoReply?: Message['autoReply']): Promise<Message> {
    const { accountId, peerId } = splitConversationId(conversation);
    const account = await this.account(accountId);
    const serverId = `local-${crypto.randomUUID()}`;
    const outgoing: IncomingMessage = {
      serverId,
      peerId,
      direction: 'out',
      senderId: account.selfId ?? '',
      at: Date.now(),
      kind: content.kind,
      text: content.kind === 'text' ? content.text : content.name,
      state: 'sending',
      ...(content.kind !== 'text' ? { media: { fileName: content.name, size: content.bytes.length } } : {}),
      ...(autoReply ? { autoReply } : {}),
    };
    const { added, conversations } = await this.parts.inbox.addMessages(accountId, [outgoing]);
    const stored = added[0];
    if (!stored) throw new Error('a fresh local id collided');
    this.parts.broadcast({ type: 'messages', messages: [stored] });
    this.parts.broadcast({ type: 'conversations', conversations });
    return this.deliver(stored, content);
  }

  /** One attempt for a message stored as `sending`, and its outcome stored. Never throws: failures become the message's `failed` state. */
  async deliver(message: Message, content: SendContent): Promise<Message> {
    const { inbox, broadcast } = this.parts;
    const result = await this.attempt(message.accountId, splitConversationId(message.conversationId).peerId, content);
    if (result.ok) {
      const sent = await inbox.rekeyMessage(message.key, result.serverId, (m) => ({ ...m, state: 'sent', at: m.at, error: undefined }));
      if (sent) broadcast({ type: 'messageReplaced', oldKey: message.key, message: sent });
      return sent ?? message;
    }
    const failed = await inbox.updateMessage(message.key, (m) => ({ ...m, state: 'failed', error: result.error }));
    if (failed) broadcast({ type: 'messages', messages: [failed] });
    return failed ?? message;
  }

  /** One attempt through the account's connector. */
  private attempt(accountId: AccountId, peerId: string, content: SendContent): Promise<SendResult> {
    const connector = this.parts.runner().connector(accountId);
    if (!connector) return Promise.resolve({ ok: false, error: t('errorAccountOffline'), retryable: true });
    return connector.send(peerId, content).catch((error: unknown) => ({
      ok: false as const,
      error: error instanceof Error ? error.message : String(error),
      retryable: false,
    }));
  }

  async snapshot(): Promise<Snapshot> {
    const weiboUidSeen = await this.parts.weiboUidSeen.get();
    return {
      bootId: this.parts.bootId,
      accounts: await this.parts.accounts.get(),
      states: this.parts.states.all(),
      ...(weiboUidSeen ? { weiboUidSeen } : {}),
    };
  }

  async account(accountId: AccountId): Promise<Account> {
    const account = (await this.parts.accounts.get()).find((a) => a.id === accountId);
    if (!account) throw new UserError(t('errorNoSuchAccount'));
    return account;
  }
}

/** An error whose message is meant for the user (shown as is by the page). */
export class UserError extends Error {}
