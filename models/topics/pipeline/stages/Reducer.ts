import type { PipelineStage } from '../../../../contracts/analysis';
import type { KnnGraph } from '../../knn';
import type { LayoutExecutor } from '../../umap/parallelLayout';

/** Options of a reducer's fit that the live engine sets (a warm start from the previous refit). */
export interface ReducerFitOptions {
  /** The vectors' neighbours, `neighboursNeeded(n)` of each (the pipeline's neighbour search found them). */
  knn: KnnGraph;
  /** Previous positions, n x dims rows (NaN rows for vectors new since then). */
  initial?: Float32Array;
  /** Epochs of a warm start. */
  warmEpochs?: number;
  /** Threads for the layout's optimisation, where the reducer can use them (UMAP: `fitUmap`'s layoutExecutor). */
  layoutExecutor?: LayoutExecutor;
}

/** A reducer's fit: the layout of the training vectors and what `transform` needs (plain data, posted between threads). */
export interface ReducerFit<Model> {
  /** Row-major n x dims. */
  embedding: Float32Array;
  model: Model;
}

/**
 * The dimension reduction of the topic pipeline: message vectors to a low-dimensional layout that the clusterer reads,
 * and later messages placed in the same layout. UMAP today (`umapReducer`).
 *
 * @typeParam Model the fitted data `transform` reads (structured-cloneable)
 */
export interface Reducer<Model = unknown> {
  readonly kind: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Dimensions of the layout. */
  readonly dims: number;
  readonly timingStage: PipelineStage;
  /** Neighbours per vector its fit needs, for n vectors (0: none). */
  neighboursNeeded(n: number): number;
  /** @param vectors row-major n x dim */
  fit(vectors: Float32Array, dim: number, options: ReducerFitOptions): ReducerFit<Model>;
  /**
   * Places new vectors in the fitted layout without moving it.
   * @param options `knn`: the new vectors' neighbours among the fitted ones, when a faster search found them
   * @returns row-major m x dims
   */
  transform(model: Model, vectors: Float32Array, options?: { knn?: KnnGraph }): Float32Array;
}
