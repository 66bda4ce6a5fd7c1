// The popup (about 400 x 600) and the chat window (`?window=1`, two panes): accounts, one inbox
// across services, contacts search, the open conversation. The first frame comes straight from
// IndexedDB; the contacts are read as soon as it is committed; pinyin is computed off the main
// thread once search is wanted. What the list does not need is a lazy chunk (lazy-parts.ts).
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { ListContact } from '../shared/compact-contacts.ts';
import type { ServiceId } from '../shared/domain.ts';
import { SERVICES } from '../shared/domain.ts';
import type { WorkerConnection } from '../ui/connection.ts';
import type { Entry } from '../ui/contact-search.ts';
import { t } from '../ui/i18n.ts';
import { whenIdle } from '../ui/idle.ts';
import type { PinyinSource } from '../ui/pinyin-lazy.ts';
import type { UiStore } from '../ui/store.ts';
import { useContacts } from '../ui/use-contacts.ts';
import { useStore } from '../ui/use-store.ts';
import { AccountChips, ConversationView, preloadParts, ProfileDialog, WeiboBanner } from './lazy-parts.ts';
import { ListPane } from './list-pane.tsx';
import { conversationProfile, entryProfile, type ProfileTarget } from './profile-target.ts';
import { closeConversation, openConversation, useRoute } from './route.ts';
import { TopBar } from './top-bar.tsx';
import { refreshInbox, useInbox } from './use-inbox.ts';

export interface PopupAppProps {
  store: UiStore;
  connection: WorkerConnection;
  windowMode?: boolean;
  /** How to read the contacts list (the first-screen connection); db-reader's when absent. */
  readContacts?: (() => Promise<ListContact[]>) | undefined;
  pinyin?: PinyinSource;
}

/** The service of a conversation id from a URL, or undefined when the id is not one of ours. */
function serviceOfConversation(id: string): ServiceId | undefined {
  const service = id.slice(0, id.indexOf(':'));
  return id.includes('|') && (SERVICES as readonly string[]).includes(service) ? (service as ServiceId) : undefined;
}

export function PopupApp({ store, connection, windowMode = false, readContacts, pinyin }: PopupAppProps) {
  const connected = useStore(store, (s) => s.connected);
  const accounts = useStore(store, (s) => s.accounts);
  const states = useStore(store, (s) => s.states);
  const weiboUidSeen = useStore(store, (s) => s.weiboUidSeen);
  const settings = useStore(store, (s) => s.settings);
  const contactsVersion = useStore(store, (s) => s.contactsVersion);
  const [autoReply, setAutoReply] = useState<boolean | undefined>(undefined);
  const [error, setError] = useState('');
  const [wantSearch, setWantSearch] = useState(false);
  const [picked, setPicked] = useState<Entry | undefined>(undefined);
  const [profile, setProfile] = useState<ProfileTarget | undefined>(undefined);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const route = useRoute();
  const inbox = useInbox(store);
  // The contacts are read after the inbox (its first frame comes first), or after it failed.
  const contacts = useContacts({ enabled: inbox.loaded || inbox.error !== undefined, version: contactsVersion, conversations: inbox.conversations, withPinyin: wantSearch, read: readContacts, pinyin });
  const locale = useMemo(() => document.documentElement.lang || 'en', []);

  useEffect(() => {
    if (settings) setAutoReply(settings.autoReply.enabled);
  }, [settings]);

  useEffect(() => {
    connection
      .request('getSettings', {})
      .then((value) => store.setState((s) => ({ ...s, settings: s.settings ?? value }), true))
      .catch(() => undefined);
  }, [connection, store]);

  // The benchmark's first-render mark: the inbox from IndexedDB is on screen. useContacts starts
  // reading the contacts in the same commit.
  useLayoutEffect(() => {
    if (inbox.loaded) performance.mark('popup:first-render');
  }, [inbox.loaded]);
  // Contacts read and indexed. Once the page has a moment after that: pinyin for search, and the
  // code of the other views.
  useEffect(() => {
    if (!contacts.loaded) return;
    performance.mark('contacts:ready');
    return whenIdle(() => {
      setWantSearch(true);
      preloadParts();
    }, 300);
  }, [contacts.loaded]);
  // The inbox read once more when the worker has our port, after the startup reads are done.
  const contactsSettled = contacts.loaded || contacts.error !== undefined;
  useEffect(() => {
    if (connected && contactsSettled) return whenIdle(() => refreshInbox(store), 1000);
  }, [connected, contactsSettled]);

  const back = () => closeConversation();
  // Back in the popup: focus returns to the list the user came from, once it is shown again.
  const wasInConversation = useRef(false);
  const searchNext = useRef(false);
  useLayoutEffect(() => {
    const inConversation = route.view === 'conversation';
    if (wasInConversation.current && !inConversation && !windowMode) {
      (searchNext.current ? searchRef.current : document.getElementById('inbox-list'))?.focus();
      searchNext.current = false;
    }
    wasInConversation.current = inConversation;
  }, [route.view, windowMode]);

  // Ctrl+K (⌘K) focuses search from anywhere.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setWantSearch(true);
        if (!windowMode && route.view === 'conversation') {
          // The search box is hidden until the list is back: focus it after that render.
          searchNext.current = true;
          closeConversation();
        } else {
          searchRef.current?.focus();
        }
      } else if (event.key === 'Escape' && route.view === 'conversation' && !windowMode && !event.defaultPrevented) {
        back();
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [route.view, windowMode]);

  const openId = route.view === 'conversation' && serviceOfConversation(route.id) ? route.id : undefined;
  const conversations = useStore(store, (s) => s.conversations);
  const entry = openId ? (picked?.conversationId === openId ? picked : contacts.index.entries.find((e) => e.conversationId === openId)) : undefined;

  if (!connected && inbox.conversations.length === 0 && !openId) {
    return (
      <main class={`app${windowMode ? ' window' : ''}`}>
        <p role="status" class="empty">
          {inbox.loaded ? t('connecting') : ''}
        </p>
      </main>
    );
  }

  if (connected && accounts.length === 0 && inbox.conversations.length === 0) {
    return (
      <main class={`app${windowMode ? ' window' : ''}`} aria-label={t('extName')}>
        <TopBar connection={connection} autoReplyEnabled={autoReply} onAutoReplyChange={setAutoReply} windowMode={windowMode} onError={setError} />
        {/* A first-time user logged in on weibo.com gets the one-click connect right here. */}
        {weiboUidSeen && <WeiboBanner uid={weiboUidSeen} connection={connection} />}
        <section class="empty" aria-labelledby="empty-title">
          <h2 id="empty-title">{t('noAccountsTitle')}</h2>
          <p>{t('noAccountsBody')}</p>
          <button type="button" class="primary" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('addAccount')}
          </button>
        </section>
      </main>
    );
  }

  const inConversation = openId !== undefined;
  const qqAccounts = accounts.filter((a) => a.service === 'qq' && states[a.id]?.status === 'online');
  const peerProfile = openId ? conversationProfile(openId, conversations[openId], entry) : undefined;
  const conversationPane = openId ? (
    <ConversationView
      key={openId}
      store={store}
      connection={connection}
      id={openId}
      conversation={conversations[openId]}
      fallbackTitle={entry ? entry.remark || entry.name : openId.slice(openId.indexOf('|') + 1)}
      isGroup={entry?.kind === 'group'}
      service={serviceOfConversation(openId)!}
      locale={locale}
      {...(windowMode ? {} : { onBack: back })}
      {...(peerProfile ? { onProfile: () => setProfile(peerProfile) } : {})}
    />
  ) : (
    windowMode && <p class="no-conversation">{t('pop_pickConversation')}</p>
  );

  return (
    <main class={`app${windowMode ? ' window' : ''}${inConversation ? ' in-conversation' : ''}`} aria-label={t('extName')}>
      <TopBar connection={connection} autoReplyEnabled={autoReply} onAutoReplyChange={setAutoReply} windowMode={windowMode} onError={setError} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="panes">
        <div class="side" hidden={!windowMode && inConversation}>
          {weiboUidSeen && <WeiboBanner uid={weiboUidSeen} connection={connection} />}
          {accounts.length > 0 && <AccountChips accounts={accounts} states={states} connection={connection} />}
          <ListPane
            conversations={inbox.conversations}
            inboxLoaded={inbox.loaded}
            inboxError={inbox.error}
            onRetryInbox={inbox.retry}
            index={contacts.index}
            contactsLoaded={contacts.loaded}
            contactsError={contacts.error}
            onRetryContacts={contacts.retry}
            wantSearch={() => setWantSearch(true)}
            connection={connection}
            locale={locale}
            openId={openId}
            onOpen={(id, picked) => {
              setPicked(picked);
              openConversation(id);
            }}
            searchRef={searchRef}
            qqAccounts={qqAccounts}
            onProfile={(e) => setProfile(entryProfile(e))}
          />
        </div>
        {(windowMode || inConversation) && <div class="main-pane">{conversationPane}</div>}
      </div>
      {profile && <ProfileDialog key={`${profile.accountId}|${profile.peerId}`} target={profile} connection={connection} onClose={() => setProfile(undefined)} />}
    </main>
  );
}
