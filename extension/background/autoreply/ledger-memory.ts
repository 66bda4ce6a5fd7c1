// An in-memory LedgerStore: for unit tests (here and in the worker) and the options-page tester.
import type { LedgerEntry, LedgerKey, LedgerState, LedgerStore } from './ledger.ts';

export function memoryLedgerStore(initial: readonly LedgerEntry[] = []): LedgerStore & { entries: Map<LedgerKey, LedgerEntry> } {
  const entries = new Map(initial.map((e) => [e.key, e] as const));
  return {
    entries,
    get: async (key) => entries.get(key),
    put: async (entry) => {
      entries.set(entry.key, entry);
    },
    list: async (state?: LedgerState) => [...entries.values()].filter((e) => state === undefined || e.state === state),
    delete: async (keys) => {
      for (const key of keys) entries.delete(key);
    },
  };
}
