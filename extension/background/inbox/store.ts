// The inbox: contacts, conversations and messages in IndexedDB. The worker is its only writer.
// A message is stored once per key (`account|serverId`); storing it is what lets a connector
// advance its cursor (invariant 1), so addMessages resolves only after the transaction commits.
import { unwrap, type IDBPObjectStore, type IDBPTransaction, type StoreNames } from 'idb';
import { accountKeyRange, WRITE_STORES, type Db, type SwitchboardDb, type WriteTx } from '../../shared/db.ts';
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
import { accountsWithContacts, COMPACT_CONTACTS_BOUNDS, compactContactsKey, compactSize, parseCompact, type CompactContactsRecord } from '../../shared/compact-contacts.ts';
import { previewOf } from '../../shared/preview.ts';
import { buildCompact, patchCompact } from './compact-contacts-write.ts';
import { newestMessages } from '../../shared/db-queries.ts';

export interface AddResult {
  added: Message[];
  /** The participant's messages stored with the batch (auto-replies about to be sent). */
  companions: Message[];
  conversations: Conversation[];
}

/**
 * Work that commits in the same transaction as a stored batch: the auto-reply decisions, so a
 * message, its decision and its claim cost one commit. The inbox keeps invariant 3's half of the
 * bargain: every new incoming message the participant has not handled is queued in the same
 * transaction, so none is skipped because the worker died.
 */
export interface StoreParticipant {
  /**
   * As the transaction opens, with the batch's messages (some may turn out to be known already)
   * and the transaction's contact reads, which the inbox shares so no contact is read twice.
   */
  begin(tx: WriteTx, candidates: readonly Message[], contactOf: ContactReads): void;
  /**
   * Inside the transaction, once the new messages and their conversations are known: the writes it
   * issued, and the keys of the incoming messages it handled. Rejecting means it wrote nothing and
   * handled none (the inbox queues them all).
   */
  finish(added: readonly Message[], conversations: readonly Conversation[]): Promise<ParticipantResult>;
}

export interface ParticipantResult {
  /** Keys of the incoming messages it handled (decided); the inbox queues the others. */
  handled: ReadonlySet<string>;
  writes: Promise<unknown>[];
  /**
   * Our own messages to store with the batch, in conversations of the batch: the auto-replies
   * about to be sent, stored `sending` in the transaction that claims them.
   */
  companions?: Message[];
}

/** A conversation's peer as a contact, read through one transaction at most once. */
export type ContactReads = (conversationId: string) => Promise<Contact | undefined>;

/** Contact reads through `tx`, each key read once however often it is asked for. */
export function contactReader(tx: WriteTx): ContactReads {
  const reads = new Map<string, Promise<Contact | undefined>>();
  return (conversationId) => {
    let read = reads.get(conversationId);
    if (!read) {
      const { accountId, peerId } = splitConversationId(conversationId);
      read = tx.objectStore('contacts').get([accountId, peerId]);
      read.catch(() => undefined); // a read started early may go unused: it must not surface as unhandled
      reads.set(conversationId, read);
    }
    return read;
  };
}

export interface AddOptions {
  /** The conversation a page shows right now: its new messages do not count as unread. */
  openConversation?: string;
  participant?: StoreParticipant;
}

export class InboxStore {
  constructor(private readonly db: Db) {}

  /**
   * Store new messages (duplicates by key are ignored) and roll them into their conversations.
   * Every request is issued at once and none is awaited on its own: IndexedDB runs a
   * transaction's requests in order, so awaiting each would only add a task hop per request.
   */
  async addMessages(accountId: AccountId, batch: IncomingMessage[], options: AddOptions = {}): Promise<AddResult> {
    const tx = this.db.transaction(WRITE_STORES, 'readwrite');
    try {
      return await this.addIn(tx, accountId, batch, options);
    } catch (error) {
      // Nothing half-stored: a message stored without its queue record would never be decided.
      abortQuietly(tx);
      throw error;
    }
  }

  private async addIn(tx: WriteTx, accountId: AccountId, batch: IncomingMessage[], options: AddOptions): Promise<AddResult> {
    const { openConversation, participant } = options;
    const messages = tx.objectStore('messages');
    const conversations = tx.objectStore('conversations');
    const fresh = new Map<string, { message: Message; peerId: string }>();
    for (const incoming of batch) {
      const message = messageOf(accountId, incoming);
      if (!fresh.has(message.key)) fresh.set(message.key, { message, peerId: incoming.peerId });
    }
    const candidates = [...fresh.values()];
    const contactOf = contactReader(tx);
    participant?.begin(tx, candidates.map((c) => c.message), contactOf);
    const peers = new Map(candidates.map((c) => [c.message.conversationId, c.peerId]));
    // A new conversation takes its title from the contact: for a small batch (the usual single
    // message) that read starts with the others instead of after them, saving a round trip.
    if (peers.size <= CONTACT_PREFETCH_LIMIT) for (const id of peers.keys()) void contactOf(id);
    const rawMessages = unwrap(messages);
    const [inserted, known] = await Promise.all([
      Promise.all(candidates.map((c) => addIfAbsent(rawMessages, c.message))),
      Promise.all([...peers.keys()].map((id) => conversations.get(id))),
    ]);
    const touched = new Map<string, Conversation>();
    for (const convo of known) if (convo) touched.set(convo.id, convo);
    const unknown = [...peers].filter(([id]) => !touched.has(id));
    const contacts = await Promise.all(unknown.map(([id]) => contactOf(id)));
    unknown.forEach(([, peerId], i) => {
      const convo = newConversation(accountId, peerId, contacts[i]);
      touched.set(convo.id, convo);
    });

    const writes: Promise<unknown>[] = [];
    const added: Message[] = [];
    const changed = new Set<string>();
    candidates.forEach(({ message }, i) => {
      if (!inserted[i]) return;
      added.push(message);
      const convo = touched.get(message.conversationId) as Conversation;
      touched.set(message.conversationId, rollInto(convo, message, openConversation));
      changed.add(message.conversationId);
    });
    const handled = participant && added.length ? await participant.finish(added, [...changed].map((id) => touched.get(id) as Conversation)).catch(() => undefined) : undefined;
    if (handled) writes.push(...handled.writes);
    const companions = handled?.companions ?? [];
    for (const message of companions) {
      const convo = touched.get(message.conversationId);
      if (!convo) throw new Error(`a companion message outside the batch's conversations: ${message.conversationId}`);
      writes.push(addIfAbsent(rawMessages, message).then((stored) => stored || Promise.reject(new Error('a fresh local id collided'))));
      touched.set(message.conversationId, rollInto(convo, message, openConversation));
      changed.add(message.conversationId);
    }
    const rolled = [...changed].map((id) => touched.get(id) as Conversation);
    for (const convo of rolled) writes.push(conversations.put(convo));
    for (const message of [...added, ...companions]) if (message.state === 'sending') writes.push(markSending(tx.objectStore('kv'), message));
    // Every new message from someone else waits for an auto-reply decision (invariant 3 decides
    // whether it gets one; this makes sure none is skipped because the worker died right now).
    const queued = added.filter((m) => m.direction === 'in' && !m.replay && !handled?.handled.has(m.key)).map((m) => m.key);
    const first = queued[0];
    if (first !== undefined) {
      const queuedAt = Date.now();
      const record = queued.length === 1 ? { messageKey: first, accountId, queuedAt } : { messageKey: `batch|${first}`, accountId, queuedAt, messageKeys: queued };
      writes.push(tx.objectStore('replyQueue').put(record));
    }
    await Promise.all([...writes, tx.done]);
    return { added, companions, conversations: rolled };
  }

  async updateMessage(key: string, change: (message: Message) => Message): Promise<Message | undefined> {
    const tx = this.db.transaction(['messages', 'kv'], 'readwrite');
    const messages = tx.objectStore('messages');
    const current = await messages.get(key);
    if (!current) return undefined;
    const next = change(current);
    await messages.put(next);
    if (next.state === 'sending') await markSending(tx.objectStore('kv'), next);
    else if (current.state === 'sending') await tx.objectStore('kv').delete(SENDING_PREFIX + key);
    await tx.done;
    return next;
  }

  /**
   * At boot, before any loop runs: messages whose send was under way when the last worker died
   * would say "sending" forever. They become `failed` with `reason` (the attempt may or may not
   * have reached the server, so nothing retries them). Returns the messages changed.
   */
  async failInterruptedSends(reason: string): Promise<Message[]> {
    const tx = this.db.transaction(['messages', 'kv'], 'readwrite');
    const markers = await tx.objectStore('kv').getAllKeys(IDBKeyRange.bound(SENDING_PREFIX, `${SENDING_PREFIX}\uffff`));
    const changed: Message[] = [];
    for (const marker of markers) {
      const message = await tx.objectStore('messages').get(String(marker).slice(SENDING_PREFIX.length));
      if (message?.state === 'sending') {
        const failed: Message = { ...message, state: 'failed', error: reason };
        await tx.objectStore('messages').put(failed);
        changed.push(failed);
      }
      await tx.objectStore('kv').delete(marker);
    }
    await tx.done;
    return changed;
  }

  /**
   * A sent message got its real server id: re-key it, so the server's echo of it is a duplicate.
   * If the echo arrived first, the echo stays and the local copy goes.
   */
  async rekeyMessage(oldKey: string, serverId: string, change: (m: Message) => Message): Promise<Message | undefined> {
    const tx = this.db.transaction(['messages', 'conversations', 'kv'], 'readwrite');
    const messages = tx.objectStore('messages');
    const local = await messages.get(oldKey);
    if (!local) return undefined;
    if (local.state === 'sending') await tx.objectStore('kv').delete(SENDING_PREFIX + oldKey);
    const newKey = messageKey(local.accountId, serverId);
    const echo = await messages.get(newKey);
    const next = change(echo ? { ...echo, autoReply: local.autoReply } : { ...local, key: newKey, serverId });
    await messages.delete(oldKey);
    await messages.put(next);
    // The server's echo of our auto-reply came first and was stored as if the user wrote it:
    // now that it is known to be an auto-reply, "when the user last wrote" is read again.
    if (echo && !echo.autoReply && local.autoReply) await recountUserWrite(tx, local.conversationId);
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

  /**
   * Store contacts and drop removed ones; conversations take the new titles. The account's compact
   * record (what the popup's list reads) changes in the same transaction: read, patched, put back.
   */
  async upsertContacts(accountId: AccountId, upsert: Omit<Contact, 'accountId'>[], remove: string[] = []): Promise<Conversation[]> {
    const tx = this.db.transaction(['contacts', 'conversations', 'kv'], 'readwrite');
    const compact = tx.objectStore('kv').get(compactContactsKey(accountId));
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
    const stored = parseCompact(await compact);
    // No record yet (a new account, or contacts stored before records existed): built from the
    // store, which already holds this change.
    const next = stored ? patchCompact(stored, upsert, remove) : buildCompact(accountId, await tx.objectStore('contacts').index('byAccount').getAll(accountId));
    await putCompact(tx.objectStore('kv'), next);
    await tx.done;
    return retitled;
  }

  /**
   * Build the compact record of every account that has contacts and no record (data stored before
   * records existed), and drop records of accounts without contacts. Key-only reads when nothing
   * is missing, which is every start but the first after the update. Returns the rebuilt accounts.
   */
  async repairCompactContacts(): Promise<AccountId[]> {
    const check = this.db.transaction(['contacts', 'kv'], 'readonly');
    const [holders, recorded] = await Promise.all([accountsWithContacts(unwrap(check.objectStore('contacts'))), check.objectStore('kv').getAllKeys(compactRange())]);
    await check.done;
    const keys = new Set(recorded);
    const missing = holders.filter((id) => !keys.has(compactContactsKey(id)));
    const stale = [...keys].filter((key) => !holders.some((id) => compactContactsKey(id) === key));
    if (!missing.length && !stale.length) return [];
    // Rebuilt from the store in one transaction: right whatever was written since the check.
    const tx = this.db.transaction(['contacts', 'kv'], 'readwrite');
    const kv = tx.objectStore('kv');
    const lists = await Promise.all([...stale.map((key) => kv.delete(key)), ...missing.map((id) => tx.objectStore('contacts').index('byAccount').getAll(id))]);
    await Promise.all(missing.map((id, i) => putCompact(kv, buildCompact(id, lists[stale.length + i] as Contact[]))));
    await tx.done;
    return missing;
  }

  /** An account's compact record as stored (tests and diagnostics). */
  async compactContactsOf(accountId: AccountId): Promise<CompactContactsRecord | undefined> {
    return parseCompact(await this.db.get('kv', compactContactsKey(accountId)));
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
    const tx = this.db.transaction(['messages', 'conversations', 'contacts', 'replyQueue', 'kv'], 'readwrite');
    await tx.objectStore('kv').delete(compactContactsKey(accountId));
    let queued = await tx.objectStore('replyQueue').openCursor();
    while (queued) {
      if (queued.value.accountId === accountId) await queued.delete();
      queued = await queued.continue();
    }
    await tx.objectStore('messages').delete(accountKeyRange(accountId));
    await tx.objectStore('conversations').delete(accountKeyRange(accountId));
    let contact = await tx.objectStore('contacts').index('byAccount').openCursor(accountId);
    while (contact) {
      await contact.delete();
      contact = await contact.continue();
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

const compactRange = () => IDBKeyRange.bound(...COMPACT_CONTACTS_BOUNDS, false, true);

/** An empty list is no record: a rebuild from the store writes none for an account without contacts. */
function putCompact(kv: IDBPObjectStore<SwitchboardDb, ArrayLike<StoreNames<SwitchboardDb>>, 'kv', 'readwrite'>, record: CompactContactsRecord): Promise<unknown> {
  const key = compactContactsKey(record.accountId);
  return compactSize(record) ? kv.put(record, key) : kv.delete(key);
}

/**
 * A message being sent has a marker in `kv` (`sending|<message key>`) from the transaction that
 * stores it as `sending` to the one that stores its outcome: the worker can find interrupted sends
 * at boot without scanning every message. A write, never a read-modify-write.
 */
const SENDING_PREFIX = 'sending|';

function markSending(kv: { put(value: unknown, key: string): Promise<unknown> }, message: Message): Promise<unknown> {
  return kv.put(message.at, SENDING_PREFIX + message.key);
}

function abortQuietly(tx: WriteTx): void {
  tx.done.catch(() => undefined); // the caller gets the error that caused the abort, not the abort
  try {
    tx.abort();
  } catch {
    // Already finished (committed or aborted): nothing to undo.
  }
}

/**
 * Insert unless the key exists: one request instead of a lookup and a put. The refused insert is
 * expected, so its error is handled here and does not abort the transaction.
 */
function addIfAbsent(store: IDBObjectStore, value: Message): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const request = store.add(value);
    request.onsuccess = () => resolve(true);
    request.onerror = (event) => {
      if (request.error?.name !== 'ConstraintError') return reject(request.error ?? new Error('add failed'));
      event.preventDefault();
      event.stopPropagation();
      resolve(false);
    };
  });
}

/** A message as stored: keyed by account and server id, filed under its conversation. */
export function messageOf(accountId: AccountId, incoming: IncomingMessage): Message {
  const { peerId, ...rest } = incoming;
  return { ...rest, accountId, key: messageKey(accountId, incoming.serverId), conversationId: conversationId(accountId, peerId) };
}

function newConversation(accountId: AccountId, peerId: string, contact: Contact | undefined): Conversation {
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

/** Up to this many conversations in a batch, their contacts are read before knowing they are needed. */
const CONTACT_PREFETCH_LIMIT = 16;

/** How far back recountUserWrite looks; older writes are past any "stay quiet" window anyway. */
const USER_WRITE_SCAN = 30;

async function recountUserWrite(tx: IDBPTransaction<SwitchboardDb, ['messages', 'conversations', 'kv'], 'readwrite'>, id: string): Promise<void> {
  const convo = await tx.objectStore('conversations').get(id);
  if (!convo) return;
  let userWroteAt: number | undefined;
  let cursor = await tx.objectStore('messages').index('byConversation').openCursor(IDBKeyRange.bound([id, -Infinity], [id, Infinity]), 'prev');
  for (let seen = 0; cursor && seen < USER_WRITE_SCAN && userWroteAt === undefined; seen++) {
    if (cursor.value.direction === 'out' && !cursor.value.autoReply) userWroteAt = cursor.value.at;
    cursor = await cursor.continue();
  }
  const { userWroteAt: _old, ...rest } = convo;
  await tx.objectStore('conversations').put(userWroteAt === undefined ? rest : { ...rest, userWroteAt });
}

/** A conversation after one more message: preview, unread count, and when the user last wrote. */
function rollInto(convo: Conversation, message: Message, openConversation: string | undefined): Conversation {
  const newer = message.at >= convo.lastAt;
  const countsAsUnread = message.direction === 'in' && !message.replay && message.conversationId !== openConversation;
  const byUser = message.direction === 'out' && !message.autoReply;
  return {
    ...convo,
    lastAt: newer ? message.at : convo.lastAt,
    // In a one-to-one chat the row's title already names the sender; groups need the name.
    lastPreview: newer ? previewOf(convo.isGroup ? message : { ...message, senderName: undefined }) : convo.lastPreview,
    // Writing in a chat means the user has read it; our auto-reply does not.
    unread: countsAsUnread ? convo.unread + 1 : byUser ? 0 : convo.unread,
    ...(byUser && message.at > (convo.userWroteAt ?? Number.NEGATIVE_INFINITY) ? { userWroteAt: message.at } : {}),
  };
}

/** Split a conversation id into its account and peer (the account id never contains `|`). */
export function splitConversationId(id: string): { accountId: string; peerId: string } {
  const bar = id.indexOf('|');
  return { accountId: id.slice(0, bar), peerId: id.slice(bar + 1) };
}
