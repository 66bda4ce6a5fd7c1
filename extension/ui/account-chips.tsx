// Account chips: service, name, state with its reason, one click to act on it.
import type { Account, AccountState } from '../shared/domain.ts';
import type { WorkerConnection } from './connection.ts';
import { t } from './i18n.ts';

export function AccountChips({ accounts, states, connection }: { accounts: Account[]; states: Record<string, AccountState>; connection: WorkerConnection }) {
  return (
    <ul class="chips" aria-label={t('accounts')}>
      {accounts.map((account) => {
        const state = states[account.id];
        const status = state?.status ?? 'signedOut';
        return (
          <li key={account.id} class={`chip chip-${status}`} data-account={account.id}>
            <span class={`service service-${account.service}`}>{t(`service_${account.service}`)}</span>
            <span class="name">{account.label}</span>
            <span class="status" role="status">
              {t(`status_${status}`)}
              {state?.reason ? ` · ${state.reason}` : ''}
            </span>
            {(status === 'signedOut' || status === 'stopped') && (
              <button type="button" onClick={() => void connection.request('signIn', { accountId: account.id })}>
                {t('signIn')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
