// The popup: accounts and their states; leads to "add an account" when there is none.
import browser from 'webextension-polyfill';
import type { WorkerConnection } from '../ui/connection.ts';
import { t } from '../ui/i18n.ts';
import type { UiStore } from '../ui/store.ts';
import { useStore } from '../ui/use-store.ts';
import { AccountChips } from '../ui/account-chips.tsx';

export function PopupApp({ store, connection }: { store: UiStore; connection: WorkerConnection }) {
  const connected = useStore(store, (s) => s.connected);
  const accounts = useStore(store, (s) => s.accounts);
  const states = useStore(store, (s) => s.states);
  return (
    <main class="popup-main" aria-label={t('extName')}>
      <header class="bar">
        <h1>{t('extShortName')}</h1>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openOptions')}
        </button>
      </header>
      {!connected ? (
        <p role="status">{t('connecting')}</p>
      ) : accounts.length === 0 ? (
        <section class="empty" aria-labelledby="empty-title">
          <h2 id="empty-title">{t('noAccountsTitle')}</h2>
          <p>{t('noAccountsBody')}</p>
          <button type="button" class="primary" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('addAccount')}
          </button>
        </section>
      ) : (
        <AccountChips accounts={accounts} states={states} connection={connection} />
      )}
    </main>
  );
}
