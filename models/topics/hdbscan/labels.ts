import type { ClusterTree } from './clusterTree';
import type { CondensedTree } from './condensedTree';

export interface Labelling {
  /** -1 = noise; selected clusters numbered 0..k-1 in increasing condensed-tree id, as scikit-learn does. */
  readonly labels: Int32Array;
  /**
   * scikit-learn's probabilities_: min(lambda_p, D(C)) / D(C), 1 if lambda_p is infinite or D(C) is 0, 0 for
   * noise, with D(C) scikit-learn's death lambda (see ClusterTree.sklearnDeathLambda).
   */
  readonly probabilities: Float64Array;
  /** Condensed-tree cluster id of each label. */
  readonly clusterIds: Int32Array;
}

/**
 * Labels points by the nearest selected cluster among the condensed-tree ancestors of the cluster they left.
 * Points that reach the root are noise, except when the only selected cluster is the root (allowSingleCluster):
 * then a point is labelled if it left the tree at lambda >= threshold (1/epsilon if epsilon > 0, else the largest
 * lambda among the root's rows).
 */
export function labelPoints(
  ct: CondensedTree,
  tree: ClusterTree,
  selected: Set<number>,
  allowSingleCluster: boolean,
  epsilon: number,
): Labelling {
  const n = ct.nPoints;
  const sortedSel = [...selected].sort((a, b) => a - b);
  const labelOf = new Int32Array(tree.nClusters).fill(-1);
  sortedSel.forEach((c, i) => (labelOf[c] = i));

  // Nearest selected ancestor-or-self of each cluster; 0 (root) when there is none.
  const owner = new Int32Array(tree.nClusters);
  for (let c = 1; c < tree.nClusters; c++) owner[c] = selected.has(c) ? c : owner[tree.parent[c]!]!;

  const pointParent = new Int32Array(n);
  const pointLambda = new Float64Array(n);
  for (let r = 0; r < ct.child.length; r++) {
    const c = ct.child[r]!;
    if (c < n) {
      pointParent[c] = ct.parent[r]! - n;
      pointLambda[c] = ct.lambda[r]!;
    }
  }

  const singleRoot = allowSingleCluster && selected.size === 1;
  const threshold = epsilon !== 0 ? 1 / epsilon : tree.maxLambda[0]!;
  const labels = new Int32Array(n).fill(-1);
  const probabilities = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const c = owner[pointParent[p]!]!;
    let cluster = -1;
    if (c !== 0) cluster = c;
    else if (singleRoot && selected.has(0) && pointLambda[p]! >= threshold) cluster = 0;
    if (cluster < 0) continue;
    labels[p] = labelOf[cluster]!;
    const maxL = tree.sklearnDeathLambda[cluster]!;
    const l = pointLambda[p]!;
    probabilities[p] = maxL === 0 || !Number.isFinite(l) ? 1 : Math.min(l, maxL) / maxL;
  }
  // A root selected alone can end up with no point above its threshold: then there is no cluster at all.
  if (sortedSel.length === 1 && sortedSel[0] === 0 && !labels.includes(0))
    return { labels, probabilities, clusterIds: new Int32Array(0) };
  return { labels, probabilities, clusterIds: Int32Array.from(sortedSel, (c) => c + n) };
}
