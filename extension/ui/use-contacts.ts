// The contacts list model: every account's contacts read from IndexedDB (the worker's compact
// records, ui/list-contacts.ts; again whenever the worker says they changed), indexed for search.
// The first index uses only the pinyin the services gave; computed pinyin (a local cache, then a
// worker) joins once search is wanted or the page idles.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ListContact } from '../shared/compact-contacts.ts';
import type { Conversation } from '../shared/domain.ts';
import { buildIndex, type SearchIndex } from './contact-search.ts';
import { dbReader } from './lazy-db-reader.ts';
import { createPinyinSource, type PinyinSource } from './pinyin-lazy.ts';
import { sameRecords } from './same-records.ts';
import { useReadFailure } from './use-read-failure.ts';

export interface ContactsModel {
  index: SearchIndex;
  contacts: ListContact[];
  loaded: boolean;
  /** Why the last read failed (shown with `retry`); undefined while reading or once read. */
  error: string | undefined;
  retry(): void;
}

export interface ContactsOptions {
  /**
   * Read once this is true: the page's first frame is committed. The read starts in that commit
   * (a layout effect), not after the paint: it takes longer than painting does.
   */
  enabled: boolean;
  /** The store's contactsVersion: a change means read again. */
  version: number;
  /** Conversations without a stored contact are searchable too. */
  conversations: Conversation[];
  /** Fill in computed pinyin (read the cache, start the worker for what is missing). */
  withPinyin: boolean;
  /**
   * Reads the contacts list (the popup's own connection); db-reader's listContacts when absent,
   * every full contact when that fails.
   */
  read?: (() => Promise<ListContact[]>) | undefined;
  pinyin?: PinyinSource | undefined;
}

const EMPTY: SearchIndex = { entries: [] };
const listContacts = () => dbReader.preload().then((reader) => reader.listContacts());
const allContacts = () => dbReader.preload().then((reader) => reader.allContacts());

/** The same array while ids and titles stay the same: a new message must not rebuild the index. */
function useStableTitles(conversations: Conversation[]): Conversation[] {
  const last = useRef<{ key: string; list: Conversation[] }>({ key: '', list: [] });
  const key = conversations.map((c) => `${c.id}\u0001${c.title}`).join('\u0002');
  if (key !== last.current.key) last.current = { key, list: conversations };
  return last.current.list;
}

export function useContacts(options: ContactsOptions): ContactsModel {
  const { enabled, version, withPinyin } = options;
  const conversations = useStableTitles(options.conversations);
  const [contacts, setContacts] = useState<ListContact[]>([]);
  const [loaded, setLoaded] = useState(false);
  const failure = useReadFailure();
  const [pinyinRound, setPinyinRound] = useState(0);
  const source = useRef<PinyinSource>(undefined);
  source.current ??= options.pinyin ?? createPinyinSource();

  useLayoutEffect(() => {
    if (!enabled) return;
    let live = true;
    const read = options.read ?? listContacts;
    read()
      .catch(() => allContacts())
      .then(
        (found) => {
          if (!live) return;
          performance.mark('contacts:read');
          // A read that found what is already shown keeps the same array: nothing is rebuilt.
          setContacts((shown) => (sameRecords(shown, found) ? shown : found));
          failure.succeeded();
          setLoaded(true);
        },
        (error: unknown) => {
          console.error('Switchboard: contacts could not be read', error);
          // What an earlier read found stays listed, under the message.
          if (live) failure.failed(error);
        },
      );
    return () => {
      live = false;
    };
  }, [enabled, version, failure.attempt]);

  // Names the services did not romanize go to the pinyin worker; each batch rebuilds the index.
  useEffect(() => {
    if (!loaded || !withPinyin) return;
    const texts: string[] = [];
    for (const c of contacts) {
      if (c.pinyin) continue;
      texts.push(c.name);
      if (c.remark) texts.push(c.remark);
    }
    for (const c of conversations) texts.push(c.title);
    source.current!.ensure(texts, () => setPinyinRound((n) => n + 1));
  }, [loaded, contacts, conversations, withPinyin]);

  const index = useMemo(
    () => (loaded ? buildIndex(contacts, conversations, withPinyin ? (text) => source.current!.get(text) : undefined) : EMPTY),
    // pinyinRound: rebuild when the worker delivered more pinyin.
    [loaded, contacts, conversations, withPinyin, pinyinRound],
  );
  return { index, contacts, loaded, error: failure.error, retry: failure.retry };
}
