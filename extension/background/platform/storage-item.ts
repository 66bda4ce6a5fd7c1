// Typed storage items: each key is declared once, with its area and default together.
// The storage area is injected so the same items run in the worker, in pages, and in unit tests.

export interface StorageAreaLike {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface StorageItem<T> {
  readonly key: string;
  get(): Promise<T>;
  set(value: T): Promise<void>;
  /** Read, change, write. Not atomic across contexts: only the worker writes live state (design §2). */
  update(change: (current: T) => T): Promise<T>;
  remove(): Promise<void>;
}

export function storageItem<T>(area: () => StorageAreaLike, key: string, fallback: () => T): StorageItem<T> {
  return {
    key,
    async get() {
      const found = await area().get(key);
      return key in found ? (found[key] as T) : fallback();
    },
    async set(value) {
      await area().set({ [key]: value });
    },
    async update(change) {
      const next = change(await this.get());
      await this.set(next);
      return next;
    },
    async remove() {
      await area().remove(key);
    },
  };
}

/**
 * The same item, read from storage once and then from memory. Only for keys this context alone
 * writes (the worker is the only writer of live state and settings, design §2): every write goes
 * through the wrapper, so the copy is always current. Values are shared, so treat them as
 * immutable (every update here builds a new value).
 */
export function memoizedItem<T>(item: StorageItem<T>): StorageItem<T> {
  let current: Promise<T> | undefined;
  return {
    key: item.key,
    get: () => (current ??= item.get()),
    async set(value) {
      current = Promise.resolve(value);
      await item.set(value);
    },
    async update(change) {
      const next = change(await this.get());
      await this.set(next);
      return next;
    },
    async remove() {
      current = undefined;
      await item.remove();
    },
  };
}

/** An in-memory area for tests and for pages that run without the extension. */
export function memoryArea(initial: Record<string, unknown> = {}): StorageAreaLike & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = structuredClone(initial);
  return {
    data,
    async get(keys) {
      const out: Record<string, unknown> = {};
      for (const key of Array.isArray(keys) ? keys : [keys]) if (key in data) out[key] = structuredClone(data[key]);
      return out;
    },
    async set(items) {
      for (const [key, value] of Object.entries(items)) data[key] = structuredClone(value);
    },
    async remove(keys) {
      for (const key of Array.isArray(keys) ? keys : [keys]) delete data[key];
    },
  };
}
