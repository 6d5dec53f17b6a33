import type { SingleLinkageTree } from './singleLinkage';

/**
 * Condensed tree as rows (parent, child, lambda, childSize), as scikit-learn stores it. Clusters are numbered from
 * n (the root) upwards in breadth-first order, so a child cluster always has a larger id than its parent; point
 * rows have child < n and childSize 1. lambda = 1 / distance (Infinity at distance 0).
 */
export interface CondensedTree {
  readonly nPoints: number;
  /** Number of clusters, root included; ids are nPoints .. nPoints + nClusters - 1. */
  readonly nClusters: number;
  readonly parent: Int32Array;
  readonly child: Int32Array;
  readonly lambda: Float64Array;
  readonly childSize: Int32Array;
}

/**
 * Walks the single-linkage tree from the top: a split where both sides have at least `minClusterSize` points makes
 * two new clusters; otherwise the small side(s) leave the current cluster as single points at that lambda and the
 * large side (if any) continues as the same cluster.
 */
export function condenseTree(slt: SingleLinkageTree, minClusterSize: number): CondensedTree {
  const n = slt.nPoints;
  const parentOut: number[] = [];
  const childOut: number[] = [];
  const lambdaOut: number[] = [];
  const sizeOut: number[] = [];
  const emit = (p: number, c: number, l: number, s: number) => {
    parentOut.push(p);
    childOut.push(c);
    lambdaOut.push(l);
    sizeOut.push(s);
  };
  const nodeSize = (x: number) => (x < n ? 1 : slt.size[x - n]!);
  // Points of the subtree under `node`, in breadth-first order.
  const leavesOf = (node: number): number[] => {
    const out: number[] = [];
    let level = [node];
    while (level.length > 0) {
      const nextLevel: number[] = [];
      for (const x of level) {
        if (x < n) out.push(x);
        else nextLevel.push(slt.left[x - n]!, slt.right[x - n]!);
      }
      level = nextLevel;
    }
    return out;
  };

  if (n < 2)
    return {
      nPoints: n,
      nClusters: 1,
      parent: new Int32Array(0),
      child: new Int32Array(0),
      lambda: new Float64Array(0),
      childSize: new Int32Array(0),
    };

  const root = 2 * n - 2;
  const label = new Int32Array(2 * n - 1);
  label[root] = n;
  let nextLabel = n + 1;
  // Breadth-first over merge nodes; a node is visited only while it still is (part of) a cluster.
  let level = [root];
  while (level.length > 0) {
    const nextLevel: number[] = [];
    for (const node of level) {
      const i = node - n;
      const l = slt.left[i]!;
      const r = slt.right[i]!;
      const d = slt.distance[i]!;
      const lam = d > 0 ? 1 / d : Infinity;
      const ls = nodeSize(l);
      const rs = nodeSize(r);
      const me = label[node]!;
      const bigL = ls >= minClusterSize;
      const bigR = rs >= minClusterSize;
      if (bigL && bigR) {
        label[l] = nextLabel++;
        emit(me, label[l]!, lam, ls);
        label[r] = nextLabel++;
        emit(me, label[r]!, lam, rs);
        if (l >= n) nextLevel.push(l);
        if (r >= n) nextLevel.push(r);
      } else {
        for (const [side, big] of [
          [l, bigL],
          [r, bigR],
        ] as const) {
          if (big) {
            label[side] = me;
            if (side >= n) nextLevel.push(side);
          } else {
            for (const p of leavesOf(side)) emit(me, p, lam, 1);
          }
        }
      }
    }
    level = nextLevel;
  }
  return {
    nPoints: n,
    nClusters: nextLabel - n,
    parent: Int32Array.from(parentOut),
    child: Int32Array.from(childOut),
    lambda: Float64Array.from(lambdaOut),
    childSize: Int32Array.from(sizeOut),
  };
}
