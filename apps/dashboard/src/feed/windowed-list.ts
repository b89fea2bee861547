/**
 * Fixed-height windowing: only the rows in (or near) the viewport are in the DOM, so a feed
 * of a thousand mentions costs the same to render as one of thirty.
 */

export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  count: number;
  /** Extra rows rendered above and below so fast scrolling does not show blanks. */
  overscan?: number;
}

export interface WindowRange {
  /** First rendered index (inclusive). */
  start: number;
  /** Last rendered index (exclusive). */
  end: number;
  /** Where the first rendered row sits, in px from the top of the list. */
  offsetTop: number;
  /** Height of the whole list, so the scrollbar is honest. */
  totalHeight: number;
}

export function visibleRange({ scrollTop, viewportHeight, rowHeight, count, overscan = 4 }: WindowInput): WindowRange {
  const totalHeight = Math.max(0, count * rowHeight);
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, offsetTop: 0, totalHeight };
  // The browser can report a scrollTop past the end for a frame after the list shrinks.
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, totalHeight - viewportHeight));
  const first = Math.floor(top / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end, offsetTop: start * rowHeight, totalHeight };
}

/**
 * New mentions go on top. A reader scrolled down into the list must not see it jump, so
 * their scroll position moves down by what was added; at the very top it stays 0 and the
 * newest mentions slide into view.
 */
export function scrollAfterPrepend(scrollTop: number, added: number, rowHeight: number): number {
  if (scrollTop <= 0 || added <= 0) return scrollTop;
  return scrollTop + added * rowHeight;
}

/** Scroll position that brings row `index` fully into view, or the current one if it already is. */
export function scrollToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  if (rowTop < scrollTop) return rowTop;
  if (rowBottom > scrollTop + viewportHeight) return Math.max(0, rowBottom - viewportHeight);
  return scrollTop;
}
