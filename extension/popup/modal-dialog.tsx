// A modal dialog on the native <dialog> (focus kept inside, the page behind inert), labelled by
// its heading. Escape closes it without also leaving the conversation behind it, and focus goes
// back to where it was when the dialog opened.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../ui/i18n.ts';

export interface ModalDialogProps {
  /** Id of the heading; the dialog is labelled by it. */
  titleId: string;
  title: ComponentChildren;
  onClose: () => void;
  children: ComponentChildren;
  class?: string;
}

export function ModalDialog({ titleId, title, onClose, children, ...rest }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement;
    dialog.showModal();
    // The browser's own cancel (a close request not seen as a keydown) closes through us too.
    const onCancel = (event: Event) => {
      event.preventDefault();
      close.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    // Handled here: the page's own Escape (back to the list) must not run as well.
    event.preventDefault();
    event.stopPropagation();
    close.current();
  };

  return (
    <dialog ref={ref} class={`modal${rest.class ? ` ${rest.class}` : ''}`} aria-labelledby={titleId} onKeyDown={onKeyDown}>
      <header class="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" class="icon" onClick={() => close.current()} aria-label={t('pop_close')} title={t('pop_close')}>
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
}
