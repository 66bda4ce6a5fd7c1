// Notifications: on/off, privacy (sender only, never the text) and a do-not-disturb window.
// When the worker's settings change elsewhere, an untouched form follows them.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AllSettings } from '../shared/messages.ts';
import type { NotificationSettings } from '../shared/settings.ts';
import type { WorkerConnection } from '../ui/connection.ts';
import { t } from '../ui/i18n.ts';
import { Checkbox, Fieldset, TextField } from './fields.tsx';
import { userTimeZone } from './rule-schedule-fields.tsx';
import { errorText } from '../ui/format.ts';

export function NotificationsSection({ connection, settings, onSaved }: { connection: WorkerConnection; settings: AllSettings; onSaved: (settings: AllSettings) => void }) {
  const [value, setValue] = useState<NotificationSettings>(settings.notifications);
  const base = useRef(settings.notifications);
  useEffect(() => {
    const untouched = JSON.stringify(value) === JSON.stringify(base.current);
    base.current = settings.notifications;
    if (untouched) setValue(settings.notifications);
    // Only a change of the worker's settings matters here, not every keystroke.
  }, [settings.notifications]);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const dnd = value.doNotDisturb;
  const setDnd = (patch: Partial<NotificationSettings['doNotDisturb']>) => setValue({ ...value, doNotDisturb: { ...dnd, ...patch } });

  const save = async (event: Event) => {
    event.preventDefault();
    setError('');
    setStatus('');
    try {
      await connection.request('saveNotificationSettings', { settings: value });
      onSaved({ ...settings, notifications: value });
      setStatus(t('opt_saved'));
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section id="notifications" aria-labelledby="notifications-title" class="section">
      <h2 id="notifications-title">{t('opt_notifications')}</h2>
      <form class="card" aria-labelledby="notifications-title" onSubmit={(e) => void save(e)}>
        <Checkbox label={t('opt_notifyEnabled')} checked={value.enabled} onChange={(enabled) => setValue({ ...value, enabled })} />
        <Checkbox label={t('opt_privacy')} checked={value.privacy} onChange={(privacy) => setValue({ ...value, privacy })} />
        <p class="hint">{t('opt_privacyHint')}</p>
        <Fieldset legend={t('opt_dnd')} hint={t('opt_timeZone', userTimeZone())}>
          <Checkbox label={t('opt_dndEnabled')} checked={dnd.enabled} onChange={(enabled) => setDnd({ enabled })} />
          <TextField label={t('opt_from')} type="time" value={dnd.from} required onChange={(from) => setDnd({ from })} />
          <TextField label={t('opt_to')} type="time" value={dnd.to} required onChange={(to) => setDnd({ to })} />
        </Fieldset>
        <div class="actions">
          <button type="submit" class="primary">
            {t('opt_saveNotifications')}
          </button>
          <span role="status" class="status-line">
            {status}
          </span>
        </div>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
