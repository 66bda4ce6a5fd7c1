// Account chips: service, name, state with its reason, and one click to act on what the account
// needs (sign in, scan the QR, fix the password, sign in on weibo.com, retry).
import browser from 'webextension-polyfill';
import type { Account, AccountState, NeedsUser } from '../shared/domain.ts';
import { RequestError, type WorkerConnection } from './connection.ts';
import { t } from './i18n.ts';
import { PresenceSelect } from './presence-select.tsx';
import { QrCode } from './qr-code.tsx';
import { safeDataImage, safeHttpsUrl } from './safe-url.ts';
import { ServiceMark } from './service-mark.tsx';
import { useState } from 'preact/hooks';

/** Hosts a "sign in on the site" link may open; anything else the server sends is not followed. */
const SIGN_IN_HOSTS = ['weibo.com', 'weibo.cn', 'sina.com.cn', 'qq.com', 'wechat.com'] as const;

export function needsLabel(needs: NeedsUser | undefined): string {
  switch (needs?.kind) {
    case 'scanQr':
      return needs.scannedAvatar ? t('pop_needsConfirm') : t('pop_needsScan');
    case 'password':
      return t('pop_needsPassword');
    case 'webLoginBlocked':
      return t('pop_needsWebBlocked');
    case 'signInOnSite':
      return t('pop_needsSite');
    default:
      return t('status_needsUser');
  }
}

export function AccountChips({ accounts, states, connection }: { accounts: Account[]; states: Record<string, AccountState>; connection: WorkerConnection }) {
  return (
    <ul class="chips" aria-label={t('accounts')}>
      {accounts.map((account) => (
        <AccountChip key={account.id} account={account} state={states[account.id]} connection={connection} />
      ))}
    </ul>
  );
}

function AccountChip({ account, state, connection }: { account: Account; state: AccountState | undefined; connection: WorkerConnection }) {
  const [error, setError] = useState('');
  const [note, setNote] = useState('');
  const status = state?.status ?? 'signedOut';
  const act = (run: () => Promise<unknown>) => {
    setError('');
    run().catch((e: unknown) => setError(e instanceof RequestError ? e.message : String(e)));
  };
  const signIn = () => act(() => connection.request('signIn', { accountId: account.id }));
  const openOptions = () => act(() => browser.runtime.openOptionsPage());
  const label = status === 'needsUser' ? needsLabel(state?.needs) : t(`status_${status}`);
  const reason = state?.reason ?? (state?.needs && 'message' in state.needs ? state.needs.message : undefined);
  return (
    <li class={`chip chip-${status}`} data-account={account.id}>
      <div class="chip-line">
        <ServiceMark service={account.service} />
        <span class="name">{account.label}</span>
        <span class="status">
          <span class={`dot dot-${status}`} aria-hidden="true" />
          {label}
          {reason ? <span class="reason"> · {reason}</span> : null}
        </span>
        {account.service === 'qq' && status === 'online' && (
          <PresenceSelect
            account={account}
            connection={connection}
            onResult={(result) => {
              setNote(result?.ok ? result.text : '');
              setError(result && !result.ok ? result.text : '');
            }}
          />
        )}
        {(status === 'signedOut' || status === 'stopped') && (
          <button type="button" class="small" onClick={signIn} aria-label={t('pop_signInAccount', account.label)}>
            {t('signIn')}
          </button>
        )}
        {status === 'reconnecting' && (
          <button type="button" class="small" onClick={signIn} aria-label={t('pop_retryAccount', account.label)}>
            {t('pop_retryNow')}
          </button>
        )}
        {status === 'needsUser' && state?.needs?.kind === 'password' && (
          <button type="button" class="small" onClick={openOptions}>
            {t('pop_fixPassword')}
          </button>
        )}
        {status === 'needsUser' && state?.needs?.kind === 'webLoginBlocked' && (
          <button type="button" class="small" onClick={signIn}>
            {t('pop_tryAgain')}
          </button>
        )}
        {status === 'needsUser' && state?.needs?.kind === 'signInOnSite' && (
          <SiteButton url={state.needs.url} onError={setError} />
        )}
      </div>
      {status === 'needsUser' && state?.needs?.kind === 'scanQr' && <QrPanel account={account} needs={state.needs} />}
      {/* Always in the DOM while online, so screen readers announce a new answer. */}
      {account.service === 'qq' && status === 'online' && (
        <p class="chip-note" role="status">
          {note}
        </p>
      )}
      {error && (
        <p class="chip-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

function SiteButton({ url, onError }: { url: string; onError: (message: string) => void }) {
  const safe = safeHttpsUrl(url, SIGN_IN_HOSTS);
  const open = () => {
    if (!safe) return onError(t('pop_badSiteLink'));
    void browser.tabs.create({ url: safe });
  };
  return (
    <button type="button" class="small" onClick={open}>
      {t('pop_openSite')}
    </button>
  );
}

function QrPanel({ account, needs }: { account: Account; needs: Extract<NeedsUser, { kind: 'scanQr' }> }) {
  const avatar = safeDataImage(needs.scannedAvatar);
  return (
    <div class="qr-panel">
      {needs.scannedAvatar ? (
        <div class="scanned">
          {avatar && <img src={avatar} alt={t('pop_scannerAvatar')} width={64} height={64} />}
          <p>{t('pop_confirmOnPhone')}</p>
        </div>
      ) : (
        <>
          <QrCode text={needs.qrText} label={t('pop_qrLabel', account.label)} />
          <p>{t('pop_scanHint')}</p>
        </>
      )}
    </div>
  );
}
