// A QQ person's profile, fetched when asked (GetInfo LV=2 through `accountCommand fetchProfile`),
// shown as text: name, number, status and the details the server gave. Friends can be removed
// from here (DelFromList), after a confirmation.
import { useEffect, useState } from 'preact/hooks';
import type { Contact } from '../shared/domain.ts';
import { RequestError, type WorkerConnection } from '../ui/connection.ts';
import { t } from '../ui/i18n.ts';
import { ModalDialog } from './modal-dialog.tsx';
import type { ProfileTarget } from './profile-target.ts';
import { RemoveFriend } from './remove-friend.tsx';

type Profile = Omit<Contact, 'accountId'>;
type Loaded = { kind: 'loading' } | { kind: 'ok'; profile: Profile | undefined; message: string } | { kind: 'error'; text: string };

export function ProfileDialog({ target, connection, onClose }: { target: ProfileTarget; connection: WorkerConnection; onClose: () => void }) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    connection
      .request('accountCommand', { accountId: target.accountId, command: { kind: 'fetchProfile', peerId: target.peerId } })
      .then((answer) => {
        if (live) setLoaded({ kind: 'ok', profile: answer.contacts?.find((c) => c.id === target.peerId) ?? answer.contacts?.[0], message: answer.message ?? '' });
      })
      .catch((error: unknown) => {
        if (live) setLoaded({ kind: 'error', text: error instanceof RequestError ? error.message : String(error) });
      });
    return () => {
      live = false;
    };
  }, [target.accountId, target.peerId]);

  const profile = loaded.kind === 'ok' ? loaded.profile : undefined;
  const name = profile?.name || target.name;
  return (
    <ModalDialog titleId="profile-title" title={t('pop_profileOf', name)} onClose={onClose} class="profile">
      <div class="modal-body" aria-busy={loaded.kind === 'loading'}>
        {loaded.kind === 'loading' && <p role="status">{t('pop_profileLoading')}</p>}
        {loaded.kind === 'error' && (
          <p class="error" role="alert">
            {loaded.text}
          </p>
        )}
        {loaded.kind === 'ok' && !profile && <p>{loaded.message || t('pop_profileEmpty')}</p>}
        {profile && <ProfileFields profile={profile} />}
        {target.isFriend && <RemoveFriend accountId={target.accountId} peerId={target.peerId} name={name} connection={connection} />}
      </div>
    </ModalDialog>
  );
}

function ProfileFields({ profile }: { profile: Profile }) {
  return (
    <dl class="fields">
      <dt>{t('pop_profileName')}</dt>
      <dd>{profile.name}</dd>
      {profile.remark ? (
        <>
          <dt>{t('pop_profileRemark')}</dt>
          <dd>{profile.remark}</dd>
        </>
      ) : null}
      <dt>{t('pop_profileNumber')}</dt>
      <dd>{profile.id}</dd>
      {profile.presence ? (
        <>
          <dt>{t('pop_profilePresence')}</dt>
          <dd>{t(`pop_presence_${profile.presence}`)}</dd>
        </>
      ) : null}
      {profile.note ? (
        <>
          <dt>{t('pop_profileDetails')}</dt>
          {/* The worker writes one "Label: value" per line; kept as lines of text. */}
          <dd class="note">{profile.note}</dd>
        </>
      ) : null}
    </dl>
  );
}
