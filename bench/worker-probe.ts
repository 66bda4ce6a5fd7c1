// Timing inside the service worker without touching the extension's code: wrappers around
// IDBObjectStore.prototype.add / getAll (installed from the benchmark through worker.evaluate)
// mark what each transaction does, and its commit is noted in the worker's own performance.now():
//   persist: a transaction that stored incoming messages (an `add` of a message with direction
//            'in'). The worker decides their auto-replies in that same transaction.
//   decide:  every persist, plus every auto-reply queue pass (a readwrite `getAll` of the queue):
//            a message stored without a decision is decided by a pass. "All decided" is read from
//            the queue itself (no undecided item left), the time from the last of these commits.
// Fetch times come from the worker's Resource Timing entries (e.g. the webwxsync that brought a burst).
import type { Worker } from '@playwright/test';

export interface WorkerTimes {
  /** Commit times of persist / decide transactions since the reset, in order. */
  persists: number[];
  decides: number[];
  /** When each persist transaction was opened (same order as `persists`). */
  persistOpens: number[];
  /** The worker's fetches since the reset (Resource Timing), in the worker's clock. */
  fetches: Array<{ path: string; start: number; responseEnd: number; bytes: number }>;
}

interface ProbeState {
  persists: number[];
  decides: number[];
  persistOpens: number[];
}

/** Install once per worker life; safe to call again. */
export async function installWorkerProbe(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const scope = globalThis as unknown as { __benchIdb?: ProbeState };
    if (scope.__benchIdb) return;
    const state: ProbeState = { persists: [], decides: [], persistOpens: [] };
    scope.__benchIdb = state;
    const opened = new WeakMap<IDBTransaction, number>();
    const kinds = new WeakMap<IDBTransaction, 'persist' | 'pass'>();
    // Assigned to a property, not bound to a name: the benchmark's TypeScript runner would wrap a
    // named function in a helper that does not exist inside the worker.
    const probe: { mark?: (tx: IDBTransaction, kind: 'persist' | 'pass') => void } = {};
    probe.mark = (tx, kind) => {
      if (kinds.has(tx)) return;
      kinds.set(tx, kind);
      const openedAt = opened.get(tx) ?? Number.NaN;
      if (kind === 'persist') state.persistOpens.push(openedAt);
      tx.addEventListener('complete', () => {
        const at = performance.now();
        if (kind === 'persist') state.persists.push(at);
        state.decides.push(at);
      });
    };
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      const tx = transaction.apply(this, args);
      if (tx.mode === 'readwrite') opened.set(tx, performance.now());
      return tx;
    } as IDBDatabase['transaction'];
    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      const value = args[0] as { direction?: unknown } | undefined;
      if (this.name === 'messages' && value?.direction === 'in') probe.mark?.(this.transaction, 'persist');
      return add.apply(this, args);
    } as IDBObjectStore['add'];
    const getAll = IDBObjectStore.prototype.getAll;
    IDBObjectStore.prototype.getAll = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['getAll']>) {
      if (this.name === 'replyQueue' && this.transaction.mode === 'readwrite') probe.mark?.(this.transaction, 'pass');
      return getAll.apply(this, args);
    } as IDBObjectStore['getAll'];
    performance.setResourceTimingBufferSize(5000);
  });
}

export async function resetWorkerProbe(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const state = (globalThis as unknown as { __benchIdb?: ProbeState }).__benchIdb;
    if (state) Object.assign(state, { persists: [], decides: [], persistOpens: [] });
    performance.clearResourceTimings();
  });
}

export async function readWorkerProbe(worker: Worker): Promise<WorkerTimes> {
  return worker.evaluate(() => {
    const state = (globalThis as unknown as { __benchIdb?: ProbeState }).__benchIdb ?? { persists: [], decides: [], persistOpens: [] };
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
