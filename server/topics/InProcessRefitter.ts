import {
  clusterMessages,
  jsNeighbourSearch,
  type ClusteringResult,
  type NeighbourSearch,
} from '../../models/topics/pipeline';
import type { LayoutExecutor } from '../../models/topics/umap';
import { RefitCancelled, type Refitter, type RefitJob } from './Refitter';

/** Runs the refit in this thread (blocking it for the refit's duration): for tests and small windows. */
export class InProcessRefitter implements Refitter {
  constructor(private readonly neighbours: NeighbourSearch = jsNeighbourSearch) {}

  async refit(job: RefitJob, signal?: AbortSignal): Promise<ClusteringResult> {
    if (signal?.aborted) throw new RefitCancelled('refit cancelled: its channel closed');
    return runRefitJob(job, this.neighbours);
  }

  async close(): Promise<void> {}
}

/**
 * The refit itself, shared by the in-process and the worker refitter.
 * @param layoutExecutor threads for the UMAP layout (none: one thread)
 */
export function runRefitJob(
  job: RefitJob,
  neighbours: NeighbourSearch,
  layoutExecutor?: LayoutExecutor | null,
): Promise<ClusteringResult> {
  return clusterMessages(
    { vectors: job.vectors, dim: job.dim, elapsed: job.elapsed, texts: job.texts, emotes: job.emotes },
    job.params,
    {
      neighbours,
      silhouetteSamplePerTopic: job.silhouetteSamplePerTopic,
      ...(job.initialLayout ? { initialLayout: job.initialLayout } : {}),
      ...(layoutExecutor ? { layoutExecutor } : {}),
    },
  );
}
