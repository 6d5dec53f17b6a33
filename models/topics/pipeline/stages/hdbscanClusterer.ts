import type { TopicPipelineParams } from '../../../../contracts/analysis';
import { approximatePredict, hdbscan, hdbscanPredictionData, type HdbscanPredictionData } from '../../hdbscan';
import { MIN_MESSAGES_TO_CLUSTER, type Clusterer } from './Clusterer';

/**
 * HDBSCAN as the pipeline's clusterer (the default): `eom` or `leaf` selection, epsilon, and the largest topic held
 * to a share of the messages; placement by approximate prediction.
 *
 * @param params the pipeline's `hdbscan` section
 * @example const clusterer = hdbscanClusterer(TopicPipelineParamsSchema.parse({}).hdbscan);
 */
export function hdbscanClusterer(params: TopicPipelineParams['hdbscan']): Clusterer<HdbscanPredictionData> {
  return {
    kind: 'hdbscan',
    parameters: params,
    minPoints: Math.max(MIN_MESSAGES_TO_CLUSTER, params.minClusterSize),
    timingStage: 'hdbscan',
    fit(points, dims) {
      const n = points.length / dims;
      const resolved = {
        minClusterSize: params.minClusterSize,
        minSamples: Math.min(params.minSamples, n),
        clusterSelectionEpsilon: params.clusterSelectionEpsilon,
        clusterSelectionMethod: params.clusterSelectionMethod,
        maxClusterSize:
          params.maxClusterShare >= 1 ? 0 : Math.max(params.minClusterSize, Math.floor(params.maxClusterShare * n)),
      };
      const fit = hdbscan(points, dims, resolved);
      const model = hdbscanPredictionData(points, dims, fit, resolved);
      return {
        labels: fit.labels,
        nClusters: fit.nClusters,
        probabilities: fit.probabilities,
        outlierScores: fit.outlierScores,
        model,
      };
    },
    predict: (model, points) => approximatePredict(model, points),
  };
}
