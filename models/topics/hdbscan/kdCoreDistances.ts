import type { KdTree } from './KdTree';

export interface KdNeighbourLists {
  /** Lists of `k` entries: row p is [p*k, p*k+k), tree positions of p's k nearest points, the point itself included. */
  neighbors: Int32Array;
  /** Distance of each entry of `neighbors`; each row ascending. */
  distances: Float64Array;
  /** Entries per row. */
  k: number;
}

/**
 * The k nearest points of every point (the point itself counting as the first, at distance 0) by exact search in a
 * k-d tree, indexed by tree position, each list sorted by distance. Every point outside a row is at least as far as
 * the row's last entry, which is what lets Borůvka trust a row (boruvkaMst.ts). Distances are computed as the
 * brute-force `coreDistances` computes them (square root of summed squares in dimension order), so entry k'-1 of a
 * row is the core distance for k' <= k. Which of several equally distant points is kept depends on the search order.
 *
 * @param tree the points
 * @param k list length, 1 <= k <= tree.n
 * @example
 * const { distances } = kdNearestNeighbours(new KdTree(points, dims), 5);
 * const coreOfPosition0 = distances[4];
 */
export function kdNearestNeighbours(tree: KdTree, k: number): KdNeighbourLists {
  const n = tree.n;
  const neighbors = new Int32Array(n * k);
  const distances = new Float64Array(n * k);
  if (k <= 1 || n === 0) {
    for (let p = 0; p < n; p++) neighbors[p * k] = p;
    return { neighbors, distances, k };
  }
  const { left, right, start, end, coords } = tree;
  const dims = tree.dims;
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
            siftDown(heap, heapPos, k, d, q);
          }
        }
        continue;
      }
      const r = right[node]!;
      const bl = tree.squaredBoxDistance(a, l);
      const br = tree.squaredBoxDistance(a, r);
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
    // Heap sort: moving the root to the end k - 1 times leaves the row ascending.
    const row = p * k;
    for (let last = k - 1; last >= 0; last--) {
      const d = heap[0]!;
      const q = heapPos[0]!;
      distances[row + last] = Math.sqrt(d);
      neighbors[row + last] = q;
      if (last > 0) siftDown(heap, heapPos, last, heap[last]!, heapPos[last]!);
    }
  }
  return { neighbors, distances, k };
}

/** Puts (d, q) at the root of the max-heap heap[0..size) and sifts it down. */
function siftDown(heap: Float64Array, heapPos: Int32Array, size: number, d: number, q: number): void {
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
