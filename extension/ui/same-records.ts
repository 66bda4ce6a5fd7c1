// Whether two lists of records read from IndexedDB hold the same data: a second read that changed
// nothing must not rebuild what was derived from the first (the contacts' search index).

/** Deep equality of structured-clone data: primitives, plain objects and arrays. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Same records in the same order. */
export function sameRecords(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (!sameValue(a[i], b[i])) return false;
  return true;
}
