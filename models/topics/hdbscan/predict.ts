import { HdbscanPredictError } from './predictErrors';
import type { HdbscanPredictionData } from './predictionData';
import { KdTree } from './KdTree';
import { kdSearchScratch, kNearest, type KdSearchScratch } from './kdSearch';
import { nearestMutualReachability } from './predictSearch';

export { hdbscanPredictionData, type HdbscanPredictionData } from './predictionData';

/** Label (-1 noise) and membership probability in [0, 1] of each predicted point. */
export interface HdbscanPrediction {
  labels: Int32Array;
  probabilities: Float64Array;
}

/*
 * How a new point is placed (the Python hdbscan library's `approximate_predict`, on our condensed tree):
 *
 * 1. Its core distance is the distance to its (minSamples - 1)-th nearest training point: minSamples counts the
 *    point itself, as in the fit (scikit-learn's convention), so minSamples = 1 gives 0. The library takes its
 *    min_samples-th nearest training point instead, one further than the fit's own convention; with
 *    minSamples = 1 both attach the point to its nearest neighbour at the same lambda.
 * 2. It attaches to the training point q with the smallest mutual-reachability distance
 *    mr = max(core(q), core(new), distance), searched over all training points (the library looks only among the
 *    2 * min_samples nearest), at lambda = 1 / mr: that is the edge it would get in the spanning tree.
 * 3. If q left its cluster C at lambda_q <= lambda, q was already on its own at that level: the new point leaves C
 *    with q, at lambda_q (the library's `_extend_condensed_tree` does the same; its `approximate_predict` keeps
 *    lambda for the probability, which can rank a point above the neighbour it leaves with). Otherwise it joins at lambda the cluster alive then: walk up from C while the cluster was
 *    born at a lambda >= lambda (the library's rule, ties going up).
 * 4. Its label is that of the nearest selected cluster at or above that one (noise if none, as for a fitted point
 *    leaving there); probability = min(lambda, D) / D with D the label's death lambda, as in the fit.
 *
 * An exact duplicate of a training point (distance 0) takes that point's place (cluster and lambda) outright: the
 * two are indistinguishable, so any refit would treat them alike, and lambda = 1/0 never enters the arithmetic.
 *
 * Hand-made example (1-D, minClusterSize 3, minSamples 1): training points 0, 0.1, 0.2 | 5, 5.1, 5.2. The
 * condensed tree's root splits at distance 4.8 into A = {0, 0.1, 0.2} and B = {5, 5.1, 5.2}, both selected;
 * A's points leave it at lambda 10 (distance 0.1). A new point at 0.15 attaches to 0.1 or 0.2 at distance 0.05,
 * lambda 20 > 10: it leaves A with its neighbour at lambda 10, label A, probability 10/10 = 1. A new point at -1
 * attaches to 0 at lambda 1: A was born at 1/4.8 < 1, so it stays in A with probability 1/10 = 0.1. A new point at
 * 2.4 attaches to 0.2 at lambda 1/2.2 > 1/4.8: still A (probability 1/22). One at -10 has lambda 0.1 < 1/4.8: A
 * did not exist yet, so it leaves the root: noise, probability 0. The library gives the same answers (its own
 * min_samples = 1 here means the same core distances of 0 for the training points). The test file checks them.
 */

/** Predicts one point; writes its label and probability at index `i` of `out`. */
function predictInto(
  data: HdbscanPredictionData,
  tree: KdTree,
  scratch: KdSearchScratch,
  query: Float64Array,
  off: number,
  excludePos: number,
  out: HdbscanPrediction,
  i: number,
): void {
  const k = Math.max(1, data.minSamples - 1);
  const found = kNearest(tree, scratch, query, off, k, excludePos);
  if (found === 0) return;
  // The heap root holds the k-th nearest; the nearest is found by scanning (k is small).
  let nearestPos = -1;
  let nearestSq = Infinity;
  for (let h = 0; h < found; h++) {
    const s = scratch.heap[h]!;
    const pos = scratch.heapPos[h]!;
    if (s < nearestSq || (s === nearestSq && tree.index[pos]! < tree.index[nearestPos]!)) {
      nearestSq = s;
      nearestPos = pos;
    }
  }
  let cluster: number;
  let lambda: number;
  if (nearestSq === 0) {
    const row = tree.index[nearestPos]!;
    cluster = data.pointCluster[row]!;
    lambda = data.pointLambda[row]!;
  } else {
    const queryCore = data.minSamples > 1 ? Math.sqrt(scratch.heap[0]!) : 0;
    const nb = nearestMutualReachability(tree, scratch, data.coreDistances, query, off, queryCore, excludePos);
    const row = tree.index[nb.pos]!;
    // reachability >= distance > 0 here, so lambda is finite.
    lambda = 1 / nb.reachability;
    cluster = data.pointCluster[row]!;
    const leftAt = data.pointLambda[row]!;
    if (leftAt <= lambda) lambda = leftAt;
    else while (cluster !== 0 && data.clusterBirthLambda[cluster]! >= lambda) cluster = data.clusterParent[cluster]!;
  }
  let label = data.clusterLabel[cluster]!;
  if (label >= 0 && data.singleClusterLambda !== null && lambda < data.singleClusterLambda) label = -1;
  if (label < 0) return;
  out.labels[i] = label;
  const death = data.labelDeathLambda[label]!;
  out.probabilities[i] = death === 0 || !Number.isFinite(lambda) ? 1 : Math.min(lambda, death) / death;
}

function checkData(data: HdbscanPredictionData): void {
  const { nPoints, dims, search } = data;
  if (
    search.coords.length !== nPoints * dims ||
    data.coreDistances.length !== nPoints ||
    data.pointCluster.length !== nPoints
  ) {
    throw new HdbscanPredictError(
      'INVALID_PREDICTION_DATA',
      `prediction data is inconsistent: search.coords (${search.coords.length}), coreDistances (${data.coreDistances.length}) and pointCluster (${data.pointCluster.length}) do not match nPoints ${nPoints} x dims ${dims}`,
    );
  }
}

function emptyPrediction(m: number): HdbscanPrediction {
  return { labels: new Int32Array(m).fill(-1), probabilities: new Float64Array(m) };
}

/**
 * Label (-1 noise) and membership probability of each new point, as if it had been part of the fit, without
 * changing the fit (the Python hdbscan library's `approximate_predict`; see the rules above). Labels are the fit's.
 * Exact nearest-neighbour search: k-d tree up to KD_TREE_MAX_DIMS dimensions, brute force above.
 *
 * @param data from `hdbscanPredictionData` after the fit
 * @param newPoints row-major m x data.dims points
 * @throws HdbscanPredictError (INVALID_POINTS) naming the first row of the wrong length or with a non-finite value
 * @example
 * const { labels, probabilities } = approximatePredict(data, Float64Array.of(0.3, 1.2)); // one 2-D point
 */
export function approximatePredict(data: HdbscanPredictionData, newPoints: Float64Array): HdbscanPrediction {
  checkData(data);
  const dims = data.dims;
  if (newPoints.length % dims !== 0) {
    throw new HdbscanPredictError(
      'INVALID_POINTS',
      `newPoints.length (${newPoints.length}) is not a multiple of dims (${dims}): row ${Math.floor(newPoints.length / dims)} is incomplete`,
    );
  }
  for (let i = 0; i < newPoints.length; i++) {
    if (!Number.isFinite(newPoints[i]!))
      throw new HdbscanPredictError(
        'INVALID_POINTS',
        `newPoints has a non-finite value (${newPoints[i]}) at row ${Math.floor(i / dims)}, column ${i % dims}`,
      );
  }
  const m = newPoints.length / dims;
  const out = emptyPrediction(m);
  if (data.nClusters === 0) return out;
  const tree = KdTree.fromData(data.search);
  const scratch = kdSearchScratch(tree, Math.max(1, data.minSamples - 1));
  for (let i = 0; i < m; i++) predictInto(data, tree, scratch, newPoints, i * dims, -1, out, i);
  return out;
}

/**
 * Predicts every training point from the others (its own row left out of the search; the fit is not redone), by
 * row. Measures how faithfully `approximatePredict` reproduces the fit: a point predicted from its neighbours
 * should mostly get its fitted label.
 */
export function leaveOneOutPredict(data: HdbscanPredictionData): HdbscanPrediction {
  checkData(data);
  const out = emptyPrediction(data.nPoints);
  if (data.nClusters === 0 || data.nPoints < 2) return out;
  const { search, dims } = data;
  const tree = KdTree.fromData(search);
  const scratch = kdSearchScratch(tree, Math.max(1, data.minSamples - 1));
  const byPos = emptyPrediction(1);
  for (let pos = 0; pos < data.nPoints; pos++) {
    byPos.labels[0] = -1;
    byPos.probabilities[0] = 0;
    predictInto(data, tree, scratch, search.coords, pos * dims, pos, byPos, 0);
    const row = search.index[pos]!;
    out.labels[row] = byPos.labels[0]!;
    out.probabilities[row] = byPos.probabilities[0]!;
  }
  return out;
}
