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
export class KdTree {
  readonly n: number;
  readonly dims: number;
  /** Points in tree order, row-major. */
  readonly coords: Float64Array;
  /** Original row of each tree position. */
  readonly index: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly nodeCount: number;

  constructor(points: Float64Array, dims: number, leafSize = 32) {
    const n = points.length / dims;
    this.n = n;
    this.dims = dims;
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
    this.coords = coords;
    this.index = perm;
    this.start = start.subarray(0, count);
    this.end = end.subarray(0, count);
    this.left = left.subarray(0, count);
    this.right = right.subarray(0, count);
    this.lo = lo.subarray(0, count * dims);
    this.hi = hi.subarray(0, count * dims);
    this.nodeCount = count;
  }

  /**
   * Squared distance from the point whose coordinates start at `coords[offset]` to the bounding box of `node`: a
   * lower bound of the distance to any point inside, never above it even after rounding (each term is a difference
   * with a box edge that is itself a point coordinate), so pruning on it is exact.
   */
  squaredBoxDistance(offset: number, node: number): number {
    const { coords, lo, hi, dims } = this;
    const o = node * dims;
    let s = 0;
    for (let d = 0; d < dims; d++) {
      const v = coords[offset + d]!;
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
