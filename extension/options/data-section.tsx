// Data: export settings and rules as a versioned JSON file, import one (the worker validates the
// whole file and imports nothing when anything is wrong), and clear the message history.
import { useState } from 'preact/hooks';
import type { WorkerConnection } from '../ui/connection.ts';
import { t } from '../ui/i18n.ts';
import { ConfirmDialog, type ConfirmRequest } from './confirm-dialog.tsx';
import { ErrorList } from './fields.tsx';
import { errorText } from '../ui/format.ts';

/** Hand a text to the browser as a download; the Blob URL lives only for the click. */
function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function DataSection({ connection }: { connection: WorkerConnection }) {
  const [status, setStatus] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [confirm, setConfirm] = useState<ConfirmRequest | undefined>();

  const run = async (action: () => Promise<string>) => {
    setStatus('');
    setErrors([]);
    try {
      setStatus(await action());
    } catch (e) {
      setErrors(errorText(e).split('\n').filter(Boolean));
    }
  };
  const exportData = () =>
    run(async () => {
      const { json, fileName } = await connection.request('exportData', {});
      download(json, fileName);
      return t('opt_exported', fileName);
    });
  const importFile = (file: File) =>
    run(async () => {
      const json = await file.text();
      const { rules, accounts } = await connection.request('importData', { json });
      return t('opt_imported', [String(rules), String(accounts)]);
    });

  return (
    <section id="data" aria-labelledby="data-title" class="section">
      <h2 id="data-title">{t('opt_data')}</h2>
      <div class="card">
        <p class="hint">{t('opt_exportHint')}</p>
        <div class="actions">
          <button type="button" onClick={() => void exportData()}>
            {t('opt_export')}
          </button>
        </div>
        <label class="field">
          <span>{t('opt_importFile')}</span>
          <input
            type="file"
            accept="application/json,.json"
            aria-describedby="import-hint"
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              const file = input.files?.[0];
              if (file) void importFile(file).finally(() => (input.value = ''));
            }}
          />
        </label>
        <small id="import-hint" class="hint">
          {t('opt_importHint')}
        </small>
      </div>
      <div class="card">
        <p class="hint">{t('opt_clearHint')}</p>
        <div class="actions">
          <button
            type="button"
            class="danger"
            onClick={() =>
              setConfirm({
                title: t('opt_clearTitle'),
                body: t('opt_clearBody'),
                confirmLabel: t('opt_clear'),
                onConfirm: () =>
                  void run(async () => {
                    await connection.request('clearHistory', {});
                    return t('opt_cleared');
                  }),
              })
            }
          >
            {t('opt_clear')}
          </button>
        </div>
      </div>
      <p role="status" class="status-line">
        {status}
      </p>
      <ErrorList title={t('opt_actionFailed')} errors={errors} />
      <ConfirmDialog request={confirm} onClose={() => setConfirm(undefined)} />
    </section>
  );
}
