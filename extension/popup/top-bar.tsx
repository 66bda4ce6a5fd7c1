// The bar every view keeps: the auto-reply master switch, mark all read, chat window, settings.
import browser from 'webextension-polyfill';
import { RequestError, type WorkerConnection } from '../ui/connection.ts';
import { t } from '../ui/i18n.ts';

export interface TopBarProps {
  connection: WorkerConnection;
  autoReplyEnabled: boolean | undefined;
  onAutoReplyChange: (enabled: boolean) => void;
  windowMode: boolean;
  onError: (message: string) => void;
}

export function TopBar({ connection, autoReplyEnabled, onAutoReplyChange, windowMode, onError }: TopBarProps) {
  const fail = (e: unknown) => onError(e instanceof RequestError ? e.message : String(e));
  const toggle = () => {
    if (autoReplyEnabled === undefined) return;
    const next = !autoReplyEnabled;
    onAutoReplyChange(next);
    connection.request('setAutoReplyEnabled', { enabled: next }).catch((e: unknown) => {
      onAutoReplyChange(!next);
      fail(e);
    });
  };
  const openWindow = async () => {
    await browser.tabs.create({ url: browser.runtime.getURL(`extension/popup/index.html?window=1${location.hash}`) });
    window.close();
  };
  return (
    <header class="bar top-bar">
      <h1>{t('extShortName')}</h1>
      <div class="top-actions">
        <button
          type="button"
          role="switch"
          class={`switch${autoReplyEnabled ? ' on' : ''}`}
          aria-checked={autoReplyEnabled === true}
          disabled={autoReplyEnabled === undefined}
          onClick={toggle}
          title={autoReplyEnabled ? t('pop_autoReplyOnHint') : t('pop_autoReplyOffHint')}
        >
          <span class="switch-track" aria-hidden="true">
            <span class="switch-thumb" />
          </span>
          {t('autoReply')}
        </button>
        <button type="button" class="small" onClick={() => connection.request('markAllRead', {}).catch(fail)}>
          {t('pop_markAllRead')}
        </button>
        {!windowMode && (
          <button type="button" class="icon" onClick={() => void openWindow()} aria-label={t('pop_openWindow')} title={t('pop_openWindow')}>
            ⤢
          </button>
        )}
        <button type="button" class="icon" onClick={() => void browser.runtime.openOptionsPage()} aria-label={t('openOptions')} title={t('openOptions')}>
          ⚙
        </button>
      </div>
    </header>
  );
}
