import type { TopicPipelineParams } from '../../contracts/analysis';
import { packRows, type ClusteringResult } from '../../models/topics/pipeline';
import type { WindowEntry } from './TopicWindow';
import { CancelledError } from '../errors';

/** One refit of a channel's window: everything the pipeline needs, as transferable typed arrays. */
export interface RefitJob {
  vectors: Float32Array;
  dim: number;
  elapsed: Float64Array;
  texts: string[];
  emotes: { name: string }[][];
  params: TopicPipelineParams;
  /** Previous positions of the messages still in the window (NaN rows for new ones), for a warm start. */
  initialLayout?: Float32Array;
  /** Silhouettes estimated from this many points per topic (keeps a refit within its budget). */
  silhouetteSamplePerTopic: number;
  /**
   * Lay out on one thread whatever the refitter has: the channel is behind the stream (its messages sampled), and
   * the embedder needs the other core more than the layout does (a x100 replay on a loaded 2-core machine fell
   * further behind with a 2-thread layout: 169-183 stream seconds against at most 161).
   */
  singleThreadLayout?: boolean;
}

/** Runs refits: in a worker thread for the server, in-process where a test wants no thread. */
export interface Refitter {
  /**
   * @param signal aborted when the channel closes: a job not started yet is dropped (rejects with `RefitCancelled`),
   * so a closed channel's window is not kept alive until the worker reaches its job
   */
  refit(job: RefitJob, signal?: AbortSignal): Promise<ClusteringResult>;
  /**
   * Gets ready for a first refit soon (starts the worker thread) without waiting: a channel opens, and on a fast
   * replay its first refit comes a fraction of a second later.
   */
  prepare?(): void;
  close(): Promise<void>;
}

/** A refit dropped before it ran, because its channel closed. */
export class RefitCancelled extends CancelledError {
  override name = 'RefitCancelled';
}

/**
 * The refit job of a window's messages.
 * @param options.initialLayout previous layout rows of these messages (warm start), if any
 * @param options.singleThreadLayout see `RefitJob.singleThreadLayout`
 */
export function refitJob(
  entries: readonly WindowEntry[],
  params: TopicPipelineParams,
  options: { silhouetteSamplePerTopic: number; initialLayout?: Float32Array | undefined; singleThreadLayout?: boolean },
): RefitJob {
  const dim = entries[0]!.vector.length;
  return {
    vectors: packRows(
      entries.map((e) => e.vector),
      dim,
    ),
    dim,
    elapsed: Float64Array.from(entries, (e) => e.elapsed),
    texts: entries.map((e) => e.text),
    emotes: entries.map((e) => e.emotes),
    params,
    silhouetteSamplePerTopic: options.silhouetteSamplePerTopic,
    ...(options.initialLayout ? { initialLayout: options.initialLayout } : {}),
    ...(options.singleThreadLayout ? { singleThreadLayout: true } : {}),
  };
}
