// "Find people" in the Contacts tab, for signed-in QQ accounts: search QQ (a number through
// GetInfo, or age= sex= province= through Finger), then add someone (AddToList). What the server
// meant (added at once, verification needed and the request sent, refuses everyone) is the
// worker's message, shown as a status line.
import { useState } from 'preact/hooks';
import type { Account, Contact } from '../shared/domain.ts';
import { RequestError, type WorkerConnection } from '../ui/connection.ts';
import { t } from '../ui/i18n.ts';

type Person = Omit<Contact, 'accountId'>;
type Outcome = { peerId: string; ok: boolean; text: string; added: boolean };

const errorText = (e: unknown) => (e instanceof RequestError ? e.message : String(e));

export function FindPeople({ accounts, connection }: { accounts: Account[]; connection: WorkerConnection }) {
  const [open, setOpen] = useState(false);
  const [accountId, setAccountId] = useState('');
  const [query, setQuery] = useState('');
  const [note, setNote] = useState('');
  const [searching, setSearching] = useState(false);
  const [found, setFound] = useState<{ people: Person[]; message: string } | undefined>(undefined);
  const [error, setError] = useState('');
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const [last, setLast] = useState<Outcome | undefined>(undefined);
  const account = accounts.find((a) => a.id === accountId) ?? accounts[0];
  if (!account) return null;

  const search = async (event: Event) => {
    event.preventDefault();
    const text = query.trim();
    if (!text || searching) return;
    setSearching(true);
    setError('');
    setLast(undefined);
    try {
      const answer = await connection.request('accountCommand', { accountId: account.id, command: { kind: 'searchUser', query: text } });
      setFound({ people: answer.contacts ?? [], message: answer.message ?? '' });
    } catch (e) {
      setFound(undefined);
      setError(errorText(e));
    } finally {
      setSearching(false);
    }
  };

  const add = async (person: Person) => {
    setError('');
    setLast(undefined);
    const text = note.trim();
    try {
      const answer = await connection.request('accountCommand', { accountId: account.id, command: { kind: 'addFriend', peerId: person.id, ...(text ? { text } : {}) } });
      // Contacts come back only when the person is in the list at once; otherwise a request went out.
      const added = (answer.contacts ?? []).some((c) => c.id === person.id);
      const outcome = { peerId: person.id, ok: true, added, text: answer.message || t(added ? 'pop_added' : 'pop_requestSent', person.name) };
      setOutcomes((all) => ({ ...all, [person.id]: outcome }));
      setLast(outcome);
    } catch (e) {
      setLast({ peerId: person.id, ok: false, added: false, text: errorText(e) });
    }
  };

  return (
    <div class="find-people">
      <button type="button" class="small" aria-expanded={open} aria-controls="find-panel" onClick={() => setOpen(!open)}>
        {t('pop_findPeople')}
      </button>
      {open && (
        <div id="find-panel" class="find-panel">
          <form role="search" aria-label={t('pop_findPeopleForm')} onSubmit={(e) => void search(e)}>
            {accounts.length > 1 && (
              <select aria-label={t('pop_findAccount')} value={account.id} onChange={(e) => setAccountId((e.currentTarget as HTMLSelectElement).value)}>
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.label}
                  </option>
                ))}
              </select>
            )}
            <input type="text" value={query} maxLength={100} aria-label={t('pop_findQueryLabel')} placeholder={t('pop_findQuery')} onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)} />
            <button type="submit" class="small primary" aria-disabled={searching}>
              {t('pop_findSearch')}
            </button>
          </form>
          <input type="text" class="find-note" value={note} maxLength={500} aria-label={t('pop_addFriendText')} placeholder={t('pop_addFriendText')} onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)} />
          <p class="find-status" role="status">
            {searching ? t('pop_findSearching') : found ? (found.people.length ? t('pop_findCount', String(found.people.length)) : t('pop_findNone')) : ''}
          </p>
          {found && found.people.length > 0 && (
            <ul class="people" aria-label={t('pop_findResults')}>
              {found.people.map((p) => (
                <PersonRow key={p.id} person={p} outcome={outcomes[p.id]} onAdd={() => void add(p)} />
              ))}
            </ul>
          )}
          <p class="find-status" role="status">
            {last?.ok ? last.text : ''}
          </p>
          {(error || (last && !last.ok)) && (
            <p class="error" role="alert">
              {error || last?.text}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function PersonRow({ person: p, outcome, onAdd }: { person: Person; outcome: Outcome | undefined; onAdd: () => void }) {
  const details = (p.note ?? '').split('\n').filter(Boolean).join(' · ');
  return (
    <li class="person" data-person={p.id}>
      <div class="person-who">
        <span class="row-title">{p.name}</span>
        {p.name !== p.id && <span class="row-preview">{p.id}</span>}
        {details && <span class="row-preview">{details}</span>}
      </div>
      {outcome?.ok ? (
        <span class="person-done">{outcome.added ? t('pop_addedShort') : t('pop_requestSentShort')}</span>
      ) : (
        <button type="button" class="small" aria-label={t('pop_addPerson', p.name)} onClick={onAdd}>
          {t('pop_add')}
        </button>
      )}
    </li>
  );
}
