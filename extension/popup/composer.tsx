// The composer: Enter sends, Shift+Enter is a new line, Enter while an IME is composing (pinyin
// input) only confirms the composition. Attachments travel to the worker as base64.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../ui/i18n.ts';
import { PaperclipIcon } from '../ui/icons.tsx';

export interface Attachment {
  kind: 'image' | 'file';
  name: string;
  mime: string;
  base64: string;
}

export interface ComposerProps {
  canAttach: boolean;
  /** Focus the text box when the conversation opens (keyboard users land where they type). */
  autoFocus?: boolean;
  onSend: (text: string) => Promise<void>;
  onAttach: (file: Attachment) => Promise<void>;
  onError: (error: unknown) => void;
}

/** WeChat Web refuses files over 25 MB; the request schema allows 40 MB of base64. */
export const MAX_ATTACHMENT = 25 * 1024 * 1024;

export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function Composer({ canAttach, autoFocus = false, onSend, onAttach, onError }: ComposerProps) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);

  const send = async () => {
    const value = text;
    if (!value.trim() || busy) return;
    setText('');
    try {
      await onSend(value);
    } catch (error) {
      // Refused before it was stored (e.g. too long): give the text back.
      setText(value);
      onError(error);
    }
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    void send();
  };

  const onPick = async () => {
    const file = picker.current?.files?.[0];
    if (picker.current) picker.current.value = '';
    if (!file) return;
    if (file.size > MAX_ATTACHMENT) return onError(new Error(t('pop_fileTooBig')));
    setBusy(true);
    try {
      const base64 = await readAsBase64(file);
      await onAttach({ kind: file.type.startsWith('image/') ? 'image' : 'file', name: file.name || 'file', mime: file.type || 'application/octet-stream', base64 });
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="composer"
      aria-label={t('pop_composer')}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {canAttach && (
        <>
          <input ref={picker} type="file" class="visually-hidden" tabIndex={-1} aria-hidden="true" onChange={() => void onPick()} />
          <button type="button" class="icon" onClick={() => picker.current?.click()} aria-label={t('pop_attach')} title={t('pop_attach')} disabled={busy}>
            <PaperclipIcon />
          </button>
        </>
      )}
      <textarea
        ref={input}
        rows={2}
        value={text}
        aria-label={t('pop_messageInput')}
        placeholder={t('pop_messagePlaceholder')}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        onKeyDown={onKeyDown}
        maxLength={20000}
      />
      <button type="submit" class="primary" disabled={!text.trim() || busy}>
        {t('pop_send')}
      </button>
    </form>
  );
}
