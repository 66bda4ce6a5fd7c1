// The inbox: conversations read from IndexedDB for the first frame, then kept current by worker
// events in the store. Unread counts are the worker's (stored on each conversation), never guessed.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Conversation } from '../shared/domain.ts';
import { dbReader } from '../ui/lazy-db-reader.ts';
import { refreshConversations, seedConversations, type UiStore } from '../ui/store.ts';
import { useStore } from '../ui/use-store.ts';
import { useReadFailure } from '../ui/use-read-failure.ts';
import { INBOX_LIMIT } from './first-screen.ts';

export function sortInbox(conversations: Record<string, Conversation>): Conversation[] {
  return Object.values(conversations).sort((a, b) => b.lastAt - a.lastAt || (a.id < b.id ? -1 : 1));
}

const loaded = new WeakMap<UiStore, Promise<void>>();
const done = new WeakSet<UiStore>();
/** The first read of each store's inbox, by id, until refreshInbox has compared against it. */
const firstReads = new WeakMap<UiStore, ReadonlyMap<string, Conversation>>();

/** Conversations already read (the popup's first-screen read) go into the store at once. */
export function seedInbox(store: UiStore, list: Conversation[]): void {
  performance.mark('popup:inbox-read');
  store.setState((s) => seedConversations(s, list), true);
  done.add(store);
  loaded.set(store, Promise.resolve());
  firstReads.set(store, new Map(list.map((c) => [c.id, c])));
}

/**
 * Read the inbox into the store (when the first-screen read could not). The popup waits for it
 * before its first render: an empty frame first would only be thrown away. A failed read is
 * forgotten, so the next call reads again.
 */
export function loadInbox(store: UiStore): Promise<void> {
  let pending = loaded.get(store);
  if (!pending) {
    pending = dbReader
      .preload()
      .then((reader) => reader.recentConversations(INBOX_LIMIT))
      .then((list) => seedInbox(store, list))
      .catch((error: unknown) => {
        loaded.delete(store);
        throw error;
      });
    loaded.set(store, pending);
  }
  return pending;
}

/**
 * The first read may run before the worker has this page's port, so a conversation stored in
 * between reaches neither the read nor the page. Call this once the worker's snapshot is in (from
 * then on every change arrives as an event): it reads once more, and what no event has replaced
 * since the first read is brought up to date. Only the first call per store reads.
 */
export function refreshInbox(store: UiStore): void {
  const first = firstReads.get(store);
  if (!first) return;
  firstReads.delete(store);
  dbReader
    .preload()
    .then((reader) => reader.recentConversations(INBOX_LIMIT))
    .then((list) => store.setState((s) => refreshConversations(s, first, list), true))
    .catch(() => undefined);
}

export interface InboxModel {
  conversations: Conversation[];
  loaded: boolean;
  /** Why the inbox could not be read (the page shows it, with `retry`); undefined while reading or once read. */
  error: string | undefined;
  retry(): void;
}

export function useInbox(store: UiStore): InboxModel {
  const [isLoaded, setLoaded] = useState(() => done.has(store));
  const failure = useReadFailure();
  const byId = useStore(store, (s) => s.conversations);
  useEffect(() => {
    if (done.has(store)) return;
    let live = true;
    loadInbox(store).then(
      () => {
        if (!live) return;
        failure.succeeded();
        setLoaded(true);
      },
      (error: unknown) => {
        console.error('Switchboard: the inbox could not be read', error);
        if (live) failure.failed(error);
      },
    );
    return () => {
      live = false;
    };
  }, [store, failure.attempt]);
  const conversations = useMemo(() => sortInbox(byId), [byId]);
  return { conversations, loaded: isLoaded || done.has(store), error: failure.error, retry: failure.retry };
}
