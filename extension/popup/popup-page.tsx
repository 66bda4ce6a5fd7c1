// The popup's start: page language, the store and its worker port, the inbox from the first-screen
// read into the store, then the first render (with the inbox in it: no empty frame first).
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { workerConnection } from '../ui/connection.ts';
import { offerConnection } from '../ui/lazy-db-reader.ts';
import { connectStore } from '../ui/page-store.ts';
import { readListContacts } from '../ui/list-contacts.ts';
import type { FirstScreen } from './first-screen.ts';
import { ConversationView } from './lazy-parts.ts';
import { PopupApp } from './popup-app.tsx';
import { parseRoute } from './route.ts';
import { loadInbox, seedInbox } from './use-inbox.ts';

export async function startPopup(firstScreen: FirstScreen): Promise<void> {
  // The language of the messages chrome.i18n picked (getUILanguage() can say en-US while the
  // messages are zh_CN, e.g. under --lang=zh-CN): the page's lang and date formats follow it.
  document.documentElement.lang = browser.i18n.getMessage('pop_htmlLang') || 'en';
  document.title = browser.i18n.getMessage('extShortName') || document.title;
  const windowMode = new URLSearchParams(location.search).get('window') === '1';
  if (windowMode) document.body.classList.add('window');
  const store = connectStore(workerConnection);
  // Opened on a conversation (a notification click): its view is the first frame, so wait for it.
  const opening = parseRoute(location.hash).view === 'conversation' ? ConversationView.preload().catch(() => undefined) : undefined;
  const [db, conversations] = await Promise.all([firstScreen.db, firstScreen.conversations, opening]);
  // Later reads (history, refreshes) reuse the connection the first-screen read opened.
  if (db) offerConnection(db);
  // The first frame is the inbox: render it with the conversations already in the store.
  if (conversations) seedInbox(store, conversations);
  // A failed read renders anyway: the app reads once more and shows why, with a way to try again.
  else await loadInbox(store).catch(() => undefined);
  const contacts = db ? () => readListContacts(db) : undefined;
  render(<PopupApp store={store} connection={workerConnection} windowMode={windowMode} readContacts={contacts} />, document.getElementById('app')!);
}
