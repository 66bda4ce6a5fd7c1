import { render } from 'preact';
import { workerConnection } from '../ui/connection.ts';
import { connectStore } from '../ui/page-store.ts';
import { OptionsApp } from './options-app.tsx';

document.documentElement.lang = navigator.language;
const store = connectStore(workerConnection);
render(<OptionsApp store={store} connection={workerConnection} />, document.getElementById('app')!);
