// The auto-reply log: every decision the engine took to answer, and what became of the send.
// `unknown` is explained in words: the browser stopped the worker between deciding and hearing
// back, so the reply may or may not have gone out, and it is never retried.
import { useEffect, useState } from 'preact/hooks';
import type { LedgerEntry } from '../background/autoreply/ledger.ts';
import type { WorkerConnection } from '../ui/connection.ts';
import { allContacts } from '../ui/db-reader.ts';
import { t } from '../ui/i18n.ts';
import { errorText } from '../ui/format.ts';
import type { WorkerEvents } from './worker-events.ts';

const LIMIT = 200;

const newestFirst = (a: LedgerEntry, b: LedgerEntry) => b.decidedAt - a.decidedAt;

function upsert(list: LedgerEntry[], entry: LedgerEntry): LedgerEntry[] {
  return [entry, ...list.filter((e) => e.key !== entry.key)].sort(newestFirst).slice(0, LIMIT);
}

function outcome(entry: LedgerEntry): string {
  switch (entry.state) {
    case 'decided':
      return t('opt_log_decided', new Date(entry.sendAt).toLocaleTimeString());
    case 'sent':
      return t('opt_log_sent');
    case 'failed':
      return `${t('opt_log_failed')}: ${entry.error}`;
    case 'unknown':
      return t('opt_log_unknown');
  }
}

export function LogSection({ connection, events }: { connection: WorkerConnection; events: WorkerEvents }) {
  const [entries, setEntries] = useState<LedgerEntry[] | undefined>();
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState('');

  const load = async () => {
    setError('');
    try {
      const { entries: list } = await connection.request('autoReplyLog', { limit: LIMIT });
      setEntries([...list].sort(newestFirst));
      const contacts = await allContacts().catch(() => []);
      setNames(new Map(contacts.map((c) => [`${c.accountId}|${c.id}`, c.remark || c.name])));
    } catch (e) {
      setError(errorText(e));
    }
  };
  useEffect(() => {
    void load();
    return events.subscribe((event) => {
      if (event.type === 'autoReply') setEntries((list) => upsert(list ?? [], event.entry));
      if (event.type === 'historyCleared') void load();
    });
    // load only reads connection, which never changes for a page
  }, [connection, events]);

  return (
    <section id="log" aria-labelledby="log-title" class="section">
      <h2 id="log-title">{t('opt_log')}</h2>
      <p class="hint">{t('opt_logUnknownHint')}</p>
      <div class="actions">
        <button type="button" onClick={() => void load()}>
          {t('opt_refresh')}
        </button>
      </div>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {entries && entries.length === 0 && <p class="muted">{t('opt_logEmpty')}</p>}
      {entries && entries.length > 0 && (
        <div class="table-wrap">
          <table class="log">
            <caption class="visually-hidden">{t('opt_log')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('opt_col_time')}</th>
                <th scope="col">{t('service')}</th>
                <th scope="col">{t('opt_col_contact')}</th>
                <th scope="col">{t('opt_col_rule')}</th>
                <th scope="col">{t('opt_col_text')}</th>
                <th scope="col">{t('opt_col_state')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.key} class={`log-${e.state}`}>
                  <td>{new Date(e.decidedAt).toLocaleString()}</td>
                  <td>{t(`service_${e.service}`)}</td>
                  <td>{names.get(`${e.accountId}|${e.peerId}`) ?? e.peerId}</td>
                  <td>{e.ruleName}</td>
                  <td class="log-text">{e.text}</td>
                  <td>{outcome(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
