// Components the first frame does not need, loaded from their chunk (a dynamic import) the first
// time they render or when `preload()` asks. Until the chunk is there they render nothing; once it
// is, they render synchronously, so a preloaded component never shows an empty frame.
// (preact/compat's lazy + Suspense would do the same at the price of compat in the first chunk.)
import { h, type ComponentType, type VNode } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import { loader } from './loader.ts';

export interface LazyComponent<P> {
  (props: P): VNode<P> | null;
  preload(): Promise<unknown>;
}

export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): LazyComponent<P> {
  const chunk = loader(load);
  function Lazy(props: P): VNode<P> | null {
    const loaded = chunk.current();
    const [, setLoaded] = useState(loaded !== undefined);
    useLayoutEffect(() => {
      if (loaded) return;
      let live = true;
      chunk.preload().then(
        () => live && setLoaded(true),
        // A chunk that cannot load (the extension was updated under an open page): nothing to show.
        (error: unknown) => console.error('Switchboard: a part of the page could not load', error),
      );
      return () => {
        live = false;
      };
    }, [loaded]);
    return loaded ? h(loaded, props) : null;
  }
  Lazy.preload = chunk.preload;
  return Lazy;
}
