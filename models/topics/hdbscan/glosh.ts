import type { CondensedTree } from './condensedTree';

/**
 * GLOSH outlier scores (Campello et al. 2015) from a condensed tree: for point p leaving cluster C at lambda_p,
 * score = 1 - lambda_p / lambda_max(C), where lambda_max(C) is the largest lambda at which any point leaves C or
 * any cluster below it. Equivalently 1 - eps_max / eps_p in distances (R `dbscan`'s formula).
 *
 * Identical points (distance 0, lambda = Infinity): a point with lambda_p = Infinity scores 0 (0/0 in distances,
 * set to 0 as R does); a finite-lambda point in a cluster whose subtree reaches lambda = Infinity scores 1.
 * Does not depend on the cluster selection. 0 <= score <= 1.
 */
export function outlierScores(ct: CondensedTree): Float64Array {
  const n = ct.nPoints;
  const k = ct.nClusters;
  const rows = ct.child.length;
  // Largest lambda among each cluster's point rows, then propagated up: child ids exceed their parent's, so a
  // descending pass over cluster ids sees every child before its parent.
  const maxLambda = new Float64Array(k);
  const clusterParent = new Int32Array(k).fill(-1);
  const left = new Int32Array(n).fill(-1);
  const leftLambda = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    const c = ct.child[r]!;
    const pi = ct.parent[r]! - n;
    const lam = ct.lambda[r]!;
    if (c < n) {
      left[c] = pi;
      leftLambda[c] = lam;
      if (lam > maxLambda[pi]!) maxLambda[pi] = lam;
    } else {
      clusterParent[c - n] = pi;
    }
  }
  for (let ci = k - 1; ci > 0; ci--) {
    const pi = clusterParent[ci]!;
    if (pi >= 0 && maxLambda[ci]! > maxLambda[pi]!) maxLambda[pi] = maxLambda[ci]!;
  }
  const scores = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const ci = left[p]!;
    if (ci < 0) continue; // no row (only when n < 2)
    const lam = leftLambda[p]!;
    const max = maxLambda[ci]!;
    if (lam === Infinity || max === 0) scores[p] = 0;
    else if (max === Infinity) scores[p] = 1;
    else scores[p] = 1 - lam / max;
  }
  return scores;
}
