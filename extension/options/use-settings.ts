// All settings as the worker has them: loaded once, then kept current by `settings` events
// (the popup's master switch, an import, another options tab).
import { useEffect, useState } from 'preact/hooks';
import type { AllSettings } from '../shared/messages.ts';
import type { WorkerConnection } from '../ui/connection.ts';
import type { WorkerEvents } from './worker-events.ts';

export type SettingsState = { kind: 'loading' } | { kind: 'failed'; error: string } | { kind: 'ready'; settings: AllSettings };

export function useSettings(connection: WorkerConnection, events: WorkerEvents): [SettingsState, (settings: AllSettings) => void] {
  const [state, setState] = useState<SettingsState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    const unsubscribe = events.subscribe((event) => {
      if (event.type === 'settings') setState({ kind: 'ready', settings: event.settings });
      // A new worker may hold settings written while we were disconnected.
      if (event.type === 'snapshot') void load();
    });
    const load = async () => {
      try {
        const settings = await connection.request('getSettings', {});
        if (live) setState({ kind: 'ready', settings });
      } catch (error) {
        if (live) setState((current) => (current.kind === 'ready' ? current : { kind: 'failed', error: String(error instanceof Error ? error.message : error) }));
      }
    };
    void load();
    return () => {
      live = false;
      unsubscribe();
    };
  }, [connection, events]);
  return [state, (settings) => setState({ kind: 'ready', settings })];
}
