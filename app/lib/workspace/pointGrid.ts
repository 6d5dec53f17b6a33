/**
 * A uniform grid over 2-D points for nearest-point queries (the map's hover and click): each cell lists the points
 * inside it, so a query looks at the few cells around the pointer instead of every point. Built once per map in
 * O(n); a query costs the points of the cells within the search radius.
 */
export class PointGrid {
  private readonly minX: number;
  private readonly minY: number;
  private readonly cell: number;
  private readonly cols: number;
  private readonly rows: number;
  /** Cell c holds `items[start[c]..start[c + 1])` (compressed rows). */
  private readonly start: Int32Array;
  private readonly items: Int32Array;

  /**
   * @param x, y the points' coordinates (same length)
   * @param perCell about how many points a cell should hold on average
   */
  constructor(
    private readonly x: Float32Array,
    private readonly y: Float32Array,
    perCell = 4,
  ) {
    const n = x.length;
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, x[i]!);
      maxX = Math.max(maxX, x[i]!);
      minY = Math.min(minY, y[i]!);
      maxY = Math.max(maxY, y[i]!);
    }
    if (n === 0) minX = maxX = minY = maxY = 0;
    const width = Math.max(maxX - minX, 1e-9);
    const height = Math.max(maxY - minY, 1e-9);
    // Square cells sized so that the grid has about n / perCell of them over the points' bounding box.
    const cells = Math.max(1, Math.ceil(n / perCell));
    this.cell = Math.max(Math.sqrt((width * height) / cells), width / 4096, height / 4096);
    this.minX = minX;
    this.minY = minY;
    this.cols = Math.floor(width / this.cell) + 1;
    this.rows = Math.floor(height / this.cell) + 1;
    const counts = new Int32Array(this.cols * this.rows + 1);
    const cellOf = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = this.cellIndex(x[i]!, y[i]!);
      cellOf[i] = c;
      counts[c + 1]!++;
    }
    for (let c = 1; c < counts.length; c++) counts[c]! += counts[c - 1]!;
    this.start = counts;
    this.items = new Int32Array(n);
    const fill = counts.slice(0, -1);
    for (let i = 0; i < n; i++) this.items[fill[cellOf[i]!]!++] = i;
  }

  private col(px: number): number {
    return Math.min(this.cols - 1, Math.max(0, Math.floor((px - this.minX) / this.cell)));
  }

  private row(py: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((py - this.minY) / this.cell)));
  }

  private cellIndex(px: number, py: number): number {
    return this.row(py) * this.cols + this.col(px);
  }

  /**
   * The index of the point nearest to (px, py) within `maxDistance`, or -1.
   * @param accept skips points it refuses (e.g. points of a dimmed topic); all accepted by default
   * @example grid.nearest(0.5, 0.5, 0.1) // 17, or -1 when no point lies within 0.1
   */
  nearest(px: number, py: number, maxDistance: number, accept?: (index: number) => boolean): number {
    if (this.x.length === 0 || !(maxDistance >= 0)) return -1;
    const c0 = this.col(px);
    const r0 = this.row(py);
    const rings = Math.ceil(maxDistance / this.cell) + 1;
    let best = -1;
    let bestD2 = maxDistance * maxDistance;
    for (let ring = 0; ring <= rings; ring++) {
      for (let r = r0 - ring; r <= r0 + ring; r++) {
        if (r < 0 || r >= this.rows) continue;
        // Only the ring's border: inner cells were searched by earlier rings.
        const step = r === r0 - ring || r === r0 + ring ? 1 : Math.max(1, 2 * ring);
        for (let c = c0 - ring; c <= c0 + ring; c += step) {
          if (c < 0 || c >= this.cols) continue;
          const cell = r * this.cols + c;
          for (let k = this.start[cell]!; k < this.start[cell + 1]!; k++) {
            const i = this.items[k]!;
            const dx = this.x[i]! - px;
            const dy = this.y[i]! - py;
            const d2 = dx * dx + dy * dy;
            if (d2 <= bestD2 && (accept === undefined || accept(i))) {
              bestD2 = d2;
              best = i;
            }
          }
        }
      }
      // Points in further rings lie at least `ring` cells away along one axis (the query may sit outside the grid,
      // but then clamping only brings cells nearer).
      if (best >= 0 && Math.sqrt(bestD2) <= ring * this.cell) break;
    }
    return best;
  }
}
