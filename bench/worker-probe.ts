// Timing inside the service worker without touching the extension's code: a wrapper around
// IDBDatabase.prototype.transaction (installed from the benchmark through worker.evaluate) notes
// when each transaction commits, in the worker's own performance.now() clock. Two kinds matter:
//   persist: the inbox transaction that stores a batch (messages + conversations + replyQueue)
//   decide:  the auto-replier's decision commit (replyQueue + kv: history and plan together)
// Fetch times come from the worker's Resource Timing entries (e.g. the webwxsync that brought a burst).
import type { Worker } from '@playwright/test';

export interface WorkerTimes {
  /** Commit times of persist / decide transactions since the reset, in order. */
  persists: number[];
  decides: number[];
  /** The worker's fetches since the reset (Resource Timing), in the worker's clock. */
  fetches: Array<{ path: string; start: number; responseEnd: number; bytes: number }>;
}

interface ProbeState {
  persists: number[];
  decides: number[];
}

/** Install once per worker life; safe to call again. */
export async function installWorkerProbe(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const scope = globalThis as unknown as { __benchIdb?: ProbeState };
    if (scope.__benchIdb) return;
    const state: ProbeState = { persists: [], decides: [] };
    scope.__benchIdb = state;
    const original = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      const tx = original.apply(this, args);
      const names = Array.from(tx.objectStoreNames);
      if (tx.mode === 'readwrite' && names.includes('replyQueue')) {
        const persist = names.includes('messages');
        const decide = names.includes('kv');
        if (persist || decide) {
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
    if (state) Object.assign(state, { persists: [], decides: [] });
    performance.clearResourceTimings();
  });
}

export async function readWorkerProbe(worker: Worker): Promise<WorkerTimes> {
  return worker.evaluate(() => {
    const state = (globalThis as unknown as { __benchIdb?: ProbeState }).__benchIdb ?? { persists: [], decides: [] };
    const fetches = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({
      path: new URL(e.name).pathname,
      start: e.startTime,
      responseEnd: e.responseEnd,
      bytes: e.decodedBodySize,
    }));
    return { persists: state.persists, decides: state.decides, fetches };
  });
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
