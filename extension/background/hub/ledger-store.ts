// The auto-reply ledger in IndexedDB. `add` uses the store's insert-only add: of two handlers
// racing for one incoming message, exactly one wins (invariant 3).
import type { Db } from '../../shared/db.ts';
import type { LedgerEntry, LedgerState, LedgerStore } from '../autoreply/ledger.ts';

export function idbLedgerStore(db: Db): LedgerStore {
  return {
    get: (key) => db.get('ledger', key),
    async add(entry) {
      try {
        await db.add('ledger', entry);
        return true;
      } catch (error) {
        if (error instanceof DOMException && error.name === 'ConstraintError') return false;
        throw error;
      }
    },
    async put(entry) {
      await db.put('ledger', entry);
    },
    async list(state?: LedgerState) {
      const all: LedgerEntry[] = await db.getAll('ledger');
      return state ? all.filter((e) => e.state === state) : all;
    },
    async delete(keys) {
      const tx = db.transaction('ledger', 'readwrite');
      for (const key of keys) await tx.store.delete(key);
      await tx.done;
    },
  };
}
