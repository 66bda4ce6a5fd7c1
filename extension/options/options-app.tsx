// Options: accounts (add / sign in / sign out / remove) and auto-reply (its editor arrives with
// the auto-reply work).
import { useState } from 'preact/hooks';
import { md5 } from 'js-md5';
import type { ServiceId } from '../shared/domain.ts';
import { RequestError, type WorkerConnection } from '../ui/connection.ts';
import { t } from '../ui/i18n.ts';
import type { UiStore } from '../ui/store.ts';
import { useStore } from '../ui/use-store.ts';
import { AccountChips } from '../ui/account-chips.tsx';

export function OptionsApp({ store, connection }: { store: UiStore; connection: WorkerConnection }) {
  const accounts = useStore(store, (s) => s.accounts);
  const states = useStore(store, (s) => s.states);
  return (
    <main class="options-main">
      <header class="bar">
        <h1>{t('extName')}</h1>
      </header>
      <section aria-labelledby="accounts-title" class="section">
        <h2 id="accounts-title">{t('accounts')}</h2>
        <AccountChips accounts={accounts} states={states} connection={connection} />
        <AddAccountForm connection={connection} />
      </section>
      <section aria-labelledby="autoreply-title" class="section">
        <h2 id="autoreply-title">{t('autoReply')}</h2>
      </section>
    </main>
  );
}

function AddAccountForm({ connection }: { connection: WorkerConnection }) {
  const [service, setService] = useState<ServiceId>('wechat');
  const [localId, setLocalId] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    setError('');
    try {
      await connection.request('addAccount', {
        service,
        ...(service !== 'wechat' ? { localId: localId.trim() } : {}),
        // Only the MD5 digest leaves this page; the plain password is never stored or sent.
        ...(service === 'qq' ? { passwordMd5: md5(password) } : {}),
      });
      setLocalId('');
      setPassword('');
    } catch (e) {
      setError(e instanceof RequestError ? e.message : String(e));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('addAccount')} class="add-account">
      <label>
        {t('service')}
        <select value={service} onChange={(e) => setService((e.target as HTMLSelectElement).value as ServiceId)}>
          <option value="wechat">{t('service_wechat')}</option>
          <option value="weibo">{t('service_weibo')}</option>
          <option value="qq">{t('service_qq')}</option>
        </select>
      </label>
      {service !== 'wechat' && (
        <label>
          {service === 'qq' ? t('qqNumber') : t('weiboUid')}
          <input value={localId} inputMode="numeric" required onInput={(e) => setLocalId((e.target as HTMLInputElement).value)} />
        </label>
      )}
      {service === 'qq' && (
        <label>
          {t('password')}
          <input type="password" value={password} required onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
        </label>
      )}
      <button type="submit" class="primary">
        {t('addAccount')}
      </button>
      {error && <p role="alert" class="error">{error}</p>}
    </form>
  );
}
