import type { KdTree } from './KdTree';

/** Reusable work arrays of searches in one tree, so that searching from many points allocates once. */
export interface KdSearchScratch {
  /** Nodes still to visit and a lower bound of each (its box distance, in the search's own unit). */
  readonly stack: Int32Array;
  readonly stackBound: Float64Array;
  /** Max-heap of squared distances (root = largest) and their tree positions, filled by `kNearest`. */
  readonly heap: Float64Array;
  readonly heapPos: Int32Array;
}

/**
 * Work arrays for searches in `tree` keeping up to `k` nearest points.
 *
 * @param k heap capacity (0 for searches that keep no heap)
 */
export function kdSearchScratch(tree: KdTree, k: number): KdSearchScratch {
  // A depth-first walk that pushes both children of each popped node holds at most one pending node per level
  // plus two: 2 * nodeCount + 2 is ample.
  const size = 2 * tree.nodeCount + 2;
  return {
    stack: new Int32Array(size),
    stackBound: new Float64Array(size),
    heap: new Float64Array(k),
    heapPos: new Int32Array(k),
  };
}

/**
 * Pushes the children `l` and `r` of a node with their bounds, the farther one first, so that the nearer one is
 * searched first and tightens the search's bound sooner. Ties push `r` first. Returns the new stack size.
 */
export function pushNearerLast(
  stack: Int32Array,
  stackBound: Float64Array,
  sp: number,
  l: number,
  bl: number,
  r: number,
  br: number,
): number {
  if (bl <= br) {
    stack[sp] = r;
    stackBound[sp] = br;
    stack[sp + 1] = l;
    stackBound[sp + 1] = bl;
  } else {
    stack[sp] = l;
    stackBound[sp] = bl;
    stack[sp + 1] = r;
    stackBound[sp + 1] = br;
  }
  return sp + 2;
}

/**
 * Exact k nearest points of the query at `query[off..off+dims)` (which may be one of the tree's own `coords`),
 * skipping tree position `excludePos` (-1: none). Leaves them in `scratch.heap` / `scratch.heapPos` as a max-heap
 * of squared distances (root = the k-th nearest); returns how many were found (k unless the tree holds fewer).
 * Squared distances are summed in dimension order, as the brute-force distances are, so their square roots are
 * the same numbers. Among equally distant points, which are kept depends on the tree's search order.
 *
 * @param k 1 <= k <= scratch.heap.length
 * @example
 * const scratch = kdSearchScratch(tree, 5);
 * const found = kNearest(tree, scratch, query, 0, 5, -1);
 * const fifthNearest = Math.sqrt(scratch.heap[0]!);
 */
export function kNearest(
  tree: KdTree,
  scratch: KdSearchScratch,
  query: Float64Array,
  off: number,
  k: number,
  excludePos: number,
): number {
  const { left, right, start, end } = tree;
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
    if (l >= 0) {
      const r = right[node]!;
      sp = pushNearerLast(
        stack,
        stackBound,
        sp,
        l,
        tree.squaredBoxDistance(query, off, l),
        r,
        tree.squaredBoxDistance(query, off, r),
      );
      continue;
    }
    for (let q = start[node]!, qe = end[node]!; q < qe; q++) {
      if (q === excludePos) continue;
      const d = tree.squaredDistance(query, off, q);
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
        siftDownRoot(heap, heapPos, k, d, q);
      }
    }
  }
  return size;
}

/** Puts (d, q) at the root of the max-heap heap[0..size) in place of its root, and sifts it down. */
export function siftDownRoot(heap: Float64Array, heapPos: Int32Array, size: number, d: number, q: number): void {
  let i = 0;
  for (;;) {
    const c1 = 2 * i + 1;
    if (c1 >= size) break;
    const c2 = c1 + 1;
    const c = c2 < size && heap[c2]! > heap[c1]! ? c2 : c1;
    if (heap[c]! <= d) break;
    heap[i] = heap[c]!;
    heapPos[i] = heapPos[c]!;
    i = c;
  }
  heap[i] = d;
  heapPos[i] = q;
}
