// The contacts list model: every account's contacts read from IndexedDB (again whenever the
// worker says they changed), indexed for search, pinyin filled in lazily off the main thread.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Contact, Conversation } from '../shared/domain.ts';
import { buildIndex, type SearchIndex } from './contact-search.ts';
import { allContacts } from './db-reader.ts';
import { createPinyinSource, type PinyinSource } from './pinyin-lazy.ts';

export interface ContactsModel {
  index: SearchIndex;
  contacts: Contact[];
  loaded: boolean;
}

const EMPTY: SearchIndex = { entries: [] };

/**
 * `enabled` lets the page read contacts only after its first frame. `version` is the store's
 * contactsVersion. Conversations without a stored contact are searchable too.
 */
/** The same array while ids and titles stay the same: a new message must not rebuild the index. */
function useStableTitles(conversations: Conversation[]): Conversation[] {
  const last = useRef<{ key: string; list: Conversation[] }>({ key: '', list: [] });
  const key = conversations.map((c) => `${c.id}\u0001${c.title}`).join('\u0002');
  if (key !== last.current.key) last.current = { key, list: conversations };
  return last.current.list;
}

export function useContacts(enabled: boolean, version: number, liveConversations: Conversation[], pinyin?: PinyinSource): ContactsModel {
  const conversations = useStableTitles(liveConversations);
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [pinyinRound, setPinyinRound] = useState(0);
  const source = useRef<PinyinSource>(undefined);
  source.current ??= pinyin ?? createPinyinSource();

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void allContacts().then((list) => {
      if (!live) return;
      setContacts(list);
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [enabled, version]);

  // Names the services did not romanize go to the pinyin worker; each batch rebuilds the index.
  useEffect(() => {
    if (!loaded) return;
    const texts: string[] = [];
    for (const c of contacts) {
      if (c.pinyin) continue;
      texts.push(c.name);
      if (c.remark) texts.push(c.remark);
    }
    for (const c of conversations) texts.push(c.title);
    source.current!.ensure(texts, () => setPinyinRound((n) => n + 1));
  }, [loaded, contacts, conversations]);

  const index = useMemo(
    () => (loaded ? buildIndex(contacts, conversations, (text) => source.current!.get(text)) : EMPTY),
    // pinyinRound: rebuild when the worker delivered more pinyin.
    [loaded, contacts, conversations, pinyinRound],
  );
  return { index, contacts, loaded };
}
