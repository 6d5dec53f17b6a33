import { attachPoints, type NoiseAttachment } from '../../hdbscan';
import type { Clusterer, ClusterPrediction } from './Clusterer';

/**
 * Places new points in a fit: the clusterer's own `predict`; for a clusterer without one, each point joins the
 * cluster of its nearest clustered training point, however far (probability 0: it has no membership strength of its
 * own). A point left out either way joins a topic by the fit's outlier rule (`attachNoise`), as left-out training
 * points did.
 *
 * @param model the clusterer's fitted model (null when it cannot predict)
 * @param attachment the fit's clustered points and outlier rule
 * @param points row-major m x dims, as the fit's points
 * @example placeInClusters(createClusterer(params), fitted.cluster, fitted.attachment, points, 11).labels
 */
export function placeInClusters(
  clusterer: Clusterer,
  model: unknown,
  attachment: NoiseAttachment,
  points: Float64Array,
  dims: number,
): ClusterPrediction {
  const predicted =
    clusterer.predict && model !== null
      ? clusterer.predict(model, points)
      : {
          labels: attachPoints({ ...attachment, maxDistance: Infinity }, points, dims),
          probabilities: new Float64Array(points.length / dims),
        };
  const left: number[] = [];
  predicted.labels.forEach((label, i) => label < 0 && left.push(i));
  const joined = attachPoints(attachment, points, dims, left);
  left.forEach((row, j) => {
    if (joined[j]! >= 0) predicted.labels[row] = joined[j]!;
  });
  return predicted;
}
