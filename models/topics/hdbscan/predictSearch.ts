import { KdTree } from './KdTree';
import { KD_TREE_MAX_DIMS } from './hdbscan';

/**
 * The training points of a fit as a k-d tree in plain typed arrays (the fields of `KdTree`, copied so that the
 * structure survives `postMessage`). Above KD_TREE_MAX_DIMS it is a single leaf holding every point, so the same
 * search code does a brute-force scan.
 */
export interface PlainKdTree {
  readonly n: number;
  readonly dims: number;
  /** Points in tree order, row-major. */
  readonly coords: Float64Array;
  /** Original row of each tree position. */
  readonly index: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Children of each node, -1 at leaves. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Bounding box of each node, dims values per node. */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
}

/** Builds the search structure over row-major n x dims points (copies them; the caller's array is not kept). */
export function plainKdTree(points: Float64Array, dims: number): PlainKdTree {
  const n = points.length / dims;
  const t = new KdTree(points, dims, dims <= KD_TREE_MAX_DIMS ? 32 : Math.max(1, n));
  // slice(): the tree's node arrays are views into larger buffers, which structured cloning would copy whole.
  return {
    n,
    dims,
    coords: t.coords,
    index: t.index,
    start: t.start.slice(),
    end: t.end.slice(),
    left: t.left.slice(),
    right: t.right.slice(),
    lo: t.lo.slice(),
    hi: t.hi.slice(),
  };
}

/** Reusable work arrays of one search structure, so that predicting many points allocates once. */
export interface SearchScratch {
  readonly stack: Int32Array;
  readonly stackBound: Float64Array;
  /** Max-heap of squared distances (root = largest) and their tree positions. */
  readonly heap: Float64Array;
  readonly heapPos: Int32Array;
}

export function searchScratch(tree: PlainKdTree, k: number): SearchScratch {
  const size = 2 * tree.start.length + 2;
  return { stack: new Int32Array(size), stackBound: new Float64Array(size), heap: new Float64Array(k), heapPos: new Int32Array(k) };
}

/**
 * Squared distance from a query to a node's box. Each term is a difference with a box edge that is a coordinate of
 * a point inside, and terms are summed in dimension order as in point distances, so it never exceeds (even after
 * rounding) the squared distance to any point in the box: pruning on it cannot change an exact result.
 */
function boxSquaredDistance(tree: PlainKdTree, query: Float64Array, off: number, node: number): number {
  const { lo, hi, dims } = tree;
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

function squaredDistance(coords: Float64Array, pos: number, query: Float64Array, off: number, dims: number): number {
  const b = pos * dims;
  let s = 0;
  for (let t = 0; t < dims; t++) {
    const x = query[off + t]! - coords[b + t]!;
    s += x * x;
  }
  return s;
}

/**
 * Exact k nearest training points of the query at `query[off..off+dims)`, skipping tree position `excludePos`
 * (-1: none). Leaves them in `scratch.heap` / `scratch.heapPos` as a max-heap of squared distances; returns how
 * many were found (k unless the tree holds fewer points).
 */
export function kNearest(tree: PlainKdTree, scratch: SearchScratch, query: Float64Array, off: number, k: number, excludePos: number): number {
  const { left, right, start, end, coords, dims } = tree;
  const { heap, heapPos, stack, stackBound } = scratch;
  let size = 0;
  let sp = 0;
  stack[sp] = 0;
  stackBound[sp++] = 0;
  while (sp > 0) {
    sp--;
    const node = stack[sp]!;
    if (size === k && stackBound[sp]! >= heap[0]!) continue;
    const l = left[node]!;
    if (l < 0) {
      for (let q = start[node]!, qe = end[node]!; q < qe; q++) {
        if (q === excludePos) continue;
        const d = squaredDistance(coords, q, query, off, dims);
        if (size < k) {
          let i = size++;
          while (i > 0) {
            const par = (i - 1) >> 1;
            if (heap[par]! >= d) break;
            heap[i] = heap[par]!;
            heapPos[i] = heapPos[par]!;
            i = par;
          }
          heap[i] = d;
          heapPos[i] = q;
        } else if (d < heap[0]!) {
          let i = 0;
          for (;;) {
            const c1 = 2 * i + 1;
            if (c1 >= k) break;
            const c2 = c1 + 1;
            const c = c2 < k && heap[c2]! > heap[c1]! ? c2 : c1;
            if (heap[c]! <= d) break;
            heap[i] = heap[c]!;
            heapPos[i] = heapPos[c]!;
            i = c;
          }
          heap[i] = d;
          heapPos[i] = q;
        }
      }
      continue;
    }
    const r = right[node]!;
    const bl = boxSquaredDistance(tree, query, off, l);
    const br = boxSquaredDistance(tree, query, off, r);
    // Farther child pushed first, so the nearer one is searched first and tightens the bound sooner.
    if (bl <= br) {
      stack[sp] = r;
      stackBound[sp++] = br;
      stack[sp] = l;
      stackBound[sp++] = bl;
    } else {
      stack[sp] = l;
      stackBound[sp++] = bl;
      stack[sp] = r;
      stackBound[sp++] = br;
    }
  }
  return size;
}

export interface MutualReachabilityNeighbor {
  /** Tree position of the neighbour. */
  pos: number;
  /** max(core of the neighbour, core of the query, distance). */
  reachability: number;
  distance: number;
}

/**
 * The training point with the smallest mutual-reachability distance max(core[pos], queryCore, distance) to the
 * query, over all training points (not only the query's k nearest, as the Python library does: its restricted
 * search can miss a slightly farther point with a much smaller core distance). Ties go to the smaller distance,
 * then the smaller original row, so the answer does not depend on the tree's shape. Branch and bound: the
 * reachability is at least the distance, so a box farther than the best reachability is skipped.
 *
 * @param core core distance of each training point, by tree position
 */
export function nearestMutualReachability(
  tree: PlainKdTree,
  scratch: SearchScratch,
  core: Float64Array,
  query: Float64Array,
  off: number,
  queryCore: number,
  excludePos: number,
): MutualReachabilityNeighbor {
  const { left, right, start, end, coords, dims, index } = tree;
  const { stack, stackBound } = scratch;
  let bestPos = -1;
  let bestMr = Infinity;
  let bestD = Infinity;
  let sp = 0;
  stack[sp] = 0;
  stackBound[sp++] = 0;
  while (sp > 0) {
    sp--;
    const node = stack[sp]!;
    // Every point inside is at distance >= bound, hence at reachability >= bound: skip unless it can still tie.
    const bound = stackBound[sp]!;
    if (bound > bestMr || (bound === bestMr && bound > bestD)) continue;
    const l = left[node]!;
    if (l < 0) {
      for (let q = start[node]!, qe = end[node]!; q < qe; q++) {
        if (q === excludePos) continue;
        const cq = core[q]!;
        if (cq > bestMr) continue;
        const d = Math.sqrt(squaredDistance(coords, q, query, off, dims));
        const mr = Math.max(cq, queryCore, d);
        if (mr < bestMr || (mr === bestMr && (d < bestD || (d === bestD && index[q]! < index[bestPos]!)))) {
          bestPos = q;
          bestMr = mr;
          bestD = d;
        }
      }
      continue;
    }
    const r = right[node]!;
    const bl = Math.sqrt(boxSquaredDistance(tree, query, off, l));
    const br = Math.sqrt(boxSquaredDistance(tree, query, off, r));
    if (bl <= br) {
      stack[sp] = r;
      stackBound[sp++] = br;
      stack[sp] = l;
      stackBound[sp++] = bl;
    } else {
      stack[sp] = l;
      stackBound[sp++] = bl;
      stack[sp] = r;
      stackBound[sp++] = br;
    }
  }
  return { pos: bestPos, reachability: bestMr, distance: bestD };
}
