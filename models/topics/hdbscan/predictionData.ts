import { clusterTree } from './clusterTree';
import type { HdbscanParams, HdbscanResult } from './hdbscan';
import { HdbscanPredictError } from './predictErrors';
import type { KdTreeData } from './KdTree';
import { predictionTree } from './predictSearch';

/**
 * Everything `approximatePredict` needs from a fit, as plain typed arrays and numbers (no class instances, no
 * closures), so a fit made in a worker can be posted to the main thread. Cluster indices below are condensed-tree
 * ids minus the number of training points (0 = the root).
 */
export interface HdbscanPredictionData {
  readonly nPoints: number;
  readonly dims: number;
  /** k of the core distances, counting the point itself (the fit's `minSamples`). */
  readonly minSamples: number;
  /** Number of labels of the fit (labels 0..nClusters-1). */
  readonly nClusters: number;
  /** The training points as a k-d tree (`KdTree.fromData` searches it); a single leaf above KD_TREE_MAX_DIMS. */
  readonly search: KdTreeData;
  /** Core distance of each training point, by tree position (`search.index[pos]` is its row). */
  readonly coreDistances: Float64Array;
  /** Cluster each training point left in the condensed tree, by row. */
  readonly pointCluster: Int32Array;
  /** Lambda (1 / distance) at which each training point left it, by row; Infinity for a duplicate group's points. */
  readonly pointLambda: Float64Array;
  /** Parent of each cluster (-1 for the root). */
  readonly clusterParent: Int32Array;
  /** Lambda at which each cluster was born (0 for the root). */
  readonly clusterBirthLambda: Float64Array;
  /**
   * Label of a point that leaves this cluster: that of its nearest selected ancestor-or-self, -1 when there is
   * none. The root is labelled (0) only when it is the one selected cluster, and then subject to
   * `singleClusterLambda`.
   */
  readonly clusterLabel: Int32Array;
  /** Divisor of the membership probabilities of each label: the same "death" lambda the fit's probabilities use. */
  readonly labelDeathLambda: Float64Array;
  /**
   * When the root is the single selected cluster (allowSingleCluster), a point leaving through the root is in it
   * only if it leaves at lambda >= this value (1 / epsilon, or the root's largest lambda), as in the fit; else null.
   */
  readonly singleClusterLambda: number | null;
}

/**
 * Extracts, once after a fit, what `approximatePredict` needs. Copies what it keeps: later changes to `points` or
 * `result` do not affect it.
 *
 * @param points the row-major n x dims points the fit was made on
 * @param dims number of columns
 * @param result what `hdbscan(points, dims, params)` returned
 * @param params the parameters of that fit
 * @throws HdbscanPredictError (RESULT_MISMATCH) when points, dims and result do not describe the same fit
 * @example
 * const fit = hdbscan(points, 11, params);
 * const data = hdbscanPredictionData(points, 11, fit, params); // post it to the main thread
 * const { labels, probabilities } = approximatePredict(data, newPoints);
 */
export function hdbscanPredictionData(
  points: Float64Array,
  dims: number,
  result: HdbscanResult,
  params: HdbscanParams,
): HdbscanPredictionData {
  if (!Number.isInteger(dims) || dims < 1)
    throw new HdbscanPredictError('INVALID_DIMS', `dims must be a positive integer, got ${dims}`);
  const ct = result.condensedTree;
  const n = ct.nPoints;
  if (points.length !== n * dims) {
    throw new HdbscanPredictError(
      'RESULT_MISMATCH',
      `points.length (${points.length}) is not nPoints (${n}, from result.condensedTree) x dims (${dims})`,
    );
  }
  if (result.coreDistances.length !== n || result.labels.length !== n) {
    throw new HdbscanPredictError(
      'RESULT_MISMATCH',
      `result.coreDistances (${result.coreDistances.length}) and result.labels (${result.labels.length}) must have nPoints (${n}) entries`,
    );
  }
  const minSamples = params.minSamples ?? params.minClusterSize;
  const epsilon = params.clusterSelectionEpsilon ?? 0;
  const tree = clusterTree(ct);
  const k = tree.nClusters;

  const search = predictionTree(points, dims).toData();
  const coreDistances = new Float64Array(n);
  for (let p = 0; p < n; p++) coreDistances[p] = result.coreDistances[search.index[p]!]!;

  const pointCluster = new Int32Array(n);
  const pointLambda = new Float64Array(n);
  for (let r = 0; r < ct.child.length; r++) {
    const c = ct.child[r]!;
    if (c < n) {
      pointCluster[c] = ct.parent[r]! - n;
      pointLambda[c] = ct.lambda[r]!;
    }
  }

  // The selection is read back from result.clusterIds, so prediction follows the fit's labels exactly.
  const nClusters = result.clusterIds.length;
  const selectedLabel = new Int32Array(k).fill(-1);
  for (let i = 0; i < nClusters; i++) selectedLabel[result.clusterIds[i]! - n] = i;
  const singleRoot = nClusters === 1 && selectedLabel[0] === 0;
  const clusterLabel = new Int32Array(k).fill(-1);
  if (singleRoot) clusterLabel.fill(0);
  else
    for (let c = 1; c < k; c++)
      clusterLabel[c] = selectedLabel[c]! >= 0 ? selectedLabel[c]! : clusterLabel[tree.parent[c]!]!;

  const labelDeathLambda = Float64Array.from(result.clusterIds, (id) => tree.sklearnDeathLambda[id - n]!);
  return {
    nPoints: n,
    dims,
    minSamples,
    nClusters,
    search,
    coreDistances,
    pointCluster,
    pointLambda,
    clusterParent: Int32Array.from(tree.parent),
    clusterBirthLambda: Float64Array.from(tree.birthLambda),
    clusterLabel,
    labelDeathLambda,
    singleClusterLambda: singleRoot ? (epsilon !== 0 ? 1 / epsilon : tree.maxLambda[0]!) : null,
  };
}
