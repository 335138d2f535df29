// The window math of the catalogue list: rows have one fixed height, so which rows are on
// screen and which pages of rows to fetch follow from the scroll position alone.

export interface RowRange {
  /** The first row to render. */
  start: number;
  /** One past the last row to render. */
  end: number;
}

function clampCount(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/**
 * The rows intersecting the viewport, plus `overscan` rows on each side, clamped to the
 * list. Only these rows are put in the DOM.
 */
export function visibleRows(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan = 0,
): RowRange {
  const count = clampCount(total);
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop);
  const height = Math.max(0, viewportHeight);
  const first = Math.min(count - 1, Math.floor(top / rowHeight));
  const last = Math.min(count, Math.ceil((top + height) / rowHeight));
  return {
    start: Math.max(0, first - Math.max(0, overscan)),
    end: Math.min(count, Math.max(first + 1, last) + Math.max(0, overscan)),
  };
}

/** The page holding row `index`. */
export function pageOf(index: number, pageSize: number): number {
  return Math.floor(index / pageSize);
}

/**
 * The pages to have in memory for a scroll position: those intersecting the viewport and
 * `margin` pages before and after, clamped to the pages that exist. When the total is not
 * known yet, the first page (it tells the total).
 */
export function pagesToFetch(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number | null,
  pageSize: number,
  margin = 1,
): number[] {
  if (total === null) return [0];
  const count = clampCount(total);
  if (count === 0) return [];
  const rows = visibleRows(scrollTop, viewportHeight, rowHeight, count);
  const lastPage = pageOf(count - 1, pageSize);
  const from = Math.max(0, pageOf(rows.start, pageSize) - margin);
  const to = Math.min(lastPage, pageOf(Math.max(rows.start, rows.end - 1), pageSize) + margin);
  const pages: number[] = [];
  for (let page = from; page <= to; page++) pages.push(page);
  return pages;
}

/** The scroll position that brings row `index` fully into view, moving as little as possible. */
export function revealRow(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** The scroll position that puts row `index` near the middle of the viewport (after a jump). */
export function centreRow(index: number, viewportHeight: number, rowHeight: number, total: number): number {
  const max = Math.max(0, total * rowHeight - viewportHeight);
  return Math.min(max, Math.max(0, index * rowHeight - (viewportHeight - rowHeight) / 2));
}

/** How many whole rows fit in the viewport (for Page Up / Page Down), at least one. */
export function rowsPerPage(viewportHeight: number, rowHeight: number): number {
  return Math.max(1, Math.floor(viewportHeight / rowHeight));
}

/**
 * Browsers cap an element's height (WebKit near 33 million pixels), so for very long lists
 * the scrollable spacer is made shorter than the content and positions are mapped between
 * the two. With `maxHeight` or less of content the mapping is the identity.
 */
export function spacerHeight(contentHeight: number, maxHeight: number): number {
  return Math.max(0, Math.min(contentHeight, maxHeight));
}

/** The content position shown when the spacer is scrolled to `domTop`. */
export function toContentTop(domTop: number, contentHeight: number, domHeight: number, viewportHeight: number): number {
  if (domHeight >= contentHeight || domHeight <= viewportHeight) return domTop;
  return (domTop * (contentHeight - viewportHeight)) / (domHeight - viewportHeight);
}

/** The spacer's scroll position that shows content position `contentTop`. */
export function toDomTop(contentTop: number, contentHeight: number, domHeight: number, viewportHeight: number): number {
  if (domHeight >= contentHeight || domHeight <= viewportHeight) return contentTop;
  return (contentTop * (domHeight - viewportHeight)) / (contentHeight - viewportHeight);
}
