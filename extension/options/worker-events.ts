// The options page's own subscription to worker events the shared page store does not keep
// (settings changed elsewhere, auto-reply ledger updates). One port for the page, fanned out.
import type { UiEvent } from '../shared/messages.ts';
import type { WorkerConnection } from '../ui/connection.ts';

export type EventListener = (event: UiEvent) => void;

export interface WorkerEvents {
  subscribe(listener: EventListener): () => void;
}

export function workerEvents(connection: WorkerConnection): WorkerEvents {
  const listeners = new Set<EventListener>();
  let stop: (() => void) | undefined;
  return {
    subscribe(listener) {
      listeners.add(listener);
      stop ??= connection.listen((event) => listeners.forEach((l) => l(event)));
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stop?.();
          stop = undefined;
        }
      };
    },
  };
}
