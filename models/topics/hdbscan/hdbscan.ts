import { clusterTree } from './clusterTree';
import { condenseTree, type CondensedTree } from './condensedTree';
import { kdCoreDistancesAndMst } from './boruvkaMst';
import { coreDistances } from './coreDistances';
import { HdbscanParamError } from './errors';
import { outlierScores } from './glosh';
import { labelPoints } from './labels';
import { mutualReachabilityMst, type SpanningTree } from './mst';
import { selectClusters, type ClusterSelectionMethod } from './selectClusters';
import { singleLinkageTree } from './singleLinkage';

export interface HdbscanParams {
  /** Smallest cluster size (>= 2); a split side with at least this many points is a new cluster. */
  minClusterSize: number;
  /** k of the core distance, counting the point itself (scikit-learn's and R's meaning); default minClusterSize. */
  minSamples?: number;
  clusterSelectionMethod?: ClusterSelectionMethod;
  clusterSelectionEpsilon?: number;
  allowSingleCluster?: boolean;
  /** With `eom`, clusters larger than this give way to their children (scikit-learn's max_cluster_size); 0 or absent = no limit. */
  maxClusterSize?: number;
}

export interface HdbscanResult {
  /** -1 = noise, clusters 0..nClusters-1 (scikit-learn's numbering for the same tree). */
  labels: Int32Array;
  /** scikit-learn's probabilities_. */
  probabilities: Float64Array;
  nClusters: number;
  coreDistances: Float64Array;
  /**
   * Minimum spanning tree of the mutual-reachability graph: Prim's order for dims > KD_TREE_MAX_DIMS, otherwise
   * Boruvka's tree with edges sorted by (weight, from, to). Equal weights (not always the same edges) either way.
   */
  mst: SpanningTree;
  condensedTree: CondensedTree;
  /** Condensed-tree id of each cluster label. */
  clusterIds: Int32Array;
  /** GLOSH outlier score of each point, in [0, 1] (see glosh.ts); independent of the cluster selection. */
  outlierScores: Float64Array;
}

/** Above this many dimensions a k-d tree prunes too little; brute force and Prim are used instead. */
export const KD_TREE_MAX_DIMS = 16;

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);

/** Checks points and parameters; throws HdbscanParamError. Returns the number of points. */
export function validateHdbscanInput(points: Float64Array, dims: number, params: HdbscanParams): number {
  if (!isInt(dims) || dims < 1)
    throw new HdbscanParamError('INVALID_DIMS', `dims must be a positive integer, got ${dims}`);
  if (points.length % dims !== 0)
    throw new HdbscanParamError(
      'INVALID_POINTS',
      `points.length (${points.length}) is not a multiple of dims (${dims})`,
    );
  const n = points.length / dims;
  for (let i = 0; i < points.length; i++) {
    if (!Number.isFinite(points[i]!))
      throw new HdbscanParamError('INVALID_POINTS', `points contain a non-finite value at row ${Math.floor(i / dims)}`);
  }
  const {
    minClusterSize,
    minSamples = minClusterSize,
    clusterSelectionMethod = 'eom',
    clusterSelectionEpsilon = 0,
  } = params;
  if (!isInt(minClusterSize) || minClusterSize < 2)
    throw new HdbscanParamError(
      'INVALID_MIN_CLUSTER_SIZE',
      `minClusterSize must be an integer >= 2, got ${minClusterSize}`,
    );
  if (!isInt(minSamples) || minSamples < 1)
    throw new HdbscanParamError('INVALID_MIN_SAMPLES', `minSamples must be an integer >= 1, got ${minSamples}`);
  if (minSamples > n)
    throw new HdbscanParamError(
      'MIN_SAMPLES_TOO_LARGE',
      `minSamples (${minSamples}) must be at most the number of points (${n})`,
    );
  if (n < 2) throw new HdbscanParamError('TOO_FEW_POINTS', `need at least 2 points, got ${n}`);
  if (
    typeof clusterSelectionEpsilon !== 'number' ||
    !Number.isFinite(clusterSelectionEpsilon) ||
    clusterSelectionEpsilon < 0
  ) {
    throw new HdbscanParamError(
      'INVALID_EPSILON',
      `clusterSelectionEpsilon must be a finite number >= 0, got ${clusterSelectionEpsilon}`,
    );
  }
  const { maxClusterSize = 0 } = params;
  if (!isInt(maxClusterSize) || maxClusterSize < 0)
    throw new HdbscanParamError(
      'INVALID_MAX_CLUSTER_SIZE',
      `maxClusterSize must be an integer >= 0 (0 = no limit), got ${maxClusterSize}`,
    );
  if (clusterSelectionMethod !== 'eom' && clusterSelectionMethod !== 'leaf') {
    throw new HdbscanParamError(
      'INVALID_METHOD',
      `clusterSelectionMethod must be 'eom' or 'leaf', got ${String(clusterSelectionMethod)}`,
    );
  }
  return n;
}

/**
 * HDBSCAN with Euclidean distance, following scikit-learn 1.9's HDBSCAN (alpha 1). `points` is row-major n x dims.
 * Up to KD_TREE_MAX_DIMS dimensions, core distances and the MST come from a k-d tree (kNN search and Boruvka),
 * sub-quadratic for low-dimensional data; above that, brute-force core distances and Prim's MST, O(n^2 d) time.
 * O(n) memory either way.
 */
export function hdbscan(points: Float64Array, dims: number, params: HdbscanParams): HdbscanResult {
  const n = validateHdbscanInput(points, dims, params);
  const minSamples = params.minSamples ?? params.minClusterSize;
  const epsilon = params.clusterSelectionEpsilon ?? 0;
  const allowSingleCluster = params.allowSingleCluster ?? false;
  let core: Float64Array;
  let mst: SpanningTree;
  if (dims <= KD_TREE_MAX_DIMS) {
    ({ core, mst } = kdCoreDistancesAndMst(points, dims, minSamples));
  } else {
    core = coreDistances(points, dims, minSamples);
    mst = mutualReachabilityMst(points, dims, core);
  }
  const slt = singleLinkageTree(mst, n);
  const condensed = condenseTree(slt, params.minClusterSize);
  const tree = clusterTree(condensed);
  const selected = selectClusters(tree, {
    method: params.clusterSelectionMethod ?? 'eom',
    epsilon,
    allowSingleCluster,
    maxClusterSize: params.maxClusterSize ?? 0,
  });
  const { labels, probabilities, clusterIds } = labelPoints(condensed, tree, selected, allowSingleCluster, epsilon);
  return {
    labels,
    probabilities,
    nClusters: clusterIds.length,
    coreDistances: core,
    mst,
    condensedTree: condensed,
    clusterIds,
    outlierScores: outlierScores(condensed),
  };
}
