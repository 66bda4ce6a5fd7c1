// Pending QQ friend requests with approve / reject / ask back (approve and ask them to add me).
import { useState } from 'preact/hooks';
import { RequestError, type WorkerConnection } from '../ui/connection.ts';
import type { Entry } from '../ui/contact-search.ts';
import { t } from '../ui/i18n.ts';
import { ServiceMark } from '../ui/service-mark.tsx';

type Answer = 'approve' | 'reject' | 'askBack';

export function FriendRequests({ entries, connection }: { entries: Entry[]; connection: WorkerConnection }) {
  // Answered requests disappear at once; the worker's contact update confirms it later.
  const [answered, setAnswered] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const pending = entries.filter((e) => e.request && !answered[e.conversationId]);
  const done = Object.entries(answered);
  if (pending.length === 0 && done.length === 0) return null;

  const answer = async (e: Entry, kind: Answer) => {
    setErrors((all) => ({ ...all, [e.conversationId]: '' }));
    try {
      await connection.request('accountCommand', { accountId: e.accountId, command: { kind: 'answerFriendRequest', peerId: e.peerId, answer: kind } });
      setAnswered((all) => ({ ...all, [e.conversationId]: t(`pop_answered_${kind}`, e.name) }));
    } catch (error) {
      setErrors((all) => ({ ...all, [e.conversationId]: error instanceof RequestError ? error.message : String(error) }));
    }
  };

  return (
    <section class="requests" aria-labelledby="requests-title">
      <h2 id="requests-title" class="section-title">
        {t('pop_friendRequests')}
      </h2>
      <ul>
        {pending.map((e) => (
          <li key={e.conversationId} class="request" data-request={e.conversationId}>
            <div class="request-who">
              <ServiceMark service={e.service} />
              <span class="row-title">{e.name}</span>
              {e.peerId !== e.name && <span class="row-preview">{e.peerId}</span>}
            </div>
            {e.request?.text ? <p class="request-text">{e.request.text}</p> : null}
            <div class="request-actions" role="group" aria-label={t('pop_answerRequestFrom', e.name)}>
              <button type="button" class="small primary" onClick={() => void answer(e, 'approve')}>
                {t('pop_approve')}
              </button>
              <button type="button" class="small" onClick={() => void answer(e, 'askBack')}>
                {t('pop_askBack')}
              </button>
              <button type="button" class="small" onClick={() => void answer(e, 'reject')}>
                {t('pop_reject')}
              </button>
            </div>
            {errors[e.conversationId] && (
              <p class="error" role="alert">
                {errors[e.conversationId]}
              </p>
            )}
          </li>
        ))}
      </ul>
      {done.length > 0 && (
        <p class="request-done" role="status">
          {done.map(([, text]) => text).join(' ')}
        </p>
      )}
    </section>
  );
}
