/**
 * The arrays of a `KdTree`, each owning its buffer (no views into larger ones), so the structure survives
 * `postMessage` / structured cloning whole and cheaply; `KdTree.fromData` searches them again without copying.
 */
export interface KdTreeData {
  readonly n: number;
  readonly dims: number;
  /** Points in tree order, row-major. */
  readonly coords: Float64Array;
  /** Original row of each tree position. */
  readonly index: Int32Array;
  /** Node `node` holds the tree positions [start[node], end[node]). */
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Children of each node, -1 at leaves. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Bounding box of each node, dims values per node. */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
}

/**
 * A k-d tree over the rows of a row-major n x dims matrix, in typed arrays. Rows are reordered into `coords`
 * (tree order; `index[pos]` is the original row at position pos) so that a node is the contiguous range
 * [start[node], end[node]) of positions. Each node has a bounding box (lo/hi, dims values per node) and children
 * left/right (-1 at leaves). Splits are at the median of the widest dimension.
 *
 * Exactness: a squared distance from a query to a box, summed over dimensions in the same order as a point
 * distance, is never larger (in floating point too) than the squared distance to any point inside the box, since
 * subtraction, squaring and addition of non-negative terms are monotone under rounding. So `box >= bound`
 * comparisons prune only what cannot change an exact result.
 */
export class KdTree implements KdTreeData {
  readonly n: number;
  readonly dims: number;
  readonly coords: Float64Array;
  readonly index: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly nodeCount: number;

  private constructor(data: KdTreeData) {
    this.n = data.n;
    this.dims = data.dims;
    this.coords = data.coords;
    this.index = data.index;
    this.start = data.start;
    this.end = data.end;
    this.left = data.left;
    this.right = data.right;
    this.lo = data.lo;
    this.hi = data.hi;
    this.nodeCount = data.start.length;
  }

  /**
   * A tree view over arrays from `toData` (possibly posted from another thread), sharing them.
   *
   * @example
   * const tree = KdTree.fromData(structuredClone(KdTree.build(points, dims).toData()));
   */
  static fromData(data: KdTreeData): KdTree {
    return new KdTree(data);
  }

  /** The tree's arrays as a plain object (the same arrays, not copies). */
  toData(): KdTreeData {
    const { n, dims, coords, index, start, end, left, right, lo, hi } = this;
    return { n, dims, coords, index, start, end, left, right, lo, hi };
  }

  /**
   * Builds the tree over row-major n x dims points (copied into tree order; `points` is not kept).
   *
   * @param leafSize most points of a leaf; n makes a single leaf, whose searches are linear scans
   */
  static build(points: Float64Array, dims: number, leafSize = 32): KdTree {
    const n = points.length / dims;
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    const maxNodes = Math.max(1, 2 * Math.ceil(n / Math.max(1, leafSize >> 1)) + 1);
    const start = new Int32Array(maxNodes);
    const end = new Int32Array(maxNodes);
    const left = new Int32Array(maxNodes).fill(-1);
    const right = new Int32Array(maxNodes).fill(-1);
    const lo = new Float64Array(maxNodes * dims);
    const hi = new Float64Array(maxNodes * dims);
    let count = 0;

    const bounds = (node: number, s: number, e: number) => {
      const o = node * dims;
      for (let k = 0; k < dims; k++) {
        lo[o + k] = Infinity;
        hi[o + k] = -Infinity;
      }
      for (let p = s; p < e; p++) {
        const r = perm[p]! * dims;
        for (let k = 0; k < dims; k++) {
          const v = points[r + k]!;
          if (v < lo[o + k]!) lo[o + k] = v;
          if (v > hi[o + k]!) hi[o + k] = v;
        }
      }
    };
    // Quickselect on perm[s..e) by coordinate k so that position m holds the median.
    const select = (s: number, e: number, m: number, k: number) => {
      let a = s;
      let b = e - 1;
      while (a < b) {
        const pivot = points[perm[(a + b) >> 1]! * dims + k]!;
        let i = a;
        let j = b;
        while (i <= j) {
          while (points[perm[i]! * dims + k]! < pivot) i++;
          while (points[perm[j]! * dims + k]! > pivot) j--;
          if (i <= j) {
            const t = perm[i]!;
            perm[i] = perm[j]!;
            perm[j] = t;
            i++;
            j--;
          }
        }
        if (m <= j) b = j;
        else if (m >= i) a = i;
        else break;
      }
    };

    // Iterative build with an explicit stack of nodes to split.
    const stack: number[] = [];
    if (n > 0) {
      start[0] = 0;
      end[0] = n;
      bounds(0, 0, n);
      count = 1;
      stack.push(0);
    }
    while (stack.length > 0) {
      const node = stack.pop()!;
      const s = start[node]!;
      const e = end[node]!;
      if (e - s <= leafSize) continue;
      const o = node * dims;
      let k = 0;
      let width = -1;
      for (let d = 0; d < dims; d++) {
        const w = hi[o + d]! - lo[o + d]!;
        if (w > width) {
          width = w;
          k = d;
        }
      }
      if (!(width > 0)) continue; // all points identical: keep as one leaf
      const m = (s + e) >> 1;
      select(s, e, m, k);
      const l = count++;
      const r = count++;
      start[l] = s;
      end[l] = m;
      start[r] = m;
      end[r] = e;
      bounds(l, s, m);
      bounds(r, m, e);
      left[node] = l;
      right[node] = r;
      stack.push(l, r);
    }

    const coords = new Float64Array(n * dims);
    for (let p = 0; p < n; p++) {
      const r = perm[p]! * dims;
      for (let k = 0; k < dims; k++) coords[p * dims + k] = points[r + k]!;
    }
    // slice(): the node arrays were sized for the worst case; copies own their buffers (see KdTreeData).
    return new KdTree({
      n,
      dims,
      coords,
      index: perm,
      start: start.slice(0, count),
      end: end.slice(0, count),
      left: left.slice(0, count),
      right: right.slice(0, count),
      lo: lo.slice(0, count * dims),
      hi: hi.slice(0, count * dims),
    });
  }

  /**
   * Squared distance from the query at `query[off..off+dims)` to the point at tree position `pos`, summed in
   * dimension order as brute-force distances are, so its square root is the same number.
   */
  squaredDistance(query: Float64Array, off: number, pos: number): number {
    const { coords, dims } = this;
    const b = pos * dims;
    let s = 0;
    for (let t = 0; t < dims; t++) {
      const x = query[off + t]! - coords[b + t]!;
      s += x * x;
    }
    return s;
  }

  /**
   * Squared distance from the query at `query[off..off+dims)` to the bounding box of `node`: a lower bound of the
   * squared distance to any point inside, never above it even after rounding (each term is a difference with a
   * box edge that is itself a point coordinate, summed in dimension order), so pruning on it is exact.
   */
  squaredBoxDistance(query: Float64Array, off: number, node: number): number {
    const { lo, hi, dims } = this;
    const o = node * dims;
    let s = 0;
    for (let d = 0; d < dims; d++) {
      const v = query[off + d]!;
      const l = lo[o + d]!;
      if (v < l) s += (l - v) * (l - v);
      else {
        const h = hi[o + d]!;
        if (v > h) s += (v - h) * (v - h);
      }
    }
    return s;
  }
}
