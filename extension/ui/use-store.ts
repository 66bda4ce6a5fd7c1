// A tiny preact binding for vanilla zustand stores: re-render only when the selected slice changes.
import { useLayoutEffect, useState } from 'preact/hooks';
import type { StoreApi } from 'zustand/vanilla';

export function useStore<S, T>(store: StoreApi<S>, select: (state: S) => T): T {
  const [value, setValue] = useState(() => select(store.getState()));
  useLayoutEffect(() => {
    setValue(select(store.getState()));
    return store.subscribe((state) => {
      const next = select(state);
      setValue((current) => (Object.is(current, next) ? current : next));
    });
    // The selector is expected to be stable in meaning; re-subscribing on every render costs more.
  }, [store]);
  return value;
}
