// The floor: what the network alone costs. Bare fetch round trips from the extension's own service
// worker to a mapped host of the simulator (the echo path every host answers), over the same
// kind of connection the protocol uses (https for WeChat, the Weibo IM host's scheme), with the
// same fetch options as extension/background/platform/http.ts. One reply needs a fixed number of
// round trips (WeChat: synccheck answer, webwxsync, webwxsendmsg = 3; Weibo: connect answer, the
// /im/req publish = 2), so the floor sample is the sum of that many consecutive round trips.
import type { Worker } from '@playwright/test';

export async function workerRoundTrips(worker: Worker, url: string, count: number, warmup = 10): Promise<number[]> {
  return worker.evaluate(
    async ([target, n, skip]) => {
      const out: number[] = [];
      for (let i = 0; i < n + skip; i += 1) {
        const start = performance.now();
        const response = await fetch(target, { credentials: 'include', cache: 'no-store' });
        await response.text();
        if (i >= skip) out.push(performance.now() - start);
      }
      return out;
    },
    [url, count, warmup] as const,
  );
}

export const HOPS = { wechat: 3, weibo: 2 } as const;

/**
 * One small IndexedDB write transaction, put to commit, in the worker (a scratch database of the
 * extension's origin, not the extension's own). At-most-once auto-reply needs at least one such
 * commit (the ledger claim) between a message and its reply, so it belongs next to the floor.
 */
export async function workerIdbCommits(worker: Worker, count: number): Promise<number[]> {
  return worker.evaluate(
    (n) =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open('switchboard-bench-probe', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('kv');
        open.onerror = () => reject(open.error);
        open.onsuccess = async () => {
          const db = open.result;
          const out: number[] = [];
          for (let i = 0; i < n; i += 1) {
            const start = performance.now();
            await new Promise<void>((done, fail) => {
              const tx = db.transaction('kv', 'readwrite');
              tx.objectStore('kv').put({ i, at: Date.now(), text: 'x'.repeat(200) }, 'probe');
              tx.oncomplete = () => done();
              tx.onerror = () => fail(tx.error);
            });
            out.push(performance.now() - start);
          }
          db.close();
          indexedDB.deleteDatabase('switchboard-bench-probe');
          resolve(out);
        };
      }),
    count,
  );
}
