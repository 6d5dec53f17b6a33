import type { TopicPipelineParams } from '../../../../contracts/analysis';
import { fitUmap, transformUmap, type UmapModelData } from '../../umap';
import type { Reducer } from './Reducer';

/**
 * UMAP as the pipeline's reducer; the number of neighbours is clamped to the messages there are.
 *
 * @param params the pipeline's `umap` section
 * @example const reducer = umapReducer(TopicPipelineParamsSchema.parse({}).umap);
 */
export function umapReducer(params: TopicPipelineParams['umap']): Reducer<UmapModelData> {
  const nNeighborsFor = (n: number) => Math.min(params.nNeighbors, n - 1);
  return {
    kind: 'umap',
    parameters: params,
    dims: params.nComponents,
    timingStage: 'umap',
    // UMAP counts the point itself among its neighbours; the search leaves it out.
    neighboursNeeded: (n) => nNeighborsFor(n) - 1,
    fit(vectors, dim, options) {
      const n = vectors.length / dim;
      const model = fitUmap(
        vectors,
        dim,
        {
          nNeighbors: nNeighborsFor(n),
          nComponents: params.nComponents,
          minDist: params.minDist,
          metric: params.metric,
          seed: params.seed,
          nEpochs: params.nEpochs,
          negativeSampleRate: params.negativeSampleRate,
        },
        {
          knn: options.knn,
          ...(options.initial ? { initial: options.initial } : {}),
          ...(options.warmEpochs === undefined ? {} : { warmEpochs: options.warmEpochs }),
          ...(options.layoutExecutor ? { layoutExecutor: options.layoutExecutor } : {}),
        },
      );
      return { embedding: model.embedding, model };
    },
    transform: (model, vectors, options = {}) => transformUmap(model, vectors, options.knn ? { knn: options.knn } : {}),
  };
}
