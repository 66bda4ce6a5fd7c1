// Timing inside the service worker without touching the extension's code: a wrapper around
// IDBDatabase.prototype.transaction (installed from the benchmark through worker.evaluate) notes
// when each transaction commits, in the worker's own performance.now() clock. Two kinds matter:
//   persist: the inbox transaction that stores a batch (messages + replyQueue, no kv)
//   decide:  the auto-replier's pass commit (replyQueue + kv: history, plans and claims together;
//            one pass may decide a whole batch, so "all decided" is read from the queue itself)
// Fetch times come from the worker's Resource Timing entries (e.g. the webwxsync that brought a burst).
import type { Worker } from '@playwright/test';

export interface WorkerTimes {
  /** Commit times of persist / decide transactions since the reset, in order. */
  persists: number[];
  decides: number[];
  /** When each persist / decide transaction was opened (same order as the commits). */
  persistOpens: number[];
  decideOpens: number[];
  /** The worker's fetches since the reset (Resource Timing), in the worker's clock. */
  fetches: Array<{ path: string; start: number; responseEnd: number; bytes: number }>;
}

interface ProbeState {
  persists: number[];
  decides: number[];
  persistOpens: number[];
  decideOpens: number[];
}

/** Install once per worker life; safe to call again. */
export async function installWorkerProbe(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const scope = globalThis as unknown as { __benchIdb?: ProbeState };
    if (scope.__benchIdb) return;
    const state: ProbeState = { persists: [], decides: [], persistOpens: [], decideOpens: [] };
    scope.__benchIdb = state;
    const original = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      const tx = original.apply(this, args);
      const names = Array.from(tx.objectStoreNames);
      if (tx.mode === 'readwrite' && names.includes('replyQueue')) {
        const decide = names.includes('kv');
        const persist = !decide && names.includes('messages');
        if (persist || decide) {
          (persist ? state.persistOpens : state.decideOpens).push(performance.now());
          tx.addEventListener('complete', () => (persist ? state.persists : state.decides).push(performance.now()));
        }
      }
      return tx;
    } as IDBDatabase['transaction'];
    performance.setResourceTimingBufferSize(5000);
  });
}

export async function resetWorkerProbe(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const state = (globalThis as unknown as { __benchIdb?: ProbeState }).__benchIdb;
    if (state) Object.assign(state, { persists: [], decides: [], persistOpens: [], decideOpens: [] });
    performance.clearResourceTimings();
  });
}

export async function readWorkerProbe(worker: Worker): Promise<WorkerTimes> {
  return worker.evaluate(() => {
    const state = (globalThis as unknown as { __benchIdb?: ProbeState }).__benchIdb ?? { persists: [], decides: [], persistOpens: [], decideOpens: [] };
    const fetches = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({
      path: new URL(e.name).pathname,
      start: e.startTime,
      responseEnd: e.responseEnd,
      bytes: e.decodedBodySize,
    }));
    return { ...state, fetches };
  });
}

/** Queued messages still waiting for their decision (no plan yet). */
export async function undecidedCount(worker: Worker): Promise<number> {
  return worker.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('switchboard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('replyQueue', 'readonly').objectStore('replyQueue').getAll();
          request.onsuccess = () => {
            db.close();
            resolve((request.result as { plan?: unknown }[]).filter((item) => !item.plan).length);
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/** Count the records of an object store in the extension's database. */
export async function storeCount(worker: Worker, store: string): Promise<number> {
  return worker.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('switchboard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(name, 'readonly').objectStore(name).count();
          request.onsuccess = () => {
            db.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}

/** Empty an object store (the benchmark's own clean-up between runs, never inside a measurement). */
export async function clearStore(worker: Worker, store: string): Promise<void> {
  await worker.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('switchboard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(name, 'readwrite');
          tx.objectStore(name).clear();
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    store,
  );
}
