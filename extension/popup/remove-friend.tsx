// "Remove friend" (QQ DelFromList) with a confirmation step: the first button only asks, the
// second one removes. Focus moves to the safe choice (Cancel) when the question appears, and to
// the result once the friend is gone (the buttons that had it are gone too).
import { useEffect, useRef, useState } from 'preact/hooks';
import { RequestError, type WorkerConnection } from '../ui/connection.ts';
import { t } from '../ui/i18n.ts';

type Step = 'idle' | 'confirm' | 'removing' | 'removed';

export function RemoveFriend({ accountId, peerId, name, connection }: { accountId: string; peerId: string; name: string; connection: WorkerConnection }) {
  const [step, setStep] = useState<Step>('idle');
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const cancelRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (step === 'confirm') cancelRef.current?.focus();
    else if (step === 'idle' && wasConfirming.current) askRef.current?.focus();
    else if (step === 'removed') resultRef.current?.focus();
    wasConfirming.current = step === 'confirm' || step === 'removing';
  }, [step]);

  const remove = async () => {
    if (step === 'removing') return;
    setStep('removing');
    setError('');
    try {
      const answer = await connection.request('accountCommand', { accountId, command: { kind: 'removeFriend', peerId } });
      setDone(answer.message || t('pop_removed', name));
      setStep('removed');
    } catch (e) {
      setError(e instanceof RequestError ? e.message : String(e));
      setStep('idle');
    }
  };

  return (
    <div class="remove-friend">
      {step === 'idle' && (
        <button type="button" class="small danger" ref={askRef} onClick={() => setStep('confirm')}>
          {t('pop_removeFriend')}
        </button>
      )}
      {(step === 'confirm' || step === 'removing') && (
        <div class="confirm" role="group" aria-labelledby="remove-question">
          <p id="remove-question">{t('pop_removeConfirm', name)}</p>
          <button type="button" class="small danger" aria-disabled={step === 'removing'} onClick={() => void remove()}>
            {t('pop_removeYes')}
          </button>
          <button type="button" class="small" ref={cancelRef} aria-disabled={step === 'removing'} onClick={() => step === 'confirm' && setStep('idle')}>
            {t('pop_cancel')}
          </button>
        </div>
      )}
      <p class="result" role="status" tabIndex={-1} ref={resultRef}>
        {done}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
