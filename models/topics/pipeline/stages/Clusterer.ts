import type { PipelineStage } from '../../../../contracts/analysis';
import type { ClustererKind } from '../../../../contracts/pipelineStages';

/** Below this many messages nothing is clustered: every message is noise (UMAP and any clusterer need a crowd). */
export const MIN_MESSAGES_TO_CLUSTER = 10;

/** A clustering of n points: labels -1 (noise) or 0..nClusters-1, with what the clusterer knows of each point. */
export interface ClusterFit<Model> {
  labels: Int32Array;
  nClusters: number;
  /** Membership strength in [0, 1]: HDBSCAN's probabilities; 1 for every point of a hard clusterer (k-means). */
  probabilities: Float64Array;
  /** How much each point is an outlier, in [0, 1], when the clusterer scores it (HDBSCAN's GLOSH). */
  outlierScores?: Float64Array;
  /**
   * What `predict` needs, as plain data (typed arrays, numbers: a fit made in a worker thread is posted to the main
   * thread); null for a clusterer without `predict`.
   */
  model: Model | null;
}

/** Where new points land in a fit: label (-1: noise) and membership strength of each. */
export interface ClusterPrediction {
  labels: Int32Array;
  probabilities: Float64Array;
}

/**
 * A clustering algorithm as the topic pipeline uses it: it clusters the layout (plus the time column) of a window's
 * messages, and, where it can, places later messages in that fit. A clusterer without `predict` still places
 * messages: each joins the topic of its nearest clustered message (`placeInClusters`), the rule BERTopic falls back on
 * for clusterers without `.predict`.
 *
 * @typeParam Model the fitted data `predict` reads (structured-cloneable)
 */
export interface Clusterer<Model = unknown> {
  readonly kind: ClustererKind;
  /** The parameters it runs with, as the analysis document records them. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Fewest points it clusters; below that the pipeline calls every message noise. */
  readonly minPoints: number;
  /** The stage its wall time is recorded under. */
  readonly timingStage: PipelineStage;
  /**
   * @param points row-major n x dims
   */
  fit(points: Float64Array, dims: number): ClusterFit<Model>;
  /**
   * Places new points in a fit without changing it; must depend on `model` alone.
   * @param points row-major m x dims, dims as in the fit
   */
  predict?(model: Model, points: Float64Array): ClusterPrediction;
}
