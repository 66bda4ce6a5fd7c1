// The inbox: conversations read from IndexedDB for the first frame, then kept current by worker
// events in the store. Unread counts are the worker's (stored on each conversation), never guessed.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Conversation } from '../shared/domain.ts';
import { recentConversations } from '../ui/db-reader.ts';
import { seedConversations, type UiStore } from '../ui/store.ts';
import { useStore } from '../ui/use-store.ts';

export const INBOX_LIMIT = 500;

export function sortInbox(conversations: Record<string, Conversation>): Conversation[] {
  return Object.values(conversations).sort((a, b) => b.lastAt - a.lastAt || (a.id < b.id ? -1 : 1));
}

const loaded = new WeakMap<UiStore, Promise<void>>();
const done = new WeakSet<UiStore>();

/**
 * Read the inbox into the store. main.tsx calls it before the first render: waiting for an effect
 * would cost a frame or more (preact runs effects after paint).
 */
export function loadInbox(store: UiStore): Promise<void> {
  let pending = loaded.get(store);
  if (!pending) {
    pending = recentConversations(INBOX_LIMIT).then((list) => {
      performance.mark('popup:inbox-read');
      store.setState((s) => seedConversations(s, list), true);
      done.add(store);
    });
    loaded.set(store, pending);
  }
  return pending;
}

export function useInbox(store: UiStore): { conversations: Conversation[]; loaded: boolean } {
  const [isLoaded, setLoaded] = useState(() => done.has(store));
  const byId = useStore(store, (s) => s.conversations);
  useEffect(() => {
    let live = true;
    void loadInbox(store).then(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, [store]);
  const conversations = useMemo(() => sortInbox(byId), [byId]);
  return { conversations, loaded: isLoaded || done.has(store) };
}
