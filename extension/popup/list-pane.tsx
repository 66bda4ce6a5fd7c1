// The left pane: search (Ctrl+K), the Chats and Contacts tabs, and their windowed lists.
// Typing searches contacts, groups and conversations; arrow keys move, Enter opens.
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { Account, Conversation } from '../shared/domain.ts';
import type { WorkerConnection } from '../ui/connection.ts';
import { search, type Entry, type SearchIndex } from '../ui/contact-search.ts';
import { t } from '../ui/i18n.ts';
import { listKeys, VirtualList } from '../ui/virtual-list.tsx';
import { FindPeople, FriendRequests } from './lazy-parts.ts';
import { hasProfile } from './profile-target.ts';
import { ContactRow, ConversationRow, ROW_HEIGHT } from './rows.tsx';

export type Tab = 'chats' | 'contacts';

export interface ListPaneProps {
  conversations: Conversation[];
  inboxLoaded: boolean;
  /** Why the inbox could not be read, shown with a way to try again. */
  inboxError?: string | undefined;
  onRetryInbox?: () => void;
  index: SearchIndex;
  contactsLoaded: boolean;
  /** Why the contacts could not be read, shown with a way to try again. */
  contactsError?: string | undefined;
  onRetryContacts?: () => void;
  /** The user is about to search or browse contacts: complete their pinyin now, not at idle time. */
  wantSearch: () => void;
  connection: WorkerConnection;
  locale: string;
  openId: string | undefined;
  onOpen: (conversationId: string, entry?: Entry) => void;
  searchRef: { current: HTMLInputElement | null };
  /** Signed-in QQ accounts: the Contacts tab offers "Find people" for them. */
  qqAccounts: Account[];
  /** Show a contact's profile (QQ people). */
  onProfile: (entry: Entry) => void;
}

/** Keys that show the highlighted contact's profile: Alt+Enter ("properties"), the menu key, Shift+F10. */
const isProfileKey = (event: KeyboardEvent) =>
  (event.key === 'Enter' && event.altKey) || event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey);

const PAGE = 8;

export function ListPane(props: ListPaneProps) {
  const { conversations, index, locale } = props;
  const [tab, setTab] = useState<Tab>('chats');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(-1);
  const searching = query.trim() !== '';

  const results = useMemo(() => (searching ? search(index, query) : index.entries), [index, query, searching]);
  const requests = useMemo(() => index.entries.filter((e) => e.request), [index]);
  const showing: 'chats' | 'entries' = !searching && tab === 'chats' ? 'chats' : 'entries';
  const count = showing === 'chats' ? conversations.length : results.length;

  // The benchmark measures a keystroke from input to the committed result list.
  useLayoutEffect(() => {
    if (!searching) return;
    performance.mark('search:done');
    try {
      performance.measure('search', 'search:start', 'search:done');
    } catch {
      // No start mark (the index changed, not the query): nothing to measure.
    }
  }, [results]);

  useEffect(() => setActive((a) => (count === 0 ? -1 : Math.min(a, count - 1))), [count]);

  const open = (i: number) => {
    if (showing === 'chats') {
      const c = conversations[i];
      if (c) props.onOpen(c.id);
    } else {
      const e = results[i];
      if (e) props.onOpen(e.conversationId, e);
    }
  };

  const focusList = () => {
    const el = document.getElementById(showing === 'chats' ? 'inbox-list' : 'contact-list');
    el?.focus();
  };

  const onSearchKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault();
      setActive(0);
      focusList();
    } else if (event.key === 'Enter' && count > 0) {
      event.preventDefault();
      open(active >= 0 ? active : 0);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      setQuery('');
    }
  };

  const onListKey = (event: KeyboardEvent) => {
    if (showing === 'entries' && isProfileKey(event)) {
      event.preventDefault();
      const e = results[active];
      if (e && hasProfile(e)) props.onProfile(e);
      return;
    }
    if (event.key === 'ArrowUp' && active <= 0) {
      event.preventDefault();
      props.searchRef.current?.focus();
      return;
    }
    listKeys(event, count, active, PAGE, setActive, open);
  };

  const selectTab = (next: Tab) => {
    setTab(next);
    setActive(-1);
    if (next === 'contacts') props.wantSearch();
  };

  const onTabKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next = tab === 'chats' ? 'contacts' : 'chats';
    selectTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };

  const now = Date.now();
  const openIndex = showing === 'chats' ? conversations.findIndex((c) => c.id === props.openId) : -1;

  return (
    <section class="list-pane" aria-label={t('pop_lists')}>
      <div class="search">
        <input
          ref={props.searchRef}
          type="search"
          value={query}
          placeholder={t('pop_searchPlaceholder')}
          aria-label={t('pop_search')}
          aria-controls={showing === 'chats' ? 'inbox-list' : 'contact-list'}
          aria-keyshortcuts="Control+K"
          onFocus={props.wantSearch}
          onInput={(e) => {
            performance.mark('search:start');
            setQuery((e.target as HTMLInputElement).value);
            setActive(-1);
          }}
          onKeyDown={onSearchKey}
        />
      </div>
      {!searching && (
        <div class="tabs" role="tablist" aria-label={t('pop_lists')}>
          {(['chats', 'contacts'] as const).map((name) => (
            <button
              key={name}
              id={`tab-${name}`}
              type="button"
              role="tab"
              aria-selected={tab === name}
              aria-controls={`panel-${name}`}
              tabIndex={tab === name ? 0 : -1}
              onClick={() => selectTab(name)}
              onKeyDown={onTabKey}
            >
              {t(name === 'chats' ? 'pop_tabChats' : 'pop_tabContacts')}
            </button>
          ))}
        </div>
      )}
      <div class="list-body" id={searching ? 'panel-search' : `panel-${tab}`} role={searching ? undefined : 'tabpanel'} aria-labelledby={searching ? undefined : `tab-${tab}`}>
        {!searching && tab === 'contacts' && <FriendRequests entries={requests} connection={props.connection} />}
        {!searching && tab === 'contacts' && props.qqAccounts.length > 0 && <FindPeople accounts={props.qqAccounts} connection={props.connection} />}
        {searching && !props.contactsError && (
          <p class="visually-hidden" role="status">
            {props.contactsLoaded ? t('pop_resultCount', String(results.length)) : t('pop_loadingContacts')}
          </p>
        )}
        {showing === 'chats'
          ? props.inboxError && <ReadFailure text={t('pop_inboxUnreadable', props.inboxError)} onRetry={props.onRetryInbox} />
          : props.contactsError && <ReadFailure text={t('pop_contactsUnreadable', props.contactsError)} onRetry={props.onRetryContacts} />}
        {showing === 'chats' ? (
          conversations.length === 0 ? (
            props.inboxLoaded && <p class="empty-list">{t('pop_noChats')}</p>
          ) : (
            <VirtualList
              id="inbox-list"
              label={t('pop_inbox')}
              count={conversations.length}
              rowHeight={ROW_HEIGHT}
              active={active >= 0 ? active : openIndex}
              onActivate={(i) => {
                setActive(i);
                open(i);
              }}
              onKeyDown={onListKey}
              renderRow={(i) => <ConversationRow c={conversations[i]!} now={now} locale={locale} />}
            />
          )
        ) : results.length === 0 ? (
          !props.contactsError && <p class="empty-list">{!props.contactsLoaded ? t('pop_loadingContacts') : searching ? t('pop_noResults') : t('pop_noContacts')}</p>
        ) : (
          <VirtualList
            id="contact-list"
            label={searching ? t('pop_results') : t('pop_contacts')}
            count={results.length}
            rowHeight={ROW_HEIGHT}
            active={active}
            onActivate={(i) => {
              setActive(i);
              open(i);
            }}
            onKeyDown={onListKey}
            keyShortcuts={results.some(hasProfile) ? 'Alt+Enter' : undefined}
            renderRow={(i) => <ContactRow e={results[i]!} onProfile={props.onProfile} />}
          />
        )}
      </div>
    </section>
  );
}

/** A list that could not be read from the browser's storage: why, and a button to read it again. */
function ReadFailure({ text, onRetry }: { text: string; onRetry?: (() => void) | undefined }) {
  return (
    <div class="list-error" role="alert">
      <p>{text}</p>
      {onRetry && (
        <button type="button" class="small" onClick={onRetry}>
          {t('pop_tryAgain')}
        </button>
      )}
    </div>
  );
}
