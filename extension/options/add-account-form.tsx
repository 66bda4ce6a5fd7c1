// Adding an account. WeChat: nothing to type, adding starts QR login. Weibo: the uid of the
// account logged in on weibo.com in this browser. QQ: number and password (MD5 in the page).
import { useState } from 'preact/hooks';
import { md5 } from 'js-md5';
import type { ServiceId } from '../shared/domain.ts';
import type { WorkerConnection } from '../ui/connection.ts';
import { t } from '../ui/i18n.ts';
import { Select, TextField } from './fields.tsx';
import { errorText } from '../ui/format.ts';

const DIGITS = /^\d{4,20}$/;

export function AddAccountForm({ connection, weiboUidSeen }: { connection: WorkerConnection; weiboUidSeen: string | undefined }) {
  const [service, setService] = useState<ServiceId>('wechat');
  const [localId, setLocalId] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const trimmed = localId.trim();
  const idError = service !== 'wechat' && trimmed !== '' && !DIGITS.test(trimmed) ? t('opt_digitsOnly') : '';

  const submit = async (event: Event) => {
    event.preventDefault();
    setError('');
    setDone('');
    if (service !== 'wechat' && !DIGITS.test(trimmed)) {
      setError(t('opt_digitsOnly'));
      return;
    }
    setBusy(true);
    try {
      await connection.request('addAccount', {
        service,
        ...(service !== 'wechat' ? { localId: trimmed } : {}),
        // Only the MD5 digest leaves this page; the plain password is never stored or sent.
        ...(service === 'qq' ? { passwordMd5: md5(password) } : {}),
      });
      setLocalId('');
      setPassword('');
      setDone(service === 'wechat' ? t('opt_addedWechat') : t('opt_added'));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="add-account-title" class="add-account card">
      <h3 id="add-account-title">{t('addAccount')}</h3>
      <Select
        label={t('service')}
        value={service}
        onChange={(s) => {
          setService(s);
          setError('');
          setDone('');
        }}
        options={[
          { value: 'wechat', label: t('service_wechat') },
          { value: 'weibo', label: t('service_weibo') },
          { value: 'qq', label: t('service_qq') },
        ]}
      />
      {service === 'wechat' && <p class="hint">{t('opt_wechatHint')}</p>}
      {service !== 'wechat' && (
        <TextField
          label={service === 'qq' ? t('qqNumber') : t('weiboUid')}
          value={localId}
          inputMode="numeric"
          required
          maxLength={20}
          hint={service === 'weibo' ? t('opt_weiboHint') : undefined}
          error={idError}
          onChange={setLocalId}
        />
      )}
      {service === 'weibo' && weiboUidSeen && (
        <p class="hint">
          {t('opt_weiboSeen', weiboUidSeen)}{' '}
          <button type="button" onClick={() => setLocalId(weiboUidSeen)}>
            {t('opt_useIt')}
          </button>
        </p>
      )}
      {service === 'qq' && (
        <TextField label={t('password')} type="password" autoComplete="current-password" value={password} required hint={t('opt_qqPasswordHint')} onChange={setPassword} />
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('addAccount')}
        </button>
      </div>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {done && (
        <p role="status" class="ok">
          {done}
        </p>
      )}
    </form>
  );
}
