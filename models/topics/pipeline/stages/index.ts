export { MIN_MESSAGES_TO_CLUSTER, type Clusterer, type ClusterFit, type ClusterPrediction } from './Clusterer';
export type { Reducer, ReducerFit, ReducerFitOptions } from './Reducer';
export type { GroupLabelFn, GroupLabels, GroupTermModel, Labeller, LabellerInput } from './Labeller';
export { hdbscanClusterer } from './hdbscanClusterer';
export { kmeansClusterer, type KmeansModel } from './kmeansClusterer';
export { umapReducer } from './umapReducer';
export { ctfidfLabeller } from './ctfidfLabeller';
export { createClusterer, pipelineStages, stageRecords, type PipelineStages } from './registry';
export { placeInClusters } from './placeInClusters';
