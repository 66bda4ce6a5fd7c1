// The options page: accounts, auto-reply (rules, tester, log), notifications, data, diagnostics,
// one section each with an anchor, and a nav to jump between them.
import { useMemo, useState } from 'preact/hooks';
import type { WorkerConnection } from '../ui/connection.ts';
import { t } from '../ui/i18n.ts';
import type { UiStore } from '../ui/store.ts';
import { AccountsSection } from './accounts-section.tsx';
import { AutoReplySection } from './autoreply-section.tsx';
import { DataSection } from './data-section.tsx';
import { DiagnosticsSection } from './diagnostics-section.tsx';
import { LogSection } from './log-section.tsx';
import { NotificationsSection } from './notifications-section.tsx';
import { TesterSection } from './tester-section.tsx';
import { useSettings } from './use-settings.ts';
import { workerEvents } from './worker-events.ts';

const SECTIONS = [
  ['accounts', 'accounts'],
  ['autoreply', 'autoReply'],
  ['tester', 'opt_tester'],
  ['log', 'opt_log'],
  ['notifications', 'opt_notifications'],
  ['data', 'opt_data'],
  ['diagnostics', 'opt_diagnostics'],
] as const;

export function OptionsApp({ store, connection }: { store: UiStore; connection: WorkerConnection }) {
  const events = useMemo(() => workerEvents(connection), [connection]);
  const [settings, setSettings] = useSettings(connection, events);
  const [rulesDirty, setRulesDirty] = useState(false);
  return (
    <div class="options-page">
      <a class="skip-link" href="#main">
        {t('opt_skipToContent')}
      </a>
      <header class="bar options-bar">
        <h1>{t('extName')}</h1>
      </header>
      <div class="options-layout">
        <nav aria-label={t('opt_sections')} class="options-nav">
          <ul>
            {SECTIONS.map(([id, key]) => (
              <li key={id}>
                <a href={`#${id}`}>{t(key)}</a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" class="options-main" tabIndex={-1}>
          <AccountsSection store={store} connection={connection} />
          {settings.kind === 'ready' ? (
            <>
              <AutoReplySection connection={connection} settings={settings.settings} onSaved={setSettings} onDirty={setRulesDirty} />
              <TesterSection connection={connection} unsaved={rulesDirty} />
              <LogSection connection={connection} events={events} />
              <NotificationsSection connection={connection} settings={settings.settings} onSaved={setSettings} />
            </>
          ) : (
            <section id="autoreply" aria-labelledby="autoreply-title" class="section">
              <h2 id="autoreply-title">{t('autoReply')}</h2>
              {settings.kind === 'loading' ? (
                <p role="status">{t('connecting')}</p>
              ) : (
                <p role="alert" class="error">
                  {t('opt_settingsFailed')} {settings.error}
                </p>
              )}
            </section>
          )}
          <DataSection connection={connection} />
          <DiagnosticsSection store={store} connection={connection} />
        </main>
      </div>
    </div>
  );
}
