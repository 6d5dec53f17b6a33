import type { CondensedTree } from './condensedTree';

/**
 * Per-cluster view of a condensed tree, indexed by cluster id - nPoints (index 0 is the root):
 * parent cluster, birth lambda, size, cluster children, "death" lambda used by the probabilities, and
 * stability = sum over its rows of (lambda - birth lambda) * childSize.
 */
export interface ClusterTree {
  readonly nPoints: number;
  readonly nClusters: number;
  readonly parent: Int32Array;
  readonly birthLambda: Float64Array;
  readonly size: Int32Array;
  readonly children: readonly (readonly number[])[];
  /** Largest lambda among the cluster's own rows. */
  readonly maxLambda: Float64Array;
  /**
   * scikit-learn 1.9's `max_lambdas`: it scans the condensed tree in row order and keeps, for each parent, the
   * largest lambda of the LAST contiguous run of rows with that parent (it assumes a parent's rows are contiguous,
   * which breadth-first condensing does not give). Its probabilities_ divide by this value, so we reproduce it.
   */
  readonly sklearnDeathLambda: Float64Array;
  readonly stability: Float64Array;
}

export function clusterTree(ct: CondensedTree): ClusterTree {
  const n = ct.nPoints;
  const k = ct.nClusters;
  const parent = new Int32Array(k).fill(-1);
  const birthLambda = new Float64Array(k);
  const size = new Int32Array(k);
  size[0] = n;
  const children: number[][] = Array.from({ length: k }, () => []);
  const maxLambda = new Float64Array(k);
  const stability = new Float64Array(k);
  const rows = ct.child.length;
  for (let r = 0; r < rows; r++) {
    const c = ct.child[r]!;
    if (c < n) continue;
    const ci = c - n;
    const pi = ct.parent[r]! - n;
    parent[ci] = pi;
    birthLambda[ci] = ct.lambda[r]!;
    size[ci] = ct.childSize[r]!;
    children[pi]!.push(ci);
  }
  for (let r = 0; r < rows; r++) {
    const pi = ct.parent[r]! - n;
    const l = ct.lambda[r]!;
    if (l > maxLambda[pi]!) maxLambda[pi] = l;
    // Infinity - Infinity = NaN, like scikit-learn; a star MST keeps duplicate groups from producing it.
    stability[pi] = stability[pi]! + (l - birthLambda[pi]!) * ct.childSize[r]!;
  }
  const sklearnDeathLambda = new Float64Array(k);
  let run = -1;
  let runMax = 0;
  for (let r = 0; r <= rows; r++) {
    const pi = r < rows ? ct.parent[r]! - n : -2;
    if (pi === run) {
      if (ct.lambda[r]! > runMax) runMax = ct.lambda[r]!;
      continue;
    }
    if (run >= 0) sklearnDeathLambda[run] = runMax;
    run = pi;
    runMax = r < rows ? ct.lambda[r]! : 0;
  }
  return { nPoints: n, nClusters: k, parent, birthLambda, size, children, maxLambda, sklearnDeathLambda, stability };
}
