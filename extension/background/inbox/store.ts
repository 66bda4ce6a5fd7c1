// The inbox: contacts, conversations and messages in IndexedDB. The worker is its only writer.
// A message is stored once per key (`account|serverId`); storing it is what lets a connector
// advance its cursor (invariant 1), so addMessages resolves only after the transaction commits.
import type { Db } from '../../shared/db.ts';
import {
  conversationId,
  messageKey,
  serviceOf,
  type AccountId,
  type Contact,
  type Conversation,
  type IncomingMessage,
  type Message,
} from '../../shared/domain.ts';
import { previewOf } from '../../shared/preview.ts';
import { newestMessages } from '../../shared/db-queries.ts';

export interface AddResult {
  added: Message[];
  conversations: Conversation[];
}

export class InboxStore {
  constructor(private readonly db: Db) {}

  /** Store new messages (duplicates by key are ignored) and roll them into their conversations. */
  async addMessages(accountId: AccountId, batch: IncomingMessage[], openConversation?: string): Promise<AddResult> {
    const tx = this.db.transaction(['messages', 'conversations', 'contacts', 'replyQueue'], 'readwrite');
    const added: Message[] = [];
    const touched = new Map<string, Conversation>();
    for (const incoming of batch) {
      const { peerId, ...rest } = incoming;
      const message: Message = {
        ...rest,
        accountId,
        key: messageKey(accountId, incoming.serverId),
        conversationId: conversationId(accountId, peerId),
      };
      if (await tx.objectStore('messages').getKey(message.key)) continue;
      await tx.objectStore('messages').put(message);
      added.push(message);
      // Every new message from someone else waits for an auto-reply decision (invariant 3 decides
      // whether it gets one; this makes sure none is skipped because the worker died right now).
      if (message.direction === 'in' && !message.replay) {
        await tx.objectStore('replyQueue').put({ messageKey: message.key, accountId, queuedAt: Date.now() });
      }
      const convo =
        touched.get(message.conversationId) ??
        (await tx.objectStore('conversations').get(message.conversationId)) ??
        (await this.newConversation(tx.objectStore('contacts'), accountId, peerId));
      const newer = message.at >= convo.lastAt;
      const countsAsUnread = message.direction === 'in' && !message.replay && message.conversationId !== openConversation;
      touched.set(message.conversationId, {
        ...convo,
        lastAt: newer ? message.at : convo.lastAt,
        // In a one-to-one chat the row's title already names the sender; groups need the name.
        lastPreview: newer ? previewOf(convo.isGroup ? message : { ...message, senderName: undefined }) : convo.lastPreview,
        unread: countsAsUnread ? convo.unread + 1 : message.direction === 'out' ? 0 : convo.unread,
      });
    }
    for (const convo of touched.values()) await tx.objectStore('conversations').put(convo);
    await tx.done;
    return { added, conversations: [...touched.values()] };
  }

  private async newConversation(
    contacts: { get(key: [string, string]): Promise<Contact | undefined> },
    accountId: AccountId,
    peerId: string,
  ): Promise<Conversation> {
    const contact = await contacts.get([accountId, peerId]);
    return {
      id: conversationId(accountId, peerId),
      accountId,
      service: serviceOf(accountId),
      peerId,
      title: contact ? contact.remark || contact.name : peerId,
      isGroup: contact?.kind === 'group',
      lastAt: 0,
      lastPreview: '',
      unread: 0,
      muted: false,
    };
  }

  async updateMessage(key: string, change: (message: Message) => Message): Promise<Message | undefined> {
    const tx = this.db.transaction('messages', 'readwrite');
    const current = await tx.store.get(key);
    if (!current) return undefined;
    const next = change(current);
    await tx.store.put(next);
    await tx.done;
    return next;
  }

  /**
   * A sent message got its real server id: re-key it, so the server's echo of it is a duplicate.
   * If the echo arrived first, the echo stays and the local copy goes.
   */
  async rekeyMessage(oldKey: string, serverId: string, change: (m: Message) => Message): Promise<Message | undefined> {
    const tx = this.db.transaction('messages', 'readwrite');
    const local = await tx.store.get(oldKey);
    if (!local) return undefined;
    const newKey = messageKey(local.accountId, serverId);
    const echo = await tx.store.get(newKey);
    const next = change(echo ? { ...echo, autoReply: local.autoReply } : { ...local, key: newKey, serverId });
    await tx.store.delete(oldKey);
    await tx.store.put(next);
    await tx.done;
    return next;
  }

  getMessage(key: string): Promise<Message | undefined> {
    return this.db.get('messages', key);
  }

  /** The newest `limit` messages of a conversation before `beforeAt`, oldest first. */
  history(conversation: string, limit: number, beforeAt?: number): Promise<Message[]> {
    return newestMessages(this.db, conversation, limit, beforeAt);
  }

  async upsertContacts(accountId: AccountId, upsert: Omit<Contact, 'accountId'>[], remove: string[] = []): Promise<Conversation[]> {
    const tx = this.db.transaction(['contacts', 'conversations'], 'readwrite');
    const retitled: Conversation[] = [];
    for (const contact of upsert) {
      await tx.objectStore('contacts').put({ ...contact, accountId });
      const convo = await tx.objectStore('conversations').get(conversationId(accountId, contact.id));
      const title = contact.remark || contact.name;
      if (convo && title && (convo.title !== title || convo.isGroup !== (contact.kind === 'group'))) {
        const next = { ...convo, title, isGroup: contact.kind === 'group' };
        await tx.objectStore('conversations').put(next);
        retitled.push(next);
      }
    }
    for (const id of remove) await tx.objectStore('contacts').delete([accountId, id]);
    await tx.done;
    return retitled;
  }

  getContact(accountId: AccountId, id: string): Promise<Contact | undefined> {
    return this.db.get('contacts', [accountId, id]);
  }

  contactsOf(accountId: AccountId): Promise<Contact[]> {
    return this.db.getAllFromIndex('contacts', 'byAccount', accountId);
  }

  getConversation(id: string): Promise<Conversation | undefined> {
    return this.db.get('conversations', id);
  }

  async updateConversation(id: string, change: (c: Conversation) => Conversation): Promise<Conversation | undefined> {
    const tx = this.db.transaction('conversations', 'readwrite');
    const current = await tx.store.get(id);
    if (!current) return undefined;
    const next = change(current);
    await tx.store.put(next);
    await tx.done;
    return next;
  }

  /** Mark conversations read; returns the ones that changed. */
  async markRead(ids?: string[]): Promise<Conversation[]> {
    const tx = this.db.transaction('conversations', 'readwrite');
    const all = ids ? await Promise.all(ids.map((id) => tx.store.get(id))) : await tx.store.getAll();
    const changed: Conversation[] = [];
    for (const convo of all) {
      if (!convo || convo.unread === 0) continue;
      const next = { ...convo, unread: 0 };
      await tx.store.put(next);
      changed.push(next);
    }
    await tx.done;
    return changed;
  }

  /** Total unread across conversations that are not muted: the action badge. */
  async totalUnread(): Promise<number> {
    let total = 0;
    for (const convo of await this.db.getAll('conversations')) if (!convo.muted) total += convo.unread;
    return total;
  }

  /** Drop everything stored for an account (it was removed). */
  async forgetAccount(accountId: AccountId): Promise<void> {
    const tx = this.db.transaction(['messages', 'conversations', 'contacts', 'replyQueue'], 'readwrite');
    let queued = await tx.objectStore('replyQueue').openCursor();
    while (queued) {
      if (queued.value.accountId === accountId) await queued.delete();
      queued = await queued.continue();
    }
    for (const name of ['messages', 'conversations', 'contacts'] as const) {
      let cursor = await tx.objectStore(name).index('byAccount').openCursor(accountId);
      while (cursor) {
        await cursor.delete();
        cursor = await cursor.continue();
      }
    }
    await tx.done;
  }

  /** Clear message history (contacts and accounts stay). */
  async clearHistory(): Promise<void> {
    const tx = this.db.transaction(['messages', 'conversations', 'replyQueue'], 'readwrite');
    await tx.objectStore('replyQueue').clear();
    await tx.objectStore('messages').clear();
    await tx.objectStore('conversations').clear();
    await tx.done;
  }
}

/** Split a conversation id into its account and peer (the account id never contains `|`). */
export function splitConversationId(id: string): { accountId: string; peerId: string } {
  const bar = id.indexOf('|');
  return { accountId: id.slice(0, bar), peerId: id.slice(bar + 1) };
}
