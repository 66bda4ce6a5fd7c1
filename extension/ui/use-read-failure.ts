// A list read that can fail: why it failed (shown with a way to read again) and the attempt
// counter that a retry bumps, for the read effect's dependencies. The popup's inbox and contacts
// use it the same way.
import { useState } from 'preact/hooks';
import { errorText } from './format.ts';

export interface ReadFailure {
  /** Why the last read failed; undefined while reading or once read. */
  error: string | undefined;
  /** Bumped by `retry`: a dependency of the effect that reads. */
  attempt: number;
  failed(error: unknown): void;
  succeeded(): void;
  retry(): void;
}

export function useReadFailure(): ReadFailure {
  const [error, setError] = useState<string | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  return {
    error,
    attempt,
    failed: (failure) => setError(errorText(failure)),
    succeeded: () => setError(undefined),
    retry: () => {
      setError(undefined);
      setAttempt((n) => n + 1);
    },
  };
}
