// Read queries shared by the worker's inbox and the pages.
import type { Db } from './db.ts';
import type { Conversation, Message } from './domain.ts';

/** The newest `limit` messages of a conversation before `beforeAt`, oldest first. */
export async function newestMessages(db: Db, conversationId: string, limit: number, beforeAt = Number.MAX_SAFE_INTEGER): Promise<Message[]> {
  const range = IDBKeyRange.bound([conversationId, 0], [conversationId, beforeAt], false, true);
  const out: Message[] = [];
  let cursor = await db.transaction('messages').store.index('byConversation').openCursor(range, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out.reverse();
}

/** Conversations by last activity, newest first. */
export async function recentConversations(db: Db, limit: number): Promise<Conversation[]> {
  const out: Conversation[] = [];
  let cursor = await db.transaction('conversations').store.index('byLastAt').openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}
