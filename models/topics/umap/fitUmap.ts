import { exactKnn, type KnnGraph } from '../knn';
import { findAbParams } from './curve';
import { UmapParamError } from './errors';
import { fuzzySimplicialSet } from './fuzzySimplicialSet';
import { initialLayout, warmStartLayout } from './initialLayout';
import { takeKnnColumns } from './knnInput';
import { edgeSchedule, optimizeLayout, type SgdKernelChoice } from './optimizeLayout';
import { optimizeLayoutParallel, type LayoutExecutor } from './parallelLayout';
import { resolveUmapParams, type UmapParams } from './params';
import { Xoshiro128StarStar, xorshift32Seed } from '../../random';
import type { UmapModelData } from './UmapModelData';
import { validateVectors } from './validateVectors';

export interface UmapFitOptions {
  /**
   * Precomputed neighbours of the training vectors (excludeSelf semantics, k >= nNeighbors - 1), e.g. from ONNX
   * Runtime; without it exactKnn runs here (O(n^2 dim): fine for a few thousand points).
   */
  knn?: KnnGraph;
  /**
   * Warm start: an n x nComponents layout (e.g. the previous refit's positions of the messages still in the
   * window); rows of new messages are all NaN and are placed at the weighted mean of their placed neighbours.
   * The layout is used as is (not rescaled), so positions stay comparable with the previous fit.
   */
  initial?: Float32Array;
  /** Epochs run from a warm start; default round(nEpochs / 4). */
  warmEpochs?: number;
  /**
   * Threads for the layout SGD (`optimizeLayoutParallel`): with an executor of 2+ threads and at least
   * PARALLEL_LAYOUT_MIN_POINTS points, the SGD is split over its threads (reproducible for a given seed and thread
   * count, but not the single-threaded result); without one, the single-threaded SGD, as umap-learn runs it.
   */
  layoutExecutor?: LayoutExecutor;
  /** Sub-rounds per epoch of the parallel layout (default 8): threads see each other's moves between them. */
  layoutSubRounds?: number;
  /** The layout SGD's inner loop (SgdSettings.kernel): 'auto' (default, WebAssembly SIMD where available) or 'js'. */
  layoutKernel?: SgdKernelChoice;
}

/** Below this many points a parallel layout's barriers would cost more than its threads save. */
export const PARALLEL_LAYOUT_MIN_POINTS = 1000;
const DEFAULT_LAYOUT_SUB_ROUNDS = 8;

/**
 * UMAP (McInnes, Healy & Melville 2018) as umap-learn computes it: exact kNN, smoothed fuzzy memberships, fuzzy
 * union, spectral (or random) initialisation, then SGD with negative sampling on the a/b curve.
 * A warm start resumes from a given layout for `warmEpochs` epochs with the tail of the step-size schedule
 * (initial step learningRate * warmEpochs / nEpochs), which refines positions without reshuffling them.
 *
 * @param vectors row-major n x dim (n >= 2); kept by reference in the model
 * @param dim values per vector
 * @param params hyper-parameters (umap-learn's names and defaults); nNeighbors above n is clamped to n
 * @param options precomputed kNN, warm-start layout
 * @throws UmapParamError naming the parameter, field or row at fault
 * @example
 * const model = fitUmap(vectors, 256, { nNeighbors: 100, nComponents: 10, minDist: 0.99, nEpochs: 200 }, { knn });
 * const next = fitUmap(nextVectors, 256, model.params, { knn: nextKnn, initial: previousPositionsOrNaN });
 */
export function fitUmap(
  vectors: Float32Array,
  dim: number,
  params: UmapParams = {},
  options: UmapFitOptions = {},
): UmapModelData {
  const n = validateVectors(vectors, dim, 'vectors');
  if (n < 2) throw new UmapParamError('TOO_FEW_POINTS', `UMAP needs at least 2 vectors, got ${n}`);
  const p = resolveUmapParams(params, n);
  const k = p.nNeighbors - 1;
  const warmEpochs = options.warmEpochs ?? Math.max(1, Math.round(p.nEpochs / 4));
  if (!Number.isInteger(warmEpochs) || warmEpochs < 0)
    throw new UmapParamError('INVALID_PARAM', `warmEpochs must be an integer >= 0, got ${warmEpochs}`);

  const t0 = performance.now();
  const knn = options.knn
    ? takeKnnColumns(options.knn, n, k, n, true)
    : exactKnn(vectors, vectors, dim, k, { metric: p.metric, excludeSelf: true });
  const t1 = performance.now();
  const graph = fuzzySimplicialSet(n, k, knn.indices, knn.distances, p);
  const t2 = performance.now();
  const random = new Xoshiro128StarStar(p.seed);
  const { a, b } = findAbParams(p.spread, p.minDist);
  const warm = options.initial ? warmStartLayout(options.initial, graph, p.nComponents, random) : null;
  const embedding = warm ?? initialLayout(graph, p.nComponents, p.init, random, { vectors, dim, metric: p.metric });
  const epochs = warm ? warmEpochs : p.nEpochs;
  const t3 = performance.now();
  if (epochs > 0) {
    const initialAlpha = warm ? p.learningRate * Math.min(1, warmEpochs / Math.max(1, p.nEpochs)) : p.learningRate;
    const schedule = edgeSchedule(graph, epochs);
    const settings = {
      dims: p.nComponents,
      nEpochs: epochs,
      a,
      b,
      gamma: p.repulsionStrength,
      initialAlpha,
      negativeSampleRate: p.negativeSampleRate,
      moveOther: true,
      kernel: options.layoutKernel ?? 'auto',
    };
    const executor = options.layoutExecutor;
    if (executor && executor.threads > 1 && n >= PARALLEL_LAYOUT_MIN_POINTS)
      optimizeLayoutParallel(
        embedding,
        n,
        schedule,
        settings,
        xorshift32Seed(random),
        executor,
        options.layoutSubRounds ?? DEFAULT_LAYOUT_SUB_ROUNDS,
      );
    else optimizeLayout(embedding, embedding, n, schedule, settings, xorshift32Seed(random));
  }
  const t4 = performance.now();
  return {
    vectors,
    dim,
    n,
    nComponents: p.nComponents,
    embedding,
    a,
    b,
    params: p,
    timings: {
      knnMs: t1 - t0,
      graphMs: t2 - t1,
      initMs: t3 - t2,
      optimizeMs: t4 - t3,
      epochs,
      warmStart: warm !== null,
    },
  };
}
