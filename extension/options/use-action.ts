// Fire a worker request from a button and report its outcome in one place (a status line), so
// every section shows refusals the same way.
import { useCallback, useState } from 'preact/hooks';
import type { RequestPayload, RequestType } from '../shared/messages.ts';
import type { WorkerConnection } from '../ui/connection.ts';
import { errorText } from '../ui/format.ts';

/** Resolves true when the worker accepted the request; a refusal becomes the section's error. */
export type Act = <T extends RequestType>(type: T, payload: RequestPayload<T>) => Promise<boolean>;

export function useAction(connection: WorkerConnection): { act: Act; error: string; clearError: () => void } {
  const [error, setError] = useState('');
  const act = useCallback<Act>(
    async (type, payload) => {
      setError('');
      try {
        await connection.request(type, payload);
        return true;
      } catch (e) {
        setError(errorText(e));
        return false;
      }
    },
    [connection],
  );
  return { act, error, clearError: () => setError('') };
}
