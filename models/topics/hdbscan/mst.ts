import { euclidean } from './distance';
import { mutualReachability } from './mutualReachability';

/** A spanning tree as n - 1 edges (from[i], to[i], weight[i]). */
export interface SpanningTree {
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly weight: Float64Array;
}

/**
 * Minimum spanning tree of the complete mutual-reachability graph by Prim's algorithm on the implicit dense
 * graph: O(n^2 d) time, O(n) memory (distances are recomputed, never stored). Good enough for a first step and a
 * few thousand points; a k-d tree or kNN-graph Boruvka MST is the planned replacement for large n.
 *
 * Starts from point 0; a point's best link is replaced only by a strictly smaller one and the lowest index wins
 * ties, so the copies of a group of identical points all attach to the first copy reached (a star), which keeps
 * the zero-weight merges one point at a time, as scikit-learn's tree does.
 */
export function mutualReachabilityMst(points: Float64Array, dims: number, core: Float64Array): SpanningTree {
  const n = core.length;
  const m = Math.max(0, n - 1);
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const weight = new Float64Array(m);
  if (n < 2) return { from, to, weight };
  const inTree = new Uint8Array(n);
  const bestDist = new Float64Array(n).fill(Infinity);
  const bestSource = new Int32Array(n);
  let current = 0;
  inTree[0] = 1;
  for (let e = 0; e < m; e++) {
    const coreCurrent = core[current]!;
    let next = -1;
    let nextDist = Infinity;
    for (let j = 0; j < n; j++) {
      if (inTree[j]) continue;
      const d = mutualReachability(euclidean(points, dims, current, j), coreCurrent, core[j]!);
      if (d < bestDist[j]!) {
        bestDist[j] = d;
        bestSource[j] = current;
      }
      if (next < 0 || bestDist[j]! < nextDist) {
        next = j;
        nextDist = bestDist[j]!;
      }
    }
    from[e] = bestSource[next]!;
    to[e] = next;
    weight[e] = nextDist;
    inTree[next] = 1;
    current = next;
  }
  return { from, to, weight };
}
