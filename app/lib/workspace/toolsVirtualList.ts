/** The rows a virtualised list puts in the DOM, and where. */
export interface VirtualWindow {
  /** First row drawn (inclusive) and last (exclusive). */
  start: number;
  end: number;
  /** Pixels above the first drawn row (the spacer that keeps the scrollbar honest). */
  offset: number;
  /** Height of every row together, in pixels. */
  total: number;
}

/**
 * Which rows of a fixed-height list are visible in its scrolled viewport, plus `overscan` rows each side so a fast
 * scroll does not show blank space before the next frame. Only these rows are rendered: 10k rows cost the same as 30.
 *
 * @param count rows in the list
 * @param rowHeight pixels per row (> 0)
 * @param scrollTop the viewport's scroll offset
 * @param viewport the viewport's height in pixels
 * @param overscan extra rows drawn above and below
 * @example virtualWindow(10_000, 28, 2800, 400, 5) // { start: 95, end: 120, offset: 2660, total: 280000 }
 */
export function virtualWindow(
  count: number,
  rowHeight: number,
  scrollTop: number,
  viewport: number,
  overscan = 6,
): VirtualWindow {
  const total = count * rowHeight;
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, offset: 0, total: Math.max(0, total) };
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, total - viewport));
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + Math.max(0, viewport)) / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, last + overscan);
  return { start, end, offset: start * rowHeight, total };
}
