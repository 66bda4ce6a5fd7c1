// Read the extension's IndexedDB from one of its pages (tests only read; the worker writes).
import type { Page } from '@playwright/test';

export function readStore<T>(page: Page, store: 'messages' | 'conversations' | 'contacts' | 'ledger' | 'replyQueue'): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('switchboard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}

export type Ask = (type: string, payload: object) => Promise<{ ok: boolean; value?: unknown; error?: string }>;

/** Send a typed request to the worker from an extension page. */
export function asker(page: Page): Ask {
  return (type, payload) => page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const);
}
