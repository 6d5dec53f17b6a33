/**
 * Embedders and what runs them: the ConvBERT encoder on ONNX Runtime, a worker thread around any embedder, a remote
 * embed server client, and the service that batches, caches and bounds requests in front of all of them.
 */
export { canEmbedIds, type Embedder, type TokenIdsEmbedder } from './Embedder';
export {
  EmbeddingError,
  EmbedderClosedError,
  EmbedderSpecError,
  EmbedInputError,
  EmbedOverloadError,
  EmbedUnsupportedError,
  EmbedWorkerError,
  HttpEmbedderError,
  type OverloadReason,
} from './errors';
export { normaliseText } from './normaliseText';
export { LruCache } from './LruCache';
export { LatencyWindow, type LatencySummary } from './LatencyWindow';
export { EmbedService, type EmbedServiceOptions, type EmbedServiceStats, type OverloadPolicy } from './EmbedService';
export {
  ConvBertEmbedder,
  type ConvBertEmbedderModel,
  type ConvBertEmbedderOptions,
  type EncoderSession,
  type ExecutionProviderChoice,
} from './ConvBertEmbedder';
export {
  WorkerEmbedder,
  type WorkerEmbedderInfo,
  type WorkerEmbedderOptions,
  type WorkerEmbedderSpec,
  type WorkerMemory,
} from './WorkerEmbedder';
export { HttpEmbedder, type HttpEmbedderOptions } from './HttpEmbedder';
export {
  HttpEmbedderPool,
  type HttpEmbedderPoolOptions,
  type PoolMemberChange,
  type PoolMemberStatus,
} from './HttpEmbedderPool';
export { createEmbedder, type CreateEmbedderOptions, type CreatedEmbedder, type EmbedderKind } from './createEmbedder';
export {
  loadModelEmbedder,
  MODEL_EMBEDDERS,
  type ModelEmbedderFactory,
  type ModelEmbedderOptions,
  type ModelEmbedderTables,
} from './modelEmbedders';
