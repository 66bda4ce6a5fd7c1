// "Weibo account <uid> found — connect": the content script saw a logged-in weibo.com user that
// has no account here yet.
import { useState } from 'preact/hooks';
import { RequestError, type WorkerConnection } from '../ui/connection.ts';
import { t } from '../ui/i18n.ts';

export function WeiboBanner({ uid, connection }: { uid: string; connection: WorkerConnection }) {
  const [error, setError] = useState('');
  const connect = () => {
    setError('');
    connection.request('addAccount', { service: 'weibo', localId: uid }).catch((e: unknown) => setError(e instanceof RequestError ? e.message : String(e)));
  };
  return (
    <div class="banner" role="region" aria-label={t('pop_weiboFoundTitle')}>
      <span>{t('pop_weiboFound', uid)}</span>
      <button type="button" class="small primary" onClick={connect}>
        {t('pop_connect')}
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
