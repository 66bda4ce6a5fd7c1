// A QQ account's own status (Change_Stat): online, busy or offline. QQ's interface has no "away"
// (the worker refuses it), so it is not offered. The account state does not carry our own status,
// so the last value the user chose is kept here; the chip shows this only while the account is
// online, and a fresh sign-in (a new mount) starts online again, as QQ's Login does.
import { useRef, useState } from 'preact/hooks';
import type { Account, Presence } from '../shared/domain.ts';
import { RequestError, type WorkerConnection } from './connection.ts';
import { t } from './i18n.ts';

export const QQ_PRESENCES = ['online', 'busy', 'offline'] as const satisfies readonly Presence[];
type QqPresence = (typeof QQ_PRESENCES)[number];

export interface PresenceSelectProps {
  account: Account;
  connection: WorkerConnection;
  /** The worker's answer (or its refusal) for the chip to show under its line; undefined clears it. */
  onResult: (result: { ok: boolean; text: string } | undefined) => void;
}

export function PresenceSelect({ account, connection, onResult }: PresenceSelectProps) {
  const [value, setValue] = useState<QqPresence>('online');
  const [busy, setBusy] = useState(false);
  // What QQ last accepted, and the newest request: arrow keys on a closed select fire one change
  // per press, and only the last answer may decide what the select shows.
  const confirmed = useRef<QqPresence>('online');
  const latest = useRef(0);

  // Not disabled while busy: a disabled select drops the keyboard focus.
  const change = async (next: QqPresence) => {
    const seq = ++latest.current;
    setValue(next);
    setBusy(true);
    onResult(undefined);
    try {
      const answer = await connection.request('accountCommand', { accountId: account.id, command: { kind: 'setPresence', presence: next } });
      confirmed.current = next;
      if (seq === latest.current) onResult({ ok: true, text: answer.message || t('pop_presenceSet', t(`pop_setPresence_${next}`)) });
    } catch (error) {
      if (seq === latest.current) {
        setValue(confirmed.current);
        onResult({ ok: false, text: error instanceof RequestError ? error.message : String(error) });
      }
    } finally {
      if (seq === latest.current) setBusy(false);
    }
  };

  return (
    <select
      class="presence-select"
      value={value}
      aria-busy={busy}
      aria-label={t('pop_presenceLabel', account.label)}
      onChange={(e) => void change((e.currentTarget as HTMLSelectElement).value as QqPresence)}
    >
      {QQ_PRESENCES.map((p) => (
        <option key={p} value={p}>
          {t(`pop_setPresence_${p}`)}
        </option>
      ))}
    </select>
  );
}
