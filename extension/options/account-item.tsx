// One account: service, name, state with its reason, what the user must do (scan a QR, give a
// password, sign in on the site) and the actions. Everything from a server is rendered as text.
import { useState } from 'preact/hooks';
import type { Account, AccountState, NeedsUser } from '../shared/domain.ts';
import { t } from '../ui/i18n.ts';
import type { ConfirmRequest } from './confirm-dialog.tsx';
import { PasswordForm } from './password-form.tsx';
import { QrCode } from './qr-code.tsx';
import type { Act } from './use-action.ts';

/** The name the user knows, and the number behind it once the service told us a nickname. */
export function accountTitle(account: Account): string {
  return account.selfId && account.selfId !== account.label ? `${account.label} (${account.selfId})` : account.label;
}

/** Only links to the services' own sites are clickable; anything else stays text. */
const SAFE_SITE = /^https:\/\/([a-z0-9-]+\.)*(weibo\.com|qq\.com|wechat\.com)(\/|$)/i;

function Needs({ needs, account, act }: { needs: NeedsUser; account: Account; act: Act }) {
  switch (needs.kind) {
    case 'scanQr':
      return (
        <div class="needs">
          <p>{t('opt_scanQr')}</p>
          <QrCode text={needs.qrText} label={t('opt_qrLabel', account.label)} />
          {needs.scannedAvatar !== undefined && <p role="status">{t('opt_qrScanned')}</p>}
        </div>
      );
    case 'password':
      return (
        <div class="needs">
          <p>{needs.message}</p>
          <PasswordForm label={t('opt_changePassword')} submitLabel={t('opt_savePassword')} onSubmit={async (passwordMd5) => void (await act('setPassword', { accountId: account.id, passwordMd5 }))} />
        </div>
      );
    case 'webLoginBlocked':
      return <p class="needs">{needs.message}</p>;
    case 'signInOnSite':
      return (
        <p class="needs">
          {t('opt_signInOnSite')}{' '}
          {SAFE_SITE.test(needs.url) ? (
            <a href={needs.url} target="_blank" rel="noreferrer noopener">
              {needs.url}
            </a>
          ) : (
            <code>{needs.url}</code>
          )}
        </p>
      );
  }
}

export function AccountItem({ account, state, act, confirm }: { account: Account; state: AccountState | undefined; act: Act; confirm: (request: ConfirmRequest) => void }) {
  const [changingPassword, setChangingPassword] = useState(false);
  const status = state?.status ?? 'signedOut';
  const headingId = `account-${account.id.replace(/[^a-z0-9]/gi, '-')}`;
  return (
    <li class={`account account-${status}`} data-account={account.id} aria-labelledby={headingId}>
      <div class="account-head">
        <span class={`service service-${account.service}`}>{t(`service_${account.service}`)}</span>
        <h3 id={headingId} class="account-name">
          {accountTitle(account)}
        </h3>
        <span class="status">
          {t(`status_${status}`)}
          {state?.reason ? ` · ${state.reason}` : ''}
        </span>
      </div>
      {status === 'needsUser' && state?.needs && <Needs needs={state.needs} account={account} act={act} />}
      <div class="actions">
        {status === 'signedOut' || status === 'stopped' ? (
          <button type="button" onClick={() => void act('signIn', { accountId: account.id })}>
            {t('signIn')}
          </button>
        ) : (
          <button type="button" onClick={() => void act('signOut', { accountId: account.id })}>
            {t('opt_signOut')}
          </button>
        )}
        {account.service === 'qq' && (
          <button type="button" aria-expanded={changingPassword} onClick={() => setChangingPassword(!changingPassword)}>
            {t('opt_changePassword')}
          </button>
        )}
        <button
          type="button"
          class="danger"
          onClick={() =>
            confirm({
              title: t('opt_removeTitle', account.label),
              body: t('opt_removeBody'),
              confirmLabel: t('opt_remove'),
              onConfirm: () => void act('removeAccount', { accountId: account.id }),
            })
          }
        >
          {t('opt_remove')}
        </button>
      </div>
      {changingPassword && (
        <PasswordForm
          label={t('opt_changePassword')}
          submitLabel={t('opt_savePassword')}
          onSubmit={async (passwordMd5) => {
            if (await act('setPassword', { accountId: account.id, passwordMd5 })) setChangingPassword(false);
          }}
        />
      )}
    </li>
  );
}
