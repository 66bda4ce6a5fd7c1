// A small windowing list: only the rows in view (plus a few) exist in the DOM, so 5,000 contacts
// cost what 20 do. Rows have one fixed height; the list is a listbox whose active row is announced
// through aria-activedescendant while focus stays on the list (or on a search box driving it).
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface VirtualListProps {
  id: string;
  count: number;
  rowHeight: number;
  /** Index of the highlighted row, or -1. */
  active: number;
  renderRow: (index: number) => ComponentChildren;
  /** Accessible name of the list. */
  label: string;
  onKeyDown?: (event: KeyboardEvent) => void;
  onActivate?: (index: number) => void;
  overscan?: number;
  class?: string;
  /** Extra keys the list understands (aria-keyshortcuts), e.g. `Alt+Enter`. */
  keyShortcuts?: string | undefined;
}

export const rowId = (listId: string, index: number) => `${listId}-row-${index}`;

/** Which rows to render for a viewport: pure, so it is tested without a browser. */
export function windowOf(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan: number): { start: number; end: number } {
  const first = Math.floor(scrollTop / rowHeight);
  const visible = Math.ceil(viewport / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end: Math.max(start, end) };
}

export function VirtualList(props: VirtualListProps) {
  const { id, count, rowHeight, active, renderRow, overscan = 6 } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setViewport(el.clientHeight || 600);
    const observer = new ResizeObserver(() => setViewport(el.clientHeight || 600));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Keep the active row in view (keyboard navigation), without jumping when it already is.
  useEffect(() => {
    const el = ref.current;
    if (!el || active < 0) return;
    const top = active * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
  }, [active, rowHeight]);

  const { start, end } = windowOf(scrollTop, viewport, rowHeight, count, overscan);
  const rows: ComponentChildren[] = [];
  for (let i = start; i < end; i++) {
    rows.push(
      <div
        key={i}
        id={rowId(id, i)}
        role="option"
        aria-selected={i === active}
        aria-setsize={count}
        aria-posinset={i + 1}
        class={`vrow${i === active ? ' active' : ''}`}
        style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }}
        onClick={() => props.onActivate?.(i)}
      >
        {renderRow(i)}
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      id={id}
      class={`vlist${props.class ? ` ${props.class}` : ''}`}
      role="listbox"
      tabIndex={0}
      aria-label={props.label}
      aria-keyshortcuts={props.keyShortcuts}
      aria-activedescendant={active >= start && active < end ? rowId(id, active) : undefined}
      onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
      onKeyDown={props.onKeyDown}
    >
      <div class="vspacer" style={{ height: `${count * rowHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}

/** Arrow keys, Home/End and Page keys over a list of `count` rows; Enter activates. */
export function listKeys(event: KeyboardEvent, count: number, active: number, pageSize: number, move: (index: number) => void, activate: (index: number) => void): boolean {
  const last = count - 1;
  let next: number;
  switch (event.key) {
    case 'ArrowDown':
      next = Math.min(last, active + 1);
      break;
    case 'ArrowUp':
      next = Math.max(0, active - 1);
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = last;
      break;
    case 'PageDown':
      next = Math.min(last, active + pageSize);
      break;
    case 'PageUp':
      next = Math.max(0, active - pageSize);
      break;
    case 'Enter':
      if (active >= 0 && active < count) activate(active);
      event.preventDefault();
      return true;
    default:
      return false;
  }
  event.preventDefault();
  if (count > 0) move(Math.max(0, next));
  return true;
}
