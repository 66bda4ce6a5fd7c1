// QQ password entry: only the MD5 digest leaves this page (the protocol logs in with it); the
// plain password lives in this form's state until submit and is then cleared.
import { useState } from 'preact/hooks';
import { md5 } from 'js-md5';
import { t } from '../ui/i18n.ts';
import { TextField } from './fields.tsx';

export function PasswordForm({ label, submitLabel, onSubmit }: { label: string; submitLabel: string; onSubmit: (passwordMd5: string) => Promise<void> }) {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!password) return;
    setBusy(true);
    try {
      await onSubmit(md5(password));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="inline-form" aria-label={label} onSubmit={(e) => void submit(e)}>
      <TextField label={t('password')} type="password" autoComplete="current-password" value={password} required onChange={setPassword} />
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
