// Diagnostics: per account its state and reason, and the recent protocol surprises with the raw
// bodies that caused them, shown in <pre> as text (they are server data, possibly hostile), and a
// copy-to-clipboard report for bug reports.
import { useEffect, useState } from 'preact/hooks';
import type { Account, AccountState } from '../shared/domain.ts';
import type { DiagnosticEntry } from '../shared/messages.ts';
import type { WorkerConnection } from '../ui/connection.ts';
import { t } from '../ui/i18n.ts';
import type { UiStore } from '../ui/store.ts';
import { useStore } from '../ui/use-store.ts';
import { accountTitle } from './account-item.tsx';
import { errorText } from '../ui/format.ts';

/** Raw bodies can be megabytes; the page shows (and copies) this much of each. */
const RAW_SHOWN = 4000;

export function reportText(account: Account, state: AccountState | undefined, entries: DiagnosticEntry[]): string {
  const head = [
    `${account.service} ${account.label} (${account.id})`,
    `state: ${state?.status ?? 'signedOut'}${state?.code ? ` [${state.code}]` : ''}${state?.reason ? ` — ${state.reason}` : ''}`,
  ];
  const body = entries.map((e) => `${new Date(e.at).toISOString()} ${e.level} ${e.what}${e.raw ? `\n${e.raw.slice(0, RAW_SHOWN)}` : ''}`);
  return [...head, '', ...body].join('\n');
}

function AccountDiagnostics({ account, state, entries }: { account: Account; state: AccountState | undefined; entries: DiagnosticEntry[] }) {
  const [copied, setCopied] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(reportText(account, state, entries));
      setCopied(t('opt_copied'));
    } catch (e) {
      setCopied(`${t('opt_copyFailed')}: ${errorText(e)}`);
    }
  };
  const headingId = `diag-${account.id.replace(/[^a-z0-9]/gi, '-')}`;
  return (
    <article class="card diag" aria-labelledby={headingId} data-account={account.id}>
      <h3 id={headingId}>
        <span class={`service service-${account.service}`}>{t(`service_${account.service}`)}</span> {accountTitle(account)}
      </h3>
      <p>
        {t('opt_state')}: {t(`status_${state?.status ?? 'signedOut'}`)}
        {state?.code ? ` [${state.code}]` : ''}
        {state?.reason ? ` — ${state.reason}` : ''}
        {state?.since ? ` (${t('opt_since', new Date(state.since).toLocaleString())})` : ''}
      </p>
      {entries.length === 0 ? (
        <p class="muted">{t('opt_noDiagnostics')}</p>
      ) : (
        <ol class="diag-entries" aria-label={t('opt_recentErrors')}>
          {entries.map((e, i) => (
            <li key={`${e.at}-${i}`} class={`diag-${e.level}`}>
              <p>
                <time dateTime={new Date(e.at).toISOString()}>{new Date(e.at).toLocaleString()}</time> · {e.level} · {e.what}
              </p>
              {e.raw !== undefined && <pre class="raw">{e.raw.length > RAW_SHOWN ? `${e.raw.slice(0, RAW_SHOWN)}…` : e.raw}</pre>}
            </li>
          ))}
        </ol>
      )}
      <div class="actions">
        <button type="button" onClick={() => void copy()}>
          {t('opt_copyReport')}
        </button>
        <span role="status" class="status-line">
          {copied}
        </span>
      </div>
    </article>
  );
}

export function DiagnosticsSection({ store, connection }: { store: UiStore; connection: WorkerConnection }) {
  const accounts = useStore(store, (s) => s.accounts);
  const states = useStore(store, (s) => s.states);
  const [entries, setEntries] = useState<DiagnosticEntry[]>([]);
  const [error, setError] = useState('');
  const load = async () => {
    setError('');
    try {
      const answer = await connection.request('diagnostics', {});
      setEntries([...answer.entries].sort((a, b) => b.at - a.at));
    } catch (e) {
      setError(errorText(e));
    }
  };
  // A state change is when new entries are most likely; reloading then keeps the view current.
  useEffect(() => {
    void load();
  }, [connection, states]);
  return (
    <section id="diagnostics" aria-labelledby="diagnostics-title" class="section">
      <h2 id="diagnostics-title">{t('opt_diagnostics')}</h2>
      <p class="hint">{t('opt_diagnosticsHint')}</p>
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
      {accounts.length === 0 && <p class="muted">{t('opt_noAccounts')}</p>}
      {accounts.map((account) => (
        <AccountDiagnostics key={account.id} account={account} state={states[account.id]} entries={entries.filter((e) => e.accountId === account.id)} />
      ))}
    </section>
  );
}
