import type { TopicPipelineParams } from '../../../../contracts/analysis';
import type { ClustererKind, ClustererParams, StageRecord } from '../../../../contracts/pipelineStages';
import type { UmapModelData } from '../../umap';
import type { Clusterer } from './Clusterer';
import { ctfidfLabeller } from './ctfidfLabeller';
import { hdbscanClusterer } from './hdbscanClusterer';
import { kmeansClusterer } from './kmeansClusterer';
import type { Labeller } from './Labeller';
import type { Reducer } from './Reducer';
import { umapReducer } from './umapReducer';

type ClustererFactory<K extends ClustererKind> = (
  choice: Extract<ClustererParams, { kind: K }>,
  params: TopicPipelineParams,
) => Clusterer;

/** Each clusterer kind of `ClustererParamsSchema` and how to build it; the type makes a missing kind an error. */
const CLUSTERERS: { [K in ClustererKind]: ClustererFactory<K> } = {
  hdbscan: (_choice, params) => hdbscanClusterer(params.hdbscan),
  kmeans: (choice) => kmeansClusterer(choice),
};

/**
 * The stage implementations one run of the pipeline uses. The first stage, the embedder (`models/embedding/Embedder`),
 * runs before the pipeline, where messages arrive (the live ingest, `analyzeStream`): the pipeline takes vectors.
 */
export interface PipelineStages {
  reducer: Reducer<UmapModelData>;
  clusterer: Clusterer;
  labeller: Labeller;
}

/**
 * The clusterer the parameters choose (`params.clusterer.kind`).
 * @example createClusterer(TopicPipelineParamsSchema.parse({ clusterer: { kind: 'kmeans', k: 8 } })).kind // 'kmeans'
 */
export function createClusterer(params: TopicPipelineParams): Clusterer {
  const factory = CLUSTERERS[params.clusterer.kind] as ClustererFactory<ClustererKind>;
  return factory(params.clusterer, params);
}

/**
 * Every swappable stage the parameters choose. One reducer (UMAP) and one labeller (c-TF-IDF) exist today; a second
 * of either would be chosen here the way the clusterer is.
 */
export function pipelineStages(params: TopicPipelineParams): PipelineStages {
  return {
    reducer: umapReducer(params.umap),
    clusterer: createClusterer(params),
    labeller: ctfidfLabeller(params.labels, params.umap.seed),
  };
}

/** What the analysis document records of the stages: each one's role, kind and parameters, in pipeline order. */
export function stageRecords(stages: PipelineStages): StageRecord[] {
  const { reducer, clusterer, labeller } = stages;
  return [
    { role: 'reducer', kind: reducer.kind, parameters: { ...reducer.parameters } },
    { role: 'clusterer', kind: clusterer.kind, parameters: { ...clusterer.parameters } },
    { role: 'labeller', kind: labeller.kind, parameters: { ...labeller.parameters } },
  ];
}
