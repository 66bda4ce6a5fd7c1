// Accounts: every account with its state and actions, and the form to add one.
import { useState } from 'preact/hooks';
import type { WorkerConnection } from '../ui/connection.ts';
import { t } from '../ui/i18n.ts';
import type { UiStore } from '../ui/store.ts';
import { useStore } from '../ui/use-store.ts';
import { AccountItem } from './account-item.tsx';
import { AddAccountForm } from './add-account-form.tsx';
import { ConfirmDialog, type ConfirmRequest } from './confirm-dialog.tsx';
import { useAction } from './use-action.ts';

export function AccountsSection({ store, connection }: { store: UiStore; connection: WorkerConnection }) {
  const accounts = useStore(store, (s) => s.accounts);
  const states = useStore(store, (s) => s.states);
  const weiboUidSeen = useStore(store, (s) => s.weiboUidSeen);
  const { act, error } = useAction(connection);
  const [confirm, setConfirm] = useState<ConfirmRequest | undefined>();
  return (
    <section id="accounts" aria-labelledby="accounts-title" class="section">
      <h2 id="accounts-title">{t('accounts')}</h2>
      {accounts.length === 0 ? (
        <p class="muted">{t('opt_noAccounts')}</p>
      ) : (
        <ul class="accounts" aria-label={t('accounts')}>
          {accounts.map((account) => (
            <AccountItem key={account.id} account={account} state={states[account.id]} act={act} confirm={setConfirm} />
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <AddAccountForm connection={connection} weiboUidSeen={weiboUidSeen} />
      <ConfirmDialog request={confirm} onClose={() => setConfirm(undefined)} />
    </section>
  );
}
