// One conversation's history: the newest page from IndexedDB when it opens, older pages on
// scroll-back, live messages from the store (which keeps them once the conversation is open).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Message } from '../shared/domain.ts';
import { dbReader } from '../ui/lazy-db-reader.ts';
import { openMessages, seedMessages, type UiStore } from '../ui/store.ts';
import { useStore } from '../ui/use-store.ts';

export const PAGE = 50;
/** Through the lazy reader, which reuses the connection the popup's first read opened. */
const messagesOf = (conversationId: string, limit: number, beforeAt?: number) => dbReader.preload().then((reader) => reader.messagesOf(conversationId, limit, beforeAt));
const NONE: Message[] = [];

export interface History {
  messages: Message[];
  /** False until the first page is read. */
  ready: boolean;
  /** True once the oldest stored message is on screen. */
  complete: boolean;
  loadingOlder: boolean;
  loadOlder: () => Promise<number>;
}

export function useHistory(store: UiStore, conversationId: string): History {
  const all = useStore(store, (s) => s.messages);
  const messages = all[conversationId] ?? NONE;
  const [ready, setReady] = useState(false);
  const [complete, setComplete] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const busy = useRef(false);

  useEffect(() => {
    let live = true;
    setReady(false);
    setComplete(false);
    // Mark it open before reading, so a message stored during the read is not lost.
    store.setState((s) => openMessages(s, conversationId), true);
    void messagesOf(conversationId, PAGE).then((page) => {
      if (!live) return;
      store.setState((s) => seedMessages(s, conversationId, page), true);
      setComplete(page.length < PAGE);
      setReady(true);
    });
    return () => {
      live = false;
    };
  }, [store, conversationId]);

  const loadOlder = useCallback(async () => {
    if (busy.current || complete) return 0;
    const held = store.getState().messages[conversationId] ?? [];
    const oldest = held[0];
    if (!oldest) return 0;
    busy.current = true;
    setLoadingOlder(true);
    try {
      // The range's upper bound is exclusive: include the oldest instant and drop what we hold.
      const sameInstant = held.filter((m) => m.at === oldest.at).length;
      const page = await messagesOf(conversationId, PAGE + sameInstant, oldest.at + 1);
      const keys = new Set(held.map((m) => m.key));
      const fresh = page.filter((m) => !keys.has(m.key));
      if (page.length < PAGE + sameInstant || fresh.length === 0) setComplete(true);
      if (fresh.length) store.setState((s) => seedMessages(s, conversationId, fresh), true);
      return fresh.length;
    } finally {
      busy.current = false;
      setLoadingOlder(false);
    }
  }, [store, conversationId, complete]);

  return { messages, ready, complete, loadingOlder, loadOlder };
}
