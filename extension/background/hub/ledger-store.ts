// The auto-reply ledger in IndexedDB, for recovery, outcomes, the log and pruning. Claims are
// written inside the transaction that decides them (hub/reply-decisions.ts, invariant 3), not
// through this store.
import type { Db } from '../../shared/db.ts';
import type { LedgerEntry, LedgerState, LedgerStore } from '../autoreply/ledger.ts';

export function idbLedgerStore(db: Db): LedgerStore {
  return {
    get: (key) => db.get('ledger', key),
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
