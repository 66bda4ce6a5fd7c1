// Turns the pushes of one answer into hub events, in the order invariant 1 needs: contacts, then
// messages (awaited: durably stored), then read marks. Replies to our `/im/req` publishes resolve
// whoever waits for them (a send waiting for its dmid).
import type { Contact, IncomingMessage } from '../../../shared/domain.ts';
import type { ConnectorDeps } from '../connector.ts';
import type { BayeuxReply } from './bayeux-messages.ts';
import { isDelivery } from './bayeux-messages.ts';
import type { WeiboPush } from './pushes.ts';
import { parseDelivery } from './pushes.ts';

export type ReplyPush = Extract<WeiboPush, { kind: 'reply' }>;

const RAW_LIMIT = 4000;

export class Inbound {
  private readonly names = new Map<string, string>();
  private readonly waiters = new Map<string, (reply: ReplyPush) => void>();

  constructor(
    private readonly deps: ConnectorDeps,
    private readonly selfUid: string,
  ) {}

  /** Register interest in the push answering request `id` BEFORE sending it. */
  expect(id: string): { promise: Promise<ReplyPush>; cancel(): void } {
    let cancel = () => {};
    const promise = new Promise<ReplyPush>((resolve) => {
      this.waiters.set(id, resolve);
      cancel = () => this.waiters.delete(id);
    });
    return { promise, cancel };
  }

  /**
   * Store everything the replies carried on our channel. Rejects if the inbox could not store the
   * messages: the caller must then NOT advance its cursor (the ack), so the server sends them again.
   */
  async absorb(replies: BayeuxReply[], channel: string): Promise<void> {
    const pushes: WeiboPush[] = [];
    const now = this.deps.now();
    for (const reply of replies) {
      if (!isDelivery(reply)) continue;
      if (reply.channel !== channel) {
        this.deps.events.diagnostic({ level: 'info', what: `push on a channel we did not subscribe: ${reply.channel}`, raw: raw(reply) });
        continue;
      }
      const parsed = parseDelivery(reply, this.selfUid, now);
      for (const push of parsed) {
        if (push.kind === 'unknown') this.deps.events.diagnostic({ level: 'info', what: `weibo push: ${push.reason}`, raw: raw(reply) });
      }
      pushes.push(...parsed);
    }
    if (pushes.length === 0) return;

    const contacts: Omit<Contact, 'accountId'>[] = [];
    for (const push of pushes) {
      if (push.kind !== 'contacts') continue;
      for (const entry of push.contacts) {
        this.names.set(entry.uid, entry.nick);
        const contact: Omit<Contact, 'accountId'> = { id: entry.uid, name: entry.nick, kind: 'user' };
        if (entry.online !== undefined) contact.presence = entry.online ? 'online' : 'offline';
        contacts.push(contact);
      }
    }
    if (contacts.length > 0) await this.deps.events.contacts(contacts);

    const messages: IncomingMessage[] = [];
    for (const push of pushes) {
      if (push.kind === 'dms') {
        for (const dm of push.dms) {
          const message: IncomingMessage = { serverId: dm.serverId, direction: 'in', senderId: dm.from, at: dm.at, kind: 'text', text: dm.text, peerId: dm.from };
          const name = this.names.get(dm.from);
          if (name) message.senderName = name;
          messages.push(message);
        }
      } else if (push.kind === 'sentElsewhere') {
        messages.push({ serverId: push.serverId, direction: 'out', senderId: this.selfUid, at: push.at, kind: 'text', text: push.text, peerId: push.peerId, state: 'sent' });
      }
    }
    if (messages.length > 0) await this.deps.events.messages(messages);

    for (const push of pushes) {
      if (push.kind === 'readElsewhere') await this.deps.events.readElsewhere(push.peerId);
      if (push.kind === 'reply') {
        const waiter = this.waiters.get(push.id);
        this.waiters.delete(push.id);
        waiter?.(push);
      }
    }
  }
}

function raw(reply: BayeuxReply): string {
  const text = JSON.stringify(reply);
  return text.length > RAW_LIMIT ? `${text.slice(0, RAW_LIMIT)}…` : text;
}
