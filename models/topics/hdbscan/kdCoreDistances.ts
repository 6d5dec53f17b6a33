import type { KdTree } from './KdTree';

export interface KdCoreDistances {
  /** Core distance by tree position. */
  core: Float64Array;
  /** k nearest neighbours (tree positions, the point itself included) of each position: row p is [p*k, p*k+k). */
  neighbors: Int32Array;
}

/**
 * Core distances (k-th nearest distance, the point itself counting as the first) by exact k-nearest-neighbour
 * search in a k-d tree, indexed by tree position; the same numbers as the brute-force `coreDistances` (same
 * per-pair arithmetic, and the k-th smallest distance does not depend on tie order). Also returns the k
 * neighbours found (which of several equally distant points is kept depends on the search order).
 */
export function kdCoreDistancesByPosition(tree: KdTree, k: number): KdCoreDistances {
  const n = tree.n;
  const out = new Float64Array(n);
  const neighbors = new Int32Array(n * Math.max(1, k));
  if (k <= 1 || n === 0) {
    for (let p = 0; p < n; p++) neighbors[p * Math.max(1, k)] = p;
    return { core: out, neighbors };
  }
  const { left, right, start, end, coords } = tree;
  const dims = tree.dims;
  const boxDist = (a: number, node: number): number => tree.squaredBoxDistance(a, node);
  // `heap`: max-heap of the k smallest squared distances found so far.
  const heap = new Float64Array(k);
  const heapPos = new Int32Array(k);
  const stack = new Int32Array(2 * tree.nodeCount + 2);
  const stackBound = new Float64Array(stack.length);
  for (let p = 0; p < n; p++) {
    const a = p * dims;
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
          // Squared distance, summed in dimension order; stops early once it cannot enter the heap (partial
          // sums only grow).
          let d = 0;
          if (q !== p) {
            const b = q * dims;
            const limit = size === k ? heap[0]! : Infinity;
            for (let t = 0; t < dims; t++) {
              const x = coords[a + t]! - coords[b + t]!;
              d += x * x;
              if (d >= limit) break;
            }
            if (d >= limit) continue;
          }
          if (size < k) {
            // sift up
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
            // replace the root and sift down
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
      const bl = boxDist(a, l);
      const br = boxDist(a, r);
      // Push the farther child first so the nearer one is searched first.
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
    out[p] = Math.sqrt(heap[0]!);
    neighbors.set(heapPos, p * k);
  }
  return { core: out, neighbors };
}
