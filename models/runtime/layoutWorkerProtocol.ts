import type { KnnGraph } from '../topics/knn';
import type { ParallelLayoutJob } from '../topics/umap';
import type { MapLayout } from '../topics/workspace';

/** What LayoutThreadPool posts to a layout worker: its share of a parallel layout job, or a whole 2-D map. */
export type LayoutWorkerMessage =
  | { job: ParallelLayoutJob; t: number }
  | { map: { id: number; vectors: Float32Array; dim: number; knn: KnnGraph; seed: number } };

/** What a layout worker posts back: a map (or why it failed), or a layout job's failure (already marked in the job). */
export type LayoutWorkerReply =
  { mapId: number; map: MapLayout; ms: number } | { mapId: number; error: string } | { error: string };
