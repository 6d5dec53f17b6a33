import { KdTree } from './KdTree';
import { KD_TREE_MAX_DIMS } from './hdbscan';
import { pushNearerLast, type KdSearchScratch } from './kdSearch';

/**
 * The search tree of prediction over row-major n x dims training points (copied; the caller's array is not kept).
 * Above KD_TREE_MAX_DIMS it is a single leaf holding every point, so the same search code does a brute-force scan.
 */
export function predictionTree(points: Float64Array, dims: number): KdTree {
  const n = points.length / dims;
  return KdTree.build(points, dims, dims <= KD_TREE_MAX_DIMS ? 32 : Math.max(1, n));
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
  tree: KdTree,
  scratch: KdSearchScratch,
  core: Float64Array,
  query: Float64Array,
  off: number,
  queryCore: number,
  excludePos: number,
): MutualReachabilityNeighbor {
  const { left, right, start, end, index } = tree;
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
        const d = Math.sqrt(tree.squaredDistance(query, off, q));
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
    sp = pushNearerLast(
      stack,
      stackBound,
      sp,
      l,
      Math.sqrt(tree.squaredBoxDistance(query, off, l)),
      r,
      Math.sqrt(tree.squaredBoxDistance(query, off, r)),
    );
  }
  return { pos: bestPos, reachability: bestMr, distance: bestD };
}
