import type { SpanningTree } from './mst';
import { UnionFind } from './UnionFind';

/**
 * Single-linkage dendrogram in scipy's layout: merge i creates node n + i from `left[i]` and `right[i]` (point
 * ids < n, merge nodes >= n) at `distance[i]`, holding `size[i]` points. Merges are in non-decreasing distance.
 */
export interface SingleLinkageTree {
  readonly nPoints: number;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly distance: Float64Array;
  readonly size: Int32Array;
}

/** Builds the single-linkage tree from a spanning tree: edges sorted by weight (stable), merged by union-find. */
export function singleLinkageTree(tree: SpanningTree, nPoints: number): SingleLinkageTree {
  const m = tree.weight.length;
  const order = Array.from({ length: m }, (_, i) => i);
  order.sort((a, b) => tree.weight[a]! - tree.weight[b]! || a - b);

  const sets = new UnionFind(2 * nPoints - 1 > 0 ? 2 * nPoints - 1 : 1);
  const parent = sets.parent;
  const find = (x: number): number => sets.find(x);
  const nodeSize = new Int32Array(parent.length).fill(1);

  const left = new Int32Array(m);
  const right = new Int32Array(m);
  const distance = new Float64Array(m);
  const size = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const e = order[i]!;
    const a = find(tree.from[e]!);
    const b = find(tree.to[e]!);
    const node = nPoints + i;
    left[i] = a;
    right[i] = b;
    distance[i] = tree.weight[e]!;
    const s = nodeSize[a]! + nodeSize[b]!;
    size[i] = s;
    nodeSize[node] = s;
    parent[a] = node;
    parent[b] = node;
  }
  return { nPoints, left, right, distance, size };
}
