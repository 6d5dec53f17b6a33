import type { KdTree } from './KdTree';
import { kdSearchScratch, kNearest, siftDownRoot } from './kdSearch';

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
 * const { distances } = kdNearestNeighbours(KdTree.build(points, dims), 5);
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
  const scratch = kdSearchScratch(tree, k);
  const { heap, heapPos } = scratch;
  for (let p = 0; p < n; p++) {
    // The point itself is found at distance 0 unless k copies of it fill the list first.
    kNearest(tree, scratch, tree.coords, p * tree.dims, k, -1);
    // Heap sort: moving the root to the end k - 1 times leaves the row ascending.
    const row = p * k;
    for (let last = k - 1; last >= 0; last--) {
      distances[row + last] = Math.sqrt(heap[0]!);
      neighbors[row + last] = heapPos[0]!;
      if (last > 0) siftDownRoot(heap, heapPos, last, heap[last]!, heapPos[last]!);
    }
  }
  return { neighbors, distances, k };
}
