import type { Logger } from 'pino';
import type { TopicPipelineParams } from '../../contracts/analysis';
import type { TopicAssignment, TopicsSnapshot } from '../../contracts/socket-events';
import type { Embedder } from '../../models/embedding/Embedder';
import type { KnnGraph } from '../../models/topics/knn';
import type { LoadShedderOptions } from './LoadShedder';
import type { RefitPacerOptions } from './RefitPacer';
import type { Refitter } from './Refitter';

export interface ChannelTopicSettings {
  windowMinutes: number;
  windowMessages: number;
  refitSeconds: number;
  minMessages: number;
  /** Silhouettes per refit are estimated from this many points per topic (default 100). */
  silhouetteSamplePerTopic?: number;
  /** Representative messages per card (default 3). */
  representatives?: number;
  /**
   * Also refit once the stream clock has moved this many seconds past the last refit's (default 60): a replay at
   * x100 moves 50 stream minutes in `refitSeconds` of wall time, far more than the window holds.
   */
  refitStreamSeconds?: number;
  /** Also refit once this share of the window arrived since the last refit (default 0.25). */
  refitNewShare?: number;
  /** When to cluster a sample of new messages rather than all (defaults: see `LoadShedder`). */
  shedding?: LoadShedderOptions;
  /**
   * Samples new messages when refits cannot follow the stream (a fast replay; see `RefitPacer`). `false`: never.
   * By default a refit may take three quarters of `refitStreamSeconds` of stream time.
   */
  pacing?: Pick<RefitPacerOptions, 'refitStreamSeconds' | 'minWindow'> | false;
}

export interface ChannelTopicEvents {
  snapshot(snapshot: TopicsSnapshot): void;
  assigned(channel: string, assignments: TopicAssignment[]): void;
}

/** Finds new messages' neighbours among a fit's messages (UMAP transform's first step). */
export interface NeighbourIndex {
  search(queries: Float32Array): Promise<KnnGraph>;
  close(): void;
}

/** Builds the neighbour index of a fit: ONNX Runtime's matrix product in the server, none (plain JS) in tests. */
export type NeighbourIndexFactory = (vectors: Float32Array, dim: number, k: number) => Promise<NeighbourIndex>;

/** What a channel's topic engine is built from. */
export interface ChannelTopicEngineDeps {
  channel: string;
  embedder: Embedder;
  refitter: Refitter;
  /** Pipeline parameters of the first refits (`ChannelTopicEngine.setPipelineParams` changes them). */
  params: TopicPipelineParams;
  settings: ChannelTopicSettings;
  events: ChannelTopicEvents;
  logger: Logger;
  /** Neighbour search for placing new messages (ONNX Runtime in the server); plain JS when null or absent. */
  indexFactory?: NeighbourIndexFactory | null;
}
