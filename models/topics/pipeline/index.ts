export { appendTimeColumn } from './appendTimeColumn';
export { assignMessages } from './assignMessages';
export {
  clusterMessages,
  momentLevel,
  MIN_MESSAGES_TO_CLUSTER,
  type ClusteringInput,
  type ClusteringMoments,
  type ClusteringOptions,
  type ClusteringResult,
  type FittedTopicModel,
} from './clusterMessages';
export { jsNeighbourSearch, type NeighbourSearch } from './NeighbourSearch';
export { StageTimer } from './StageTimer';
export { packRows } from './packRows';
export { warmStartRows } from './warmStartRows';
export {
  createClusterer,
  pipelineStages,
  stageRecords,
  type Clusterer,
  type GroupTermModel,
  type ClusterFit,
  type ClusterPrediction,
  type Labeller,
  type PipelineStages,
  type Reducer,
} from './stages';
