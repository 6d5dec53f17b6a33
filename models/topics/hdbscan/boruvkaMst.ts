import { KdTree } from './KdTree';
import { kdNearestNeighbours } from './kdCoreDistances';
import { kdSearchScratch, pushNearerLast } from './kdSearch';
import type { SpanningTree } from './mst';
import { UnionFind } from './UnionFind';

export interface KdMstResult {
  /** Core distance of each point (original order). */
  core: Float64Array;
  mst: SpanningTree;
}

/**
 * Length of the nearest-neighbour lists kept per point (at least minSamples). Longer lists settle more points
 * without a tree search in later rounds but cost more to build; 8 to 24 measured alike on 20k UMAP points of 11 dims.
 */
export const BORUVKA_LIST_SIZE = 12;

/**
 * Core distances and the minimum spanning tree of the mutual-reachability graph, both over a k-d tree: exact
 * k-nearest-neighbour lists (k = max(minSamples, BORUVKA_LIST_SIZE), sorted), then Borůvka's algorithm.
 *
 * Each round, a point's cheapest edge to another component is read from its list when the list can vouch for it:
 * every point outside the list is at least its last distance dK away, so an edge of weight <= max(core, dK) found in
 * the list is the point's cheapest. Otherwise max(core, dK) is a lower bound of that edge, and so is the bound a
 * previous round's search ended with; these bounds stay valid as components only grow. A point whose bound is not
 * below its component's best edge so far is skipped; the others run a pruned tree search: a node is skipped when
 * all its points are in the query's component, or when max(core of the query, smallest core in the node, distance
 * to the node's box) is not below the component's best edge. Sub-quadratic for low-dimensional data.
 *
 * Ties: a component keeps the first cheapest edge found (the search order is fixed, so the result is
 * deterministic). Chosen edges that would close a cycle (possible only among equal weights) are dropped by the
 * union-find; with any choice among equal-weight minimum edges the result is still a minimum spanning tree, so the
 * weights are those of Prim's tree, though the edges at equal weights may differ. Edges come out in Prim's order
 * over the tree (see `primOrder`). Weights are max(core(a), core(b), sqrt(sum of squares)), computed exactly as
 * `euclidean` and `mutualReachability` do.
 *
 * @param points row-major n x dims
 * @param dims coordinates per point
 * @param minSamples k of the core distance, the point itself counting as the first (1 <= minSamples <= n)
 */
export function kdCoreDistancesAndMst(points: Float64Array, dims: number, minSamples: number): KdMstResult {
  const n = points.length / dims;
  const m = Math.max(0, n - 1);
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const weight = new Float64Array(m);
  const core = new Float64Array(n);
  if (n < 2) return { core, mst: { from, to, weight } };

  const tree = KdTree.build(points, dims);
  const kk = Math.min(n, Math.max(1, minSamples, BORUVKA_LIST_SIZE));
  const { neighbors, distances } = kdNearestNeighbours(tree, kk);
  const index = tree.index;
  const coreP = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    coreP[p] = distances[p * kk + Math.max(1, minSamples) - 1]!;
    core[index[p]!] = coreP[p]!;
  }

  const { left, right, start, end, nodeCount, coords } = tree;
  const nodeMinCore = new Float64Array(nodeCount);
  for (let node = nodeCount - 1; node >= 0; node--) {
    const l = left[node]!;
    if (l < 0) {
      let mc = Infinity;
      for (let p = start[node]!; p < end[node]!; p++) if (coreP[p]! < mc) mc = coreP[p]!;
      nodeMinCore[node] = mc;
    } else {
      nodeMinCore[node] = Math.min(nodeMinCore[l]!, nodeMinCore[right[node]!]!);
    }
  }

  // Union-find over tree positions.
  const sets = new UnionFind(n);
  const parent = sets.parent;
  const find = (x: number): number => sets.find(x);

  const comp = new Int32Array(n);
  const nodeComp = new Int32Array(nodeCount);
  const bestW = new Float64Array(n);
  const bestP = new Int32Array(n);
  const bestQ = new Int32Array(n);
  // Per point: a lower bound of its cheapest edge to another component (valid in every later round), and the
  // first list entry that may still be outside its component (entries before it are inside for good).
  const lowerBound = new Float64Array(n);
  const listStart = new Int32Array(n);
  const settled = new Uint8Array(n);
  // stackBound: squared box distance of each stacked node, computed once when it is pushed.
  const { stack, stackBound } = kdSearchScratch(tree, 0);
  let edges = 0;
  let components = n;

  while (components > 1) {
    for (let p = 0; p < n; p++) comp[p] = find(p);
    for (let node = nodeCount - 1; node >= 0; node--) {
      const l = left[node]!;
      if (l < 0) {
        let c = comp[start[node]!]!;
        for (let p = start[node]! + 1; p < end[node]!; p++) {
          if (comp[p] !== c) {
            c = -1;
            break;
          }
        }
        nodeComp[node] = c;
      } else {
        const cl = nodeComp[l]!;
        nodeComp[node] = cl >= 0 && cl === nodeComp[right[node]!]! ? cl : -1;
      }
    }
    bestW.fill(Infinity);

    // Lists first: they settle many points outright and give each component an early bound for the searches.
    for (let p = 0; p < n; p++) {
      const c = comp[p]!;
      const cp = coreP[p]!;
      const row = p * kk;
      let x = listStart[p]!;
      while (x < kk && comp[neighbors[row + x]!] === c) x++;
      listStart[p] = x;
      let w = Infinity;
      let wq = -1;
      for (; x < kk; x++) {
        const d = distances[row + x]!;
        if (d > w) break; // later entries are farther: their weight is at least d
        const q = neighbors[row + x]!;
        if (comp[q] === c) continue;
        let e = d;
        if (cp > e) e = cp;
        if (coreP[q]! > e) e = coreP[q]!;
        // Among equal weights (common when core distances dominate) the farthest entry wins: measured on the R
        // GLOSH fixtures (glosh.test.ts), this keeps the trees of the previous search order, nearest-first does not.
        if (e <= w) {
          w = e;
          wq = q;
        }
      }
      let outside = distances[row + kk - 1]!;
      if (cp > outside) outside = cp;
      settled[p] = w <= outside ? 1 : 0;
      const lb = w <= outside ? w : outside;
      if (lb > lowerBound[p]!) lowerBound[p] = lb;
      if (w < bestW[c]!) {
        bestW[c] = w;
        bestP[c] = p;
        bestQ[c] = wq;
      }
    }

    for (let p = 0; p < n; p++) {
      if (settled[p]) continue;
      const c = comp[p]!;
      if (lowerBound[p]! >= bestW[c]!) continue;
      const cp = coreP[p]!;
      const a0 = p * dims;
      let sp = 0;
      stack[sp] = 0;
      stackBound[sp++] = tree.squaredBoxDistance(coords, a0, 0);
      while (sp > 0) {
        const node = stack[--sp]!;
        if (nodeComp[node] === c) continue;
        let lb = Math.sqrt(stackBound[sp]!);
        if (cp > lb) lb = cp;
        if (nodeMinCore[node]! > lb) lb = nodeMinCore[node]!;
        if (lb >= bestW[c]!) continue;
        const l = left[node]!;
        if (l >= 0) {
          const r = right[node]!;
          sp = pushNearerLast(
            stack,
            stackBound,
            sp,
            l,
            tree.squaredBoxDistance(coords, a0, l),
            r,
            tree.squaredBoxDistance(coords, a0, r),
          );
          continue;
        }
        for (let q = start[node]!, qe = end[node]!; q < qe; q++) {
          if (comp[q] === c) continue;
          const cq = coreP[q]!;
          const bwc = bestW[c]!;
          if (cq >= bwc) continue;
          // Squared distance in dimension order; stop once sqrt(sum) must exceed the best weight (the margin
          // keeps this exact: only sums whose square root is certainly larger are cut).
          const limit = bwc * bwc * (1 + 1e-12);
          const b0 = q * dims;
          let s = 0;
          for (let t = 0; t < dims; t++) {
            const x = coords[a0 + t]! - coords[b0 + t]!;
            s += x * x;
            if (s > limit) break;
          }
          if (s > limit) continue;
          let w = Math.sqrt(s);
          if (cp > w) w = cp;
          if (cq > w) w = cq;
          if (w >= bwc) continue;
          bestW[c] = w;
          bestP[c] = p;
          bestQ[c] = q;
        }
      }
      // Everything outside c that the search did not reach or beat is at least this far (pruning only ever
      // compared with the component's best, which only went down).
      if (bestW[c]! > lowerBound[p]!) lowerBound[p] = bestW[c]!;
    }

    let merged = 0;
    for (let c = 0; c < n; c++) {
      if (comp[c] !== c || bestW[c] === Infinity) continue;
      const x = find(bestP[c]!);
      const y = find(bestQ[c]!);
      if (x === y) continue; // the other component chose the same edge
      parent[x] = y;
      from[edges] = index[bestP[c]!]!;
      to[edges] = index[bestQ[c]!]!;
      weight[edges] = bestW[c]!;
      edges++;
      merged++;
    }
    components -= merged;
    if (merged === 0) break; // cannot happen for a complete graph; guards against a bad loop
  }

  return { core, mst: primOrder(n, from, to, weight, edges) };
}

/**
 * Re-runs Prim's algorithm on the spanning tree itself (from point 0, the cheapest edge first, the lowest point
 * index on ties) so that the edges come out in an order close to what Prim's algorithm on the complete graph
 * gives: edges are (tree point, new point) in order of addition.
 */
function primOrder(n: number, from: Int32Array, to: Int32Array, weight: Float64Array, edges: number): SpanningTree {
  // Adjacency in CSR form.
  const deg = new Int32Array(n + 1);
  for (let e = 0; e < edges; e++) {
    deg[from[e]! + 1] = deg[from[e]! + 1]! + 1;
    deg[to[e]! + 1] = deg[to[e]! + 1]! + 1;
  }
  for (let i = 0; i < n; i++) deg[i + 1] = deg[i + 1]! + deg[i]!;
  const fill = deg.slice(0, n);
  const adj = new Int32Array(2 * edges);
  const adjW = new Float64Array(2 * edges);
  for (let e = 0; e < edges; e++) {
    const a = from[e]!;
    const b = to[e]!;
    const fa = fill[a]!;
    adj[fa] = b;
    adjW[fa] = weight[e]!;
    fill[a] = fa + 1;
    const fb = fill[b]!;
    adj[fb] = a;
    adjW[fb] = weight[e]!;
    fill[b] = fb + 1;
  }
  // Binary min-heap of (weight, vertex, source); in a tree every vertex is pushed exactly once.
  const hw = new Float64Array(n);
  const hv = new Int32Array(n);
  const hs = new Int32Array(n);
  let size = 0;
  const less = (i: number, j: number) => hw[i]! < hw[j]! || (hw[i] === hw[j] && hv[i]! < hv[j]!);
  const swap = (i: number, j: number) => {
    const w = hw[i]!;
    hw[i] = hw[j]!;
    hw[j] = w;
    const v = hv[i]!;
    hv[i] = hv[j]!;
    hv[j] = v;
    const s = hs[i]!;
    hs[i] = hs[j]!;
    hs[j] = s;
  };
  const push = (w: number, v: number, s: number) => {
    let i = size++;
    hw[i] = w;
    hv[i] = v;
    hs[i] = s;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(i, p)) break;
      swap(i, p);
      i = p;
    }
  };
  const pop = () => {
    size--;
    swap(0, size);
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const r = l + 1;
      const c = r < size && less(r, l) ? r : l;
      if (!less(c, i)) break;
      swap(c, i);
      i = c;
    }
  };
  const m = Math.max(0, n - 1);
  const f = new Int32Array(m);
  const t = new Int32Array(m);
  const w = new Float64Array(m);
  const seen = new Uint8Array(n);
  let out = 0;
  const visit = (v: number) => {
    seen[v] = 1;
    for (let x = deg[v]!; x < deg[v + 1]!; x++) if (!seen[adj[x]!]) push(adjW[x]!, adj[x]!, v);
  };
  if (n > 0) visit(0);
  while (size > 0) {
    const v = hv[0]!;
    const s = hs[0]!;
    const wt = hw[0]!;
    pop();
    f[out] = s;
    t[out] = v;
    w[out++] = wt;
    visit(v);
  }
  return { from: f, to: t, weight: w };
}
