import { render } from 'preact';
import browser from 'webextension-polyfill';
import { workerConnection } from '../ui/connection.ts';
import { connectStore } from '../ui/page-store.ts';
import { PopupApp } from './popup-app.tsx';
import { loadInbox } from './use-inbox.ts';

performance.mark('popup:start');

// The language of the messages chrome.i18n picked (getUILanguage() can say en-US while the
// messages are zh_CN, e.g. under --lang=zh-CN): the page's lang and date formats follow it.
document.documentElement.lang = browser.i18n.getMessage('pop_htmlLang') || 'en';
document.title = browser.i18n.getMessage('extShortName') || document.title;
const windowMode = new URLSearchParams(location.search).get('window') === '1';
if (windowMode) document.body.classList.add('window');
const store = connectStore(workerConnection);
// The first frame needs the inbox from IndexedDB: start reading before rendering anything.
void loadInbox(store);
render(<PopupApp store={store} connection={workerConnection} windowMode={windowMode} />, document.getElementById('app')!);
