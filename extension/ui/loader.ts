// A memoized dynamic import: one request however many callers, the value kept once loaded, and a
// retry after a failure. No dependencies, so the first frame can use it without pulling code in.

export interface Loader<T> {
  /** Start loading (once); resolves when the value can be used. */
  preload(): Promise<T>;
  /** The value once loaded. */
  current(): T | undefined;
}

export function loader<T>(load: () => Promise<T>): Loader<T> {
  let value: T | undefined;
  let pending: Promise<T> | undefined;
  return {
    preload() {
      pending ??= load().then(
        (loaded) => (value = loaded),
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      );
      return pending;
    },
    current: () => value,
  };
}
