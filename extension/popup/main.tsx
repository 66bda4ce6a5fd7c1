import { render } from 'preact';
import { workerConnection } from '../ui/connection.ts';
import { connectStore } from '../ui/page-store.ts';
import { PopupApp } from './popup-app.tsx';

document.documentElement.lang = navigator.language;
const store = connectStore(workerConnection);
render(<PopupApp store={store} connection={workerConnection} />, document.getElementById('app')!);
