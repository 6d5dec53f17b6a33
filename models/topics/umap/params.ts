import type { KnnMetric } from '../knn';
import { UmapParamError } from './errors';

/** UMAP hyper-parameters; names and defaults follow umap-learn. */
export interface UmapParams {
  /** Size of the local neighbourhood, counting the point itself (umap-learn's meaning); default 15. */
  nNeighbors?: number;
  /** Dimensions of the layout; default 2. */
  nComponents?: number;
  /** Smallest distance between embedded points; default 0.1. */
  minDist?: number;
  /** Scale of the embedded points (with minDist, sets the a/b curve); default 1. */
  spread?: number;
  /** Distance between input vectors; default 'cosine'. */
  metric?: KnnMetric;
  /** SGD epochs; default 500 when n <= 10000, else 200 (umap-learn's rule). */
  nEpochs?: number;
  /** Initial SGD step size, decaying linearly to 0; default 1. */
  learningRate?: number;
  /** Negative samples per positive sample; default 5. */
  negativeSampleRate?: number;
  /** Weight of the repulsive term (gamma); default 1. */
  repulsionStrength?: number;
  /** Neighbours assumed fully connected (rho); default 1. */
  localConnectivity?: number;
  /** 1 = fuzzy union of the directed kNN sets, 0 = fuzzy intersection; default 1. */
  setOpMixRatio?: number;
  /** Initial layout; default 'spectral'. */
  init?: 'spectral' | 'random';
  /** Seed of every random choice; default 42. */
  seed?: number;
}

/** Every parameter with its value; `nNeighbors` already clamped to the number of points. */
export type ResolvedUmapParams = Required<UmapParams>;

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function fail(name: string, rule: string, value: unknown): never {
  throw new UmapParamError('INVALID_PARAM', `UMAP parameter ${name} must be ${rule}, got ${String(value)}`);
}

/**
 * Fills defaults and validates. `nNeighbors` above n is clamped to n (every other point is then a neighbour),
 * so a small live window still gets a layout; the model records the clamped value.
 *
 * @param params user parameters
 * @param n number of training points (>= 2)
 * @throws UmapParamError (INVALID_PARAM) naming the parameter
 */
export function resolveUmapParams(params: UmapParams, n: number): ResolvedUmapParams {
  const p = params;
  const nNeighbors = p.nNeighbors ?? 15;
  if (!isInt(nNeighbors) || nNeighbors < 2) fail('nNeighbors', 'an integer >= 2', nNeighbors);
  const nComponents = p.nComponents ?? 2;
  if (!isInt(nComponents) || nComponents < 1) fail('nComponents', 'an integer >= 1', nComponents);
  const spread = p.spread ?? 1;
  if (!isNum(spread) || spread <= 0) fail('spread', 'a finite number > 0', spread);
  const minDist = p.minDist ?? 0.1;
  if (!isNum(minDist) || minDist < 0 || minDist > spread)
    fail('minDist', `a number in [0, spread = ${spread}]`, minDist);
  const metric = p.metric ?? 'cosine';
  if (metric !== 'cosine' && metric !== 'euclidean') fail('metric', "'cosine' or 'euclidean'", metric);
  const nEpochs = p.nEpochs ?? (n <= 10000 ? 500 : 200);
  if (!isInt(nEpochs) || nEpochs < 0) fail('nEpochs', 'an integer >= 0', nEpochs);
  const learningRate = p.learningRate ?? 1;
  if (!isNum(learningRate) || learningRate <= 0) fail('learningRate', 'a finite number > 0', learningRate);
  const negativeSampleRate = p.negativeSampleRate ?? 5;
  if (!isNum(negativeSampleRate) || negativeSampleRate < 0)
    fail('negativeSampleRate', 'a finite number >= 0', negativeSampleRate);
  const repulsionStrength = p.repulsionStrength ?? 1;
  if (!isNum(repulsionStrength) || repulsionStrength < 0)
    fail('repulsionStrength', 'a finite number >= 0', repulsionStrength);
  const localConnectivity = p.localConnectivity ?? 1;
  if (!isNum(localConnectivity) || localConnectivity < 0)
    fail('localConnectivity', 'a finite number >= 0', localConnectivity);
  const setOpMixRatio = p.setOpMixRatio ?? 1;
  if (!isNum(setOpMixRatio) || setOpMixRatio < 0 || setOpMixRatio > 1)
    fail('setOpMixRatio', 'a number in [0, 1]', setOpMixRatio);
  const init = p.init ?? 'spectral';
  if (init !== 'spectral' && init !== 'random') fail('init', "'spectral' or 'random'", init);
  const seed = p.seed ?? 42;
  if (!isInt(seed)) fail('seed', 'an integer', seed);
  return {
    nNeighbors: Math.min(nNeighbors, n),
    nComponents,
    minDist,
    spread,
    metric,
    nEpochs,
    learningRate,
    negativeSampleRate,
    repulsionStrength,
    localConnectivity,
    setOpMixRatio,
    init,
    seed,
  };
}
