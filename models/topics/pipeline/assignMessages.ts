import type { KnnGraph } from '../knn';
import { appendTimeColumn } from './appendTimeColumn';
import type { FittedTopicModel } from './clusterMessages';
import { pipelineStages } from './stages/registry';
import { placeInClusters } from './stages/placeInClusters';

/**
 * Places new messages in a fitted clustering without changing it: the reducer's transform among the fitted messages,
 * the time column, then the clusterer's prediction (nearest clustered message for a clusterer without one), and a
 * message it leaves out joins a topic by the fit's own outlier rule (`attachNoise`). What the live engine does
 * between refits; the stages are the fit's own, rebuilt from its parameters.
 *
 * @param vectors row-major m x dim vectors of the new messages
 * @param elapsed their elapsed seconds
 * @param options `knn`: the new messages' neighbours among the fitted ones, when a faster search found them
 * @returns topic index in the fit's numbering (-1 noise) and membership probability of each message
 */
export function assignMessages(
  model: FittedTopicModel,
  vectors: Float32Array,
  elapsed: ArrayLike<number>,
  options: { knn?: KnnGraph } = {},
): { labels: Int32Array; probabilities: Float64Array } {
  const { reducer, clusterer } = pipelineStages(model.params);
  const layout = reducer.transform(model.umap, vectors, options.knn ? { knn: options.knn } : {});
  const points = appendTimeColumn(layout, model.layoutDims, elapsed, model.timeUnitSeconds);
  const dims = model.timeUnitSeconds === null ? model.layoutDims : model.layoutDims + 1;
  return placeInClusters(clusterer, model.cluster, model.attachment, points, dims);
}
