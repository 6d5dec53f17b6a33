import { approximatePredict, attachPoints } from '../hdbscan';
import type { KnnGraph } from '../knn';
import { transformUmap } from '../umap';
import { appendTimeColumn } from './appendTimeColumn';
import type { FittedTopicModel } from './clusterMessages';

/**
 * Places new messages in a fitted clustering without changing it: UMAP transform among the fitted messages, the
 * time column, then HDBSCAN's approximate prediction, and a message it leaves out joins a topic by the fit's own
 * outlier rule (`attachNoise`). What the live engine does between refits.
 *
 * @param vectors row-major m x dim vectors of the new messages
 * @param elapsed their elapsed seconds
 * @param options `knn`: the new messages' neighbours among the fitted ones, when a faster search found them
 * @returns topic index in the fit's numbering (-1 noise) and membership probability of each message
 */
export function assignMessages(model: FittedTopicModel, vectors: Float32Array, elapsed: ArrayLike<number>, options: { knn?: KnnGraph } = {}): { labels: Int32Array; probabilities: Float64Array } {
  const layout = transformUmap(model.umap, vectors, options.knn ? { knn: options.knn } : {});
  const points = appendTimeColumn(layout, model.layoutDims, elapsed, model.timeUnitSeconds);
  const predicted = approximatePredict(model.hdbscan, points);
  const left: number[] = [];
  predicted.labels.forEach((label, i) => label < 0 && left.push(i));
  const joined = attachPoints(model.attachment, points, model.hdbscan.dims, left);
  left.forEach((row, j) => {
    if (joined[j]! >= 0) predicted.labels[row] = joined[j]!;
  });
  return predicted;
}
