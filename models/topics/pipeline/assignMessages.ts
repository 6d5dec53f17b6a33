import { approximatePredict } from '../hdbscan';
import { transformUmap } from '../umap';
import { appendTimeColumn } from './appendTimeColumn';
import type { FittedTopicModel } from './clusterMessages';

/**
 * Places new messages in a fitted clustering without changing it: UMAP transform among the fitted messages, the
 * time column, then HDBSCAN's approximate prediction. What the live engine does between refits.
 *
 * @param vectors row-major m x dim vectors of the new messages
 * @param elapsed their elapsed seconds
 * @returns topic index in the fit's numbering (-1 noise) and membership probability of each message
 */
export function assignMessages(model: FittedTopicModel, vectors: Float32Array, elapsed: ArrayLike<number>): { labels: Int32Array; probabilities: Float64Array } {
  const layout = transformUmap(model.umap, vectors);
  const points = appendTimeColumn(layout, model.layoutDims, elapsed, model.timeUnitSeconds);
  return approximatePredict(model.hdbscan, points);
}
