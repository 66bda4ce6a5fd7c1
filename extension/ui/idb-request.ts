// One IndexedDB request as a promise, for the popup's first reads (plain IndexedDB: they run
// before idb and the rest of the app have loaded).
export function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}
