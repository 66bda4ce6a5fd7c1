// Re-render a component only when one of its props changed by identity (a shallow compare), like
// preact/compat's `memo` without putting compat in the page's first chunk. The rule list uses it so
// a keystroke in one rule re-renders that rule's card, not all 500.
import { Component, h, type ComponentType, type FunctionComponent } from 'preact';

export function shallowDiffers(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const key in x) if (!(key in y) || x[key] !== y[key]) return true;
  for (const key in y) if (!(key in x)) return true;
  return false;
}

export function pure<P extends object>(render: FunctionComponent<P>): ComponentType<P> {
  class Pure extends Component<P> {
    override shouldComponentUpdate(next: Readonly<P>): boolean {
      return shallowDiffers(this.props, next);
    }
    override render() {
      return h(render, this.props);
    }
  }
  return Pure;
}
