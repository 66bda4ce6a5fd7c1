// A modal confirmation built on <dialog>: focus moves into it, Escape cancels, and it is a real
// dialog to assistive technology. Used before removing an account or clearing history.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../ui/i18n.ts';

export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
}

export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest | undefined; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (request && !dialog.open) dialog.showModal();
    if (!request && dialog.open) dialog.close();
  }, [request]);
  return (
    <dialog ref={ref} class="confirm" aria-labelledby="confirm-title" aria-describedby="confirm-body" onClose={onClose}>
      {request && (
        <div>
          <h2 id="confirm-title">{request.title}</h2>
          <p id="confirm-body">{request.body}</p>
          <div class="actions">
            <button type="button" autoFocus onClick={onClose}>
              {t('opt_cancel')}
            </button>
            <button
              type="button"
              class="danger"
              onClick={() => {
                request.onConfirm();
                onClose();
              }}
            >
              {request.confirmLabel}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
