/**
 * The k best (smallest distance, then smallest index) candidates of each of `rows` rows, kept as one bounded
 * max-heap per row in flat typed arrays, so a full scan allocates nothing per candidate.
 */
export class TopKRows {
  private readonly dist: Float64Array;
  private readonly idx: Int32Array;
  private readonly size: Int32Array;

  constructor(
    readonly rows: number,
    readonly k: number,
  ) {
    this.dist = new Float64Array(rows * k);
    this.idx = new Int32Array(rows * k);
    this.size = new Int32Array(rows);
  }

  /** Offers candidate `index` at distance `d` to `row`; kept when it beats the row's current k-th best. */
  push(row: number, d: number, index: number): void {
    const k = this.k;
    const base = row * k;
    const dist = this.dist;
    const idx = this.idx;
    const size = this.size[row]!;
    if (size < k) {
      // Sift the new leaf up.
      let c = size;
      while (c > 0) {
        const p = (c - 1) >> 1;
        const pd = dist[base + p]!;
        if (pd > d || (pd === d && idx[base + p]! > index)) break;
        dist[base + c] = pd;
        idx[base + c] = idx[base + p]!;
        c = p;
      }
      dist[base + c] = d;
      idx[base + c] = index;
      this.size[row] = size + 1;
      return;
    }
    const td = dist[base]!;
    if (d > td || (d === td && index >= idx[base]!)) return;
    // Replace the root (the worst kept) and sift down.
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      if (l >= k) break;
      let m = l;
      const r = l + 1;
      if (r < k) {
        const ld = dist[base + l]!;
        const rd = dist[base + r]!;
        if (rd > ld || (rd === ld && idx[base + r]! > idx[base + l]!)) m = r;
      }
      const md = dist[base + m]!;
      if (md < d || (md === d && idx[base + m]! < index)) break;
      dist[base + c] = md;
      idx[base + c] = idx[base + m]!;
      c = m;
    }
    dist[base + c] = d;
    idx[base + c] = index;
  }

  /** Current k-th best distance of `row` (Infinity while fewer than k are kept): a cheap rejection bound. */
  worst(row: number): number {
    return this.size[row]! < this.k ? Infinity : this.dist[row * this.k]!;
  }

  /** Each row's kept candidates, best first. Assumes every row holds k candidates. */
  sorted(): { indices: Int32Array; distances: Float32Array } {
    const { rows, k } = this;
    const indices = new Int32Array(rows * k);
    const distances = new Float32Array(rows * k);
    const order = new Int32Array(k);
    for (let r = 0; r < rows; r++) {
      const base = r * k;
      for (let j = 0; j < k; j++) order[j] = j;
      const d = this.dist;
      const ix = this.idx;
      order.sort((a, b) => d[base + a]! - d[base + b]! || ix[base + a]! - ix[base + b]!);
      for (let j = 0; j < k; j++) {
        indices[base + j] = ix[base + order[j]!]!;
        distances[base + j] = d[base + order[j]!]!;
      }
    }
    return { indices, distances };
  }
}
