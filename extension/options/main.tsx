import { render } from 'preact';
import { workerConnection } from '../ui/connection.ts';
import { t } from '../ui/i18n.ts';
import { connectStore } from '../ui/page-store.ts';
import { OptionsApp } from './options-app.tsx';

// The language the page is written in is the one chrome.i18n chose, not necessarily navigator's.
document.documentElement.lang = t('opt_htmlLang');
document.title = `${t('extShortName')} · ${t('openOptions')}`;
const store = connectStore(workerConnection);
render(<OptionsApp store={store} connection={workerConnection} />, document.getElementById('app')!);
