import type { ResolvedUmapParams } from './params';

/** Wall-clock milliseconds of each stage of a fit, for profiling and the pipeline's stage timings. */
export interface UmapFitTimings {
  knnMs: number;
  graphMs: number;
  initMs: number;
  optimizeMs: number;
  /** Epochs actually run (nEpochs, or the warm-start epochs). */
  epochs: number;
  /** Whether the fit started from a previous layout. */
  warmStart: boolean;
}

/**
 * A fitted model as plain data (typed arrays and numbers) so it can be posted between worker threads.
 * `vectors` is the array given to fitUmap (a reference, not a copy): do not mutate it while the model is used.
 */
export interface UmapModelData {
  /** Training vectors, row-major n x dim. */
  vectors: Float32Array;
  dim: number;
  n: number;
  nComponents: number;
  /** Layout of the training points, row-major n x nComponents. */
  embedding: Float32Array;
  /** Curve 1 / (1 + a d^(2b)) fitted from minDist and spread. */
  a: number;
  b: number;
  /** Parameters as used (defaults filled, nNeighbors clamped to n). */
  params: ResolvedUmapParams;
  timings: UmapFitTimings;
}
