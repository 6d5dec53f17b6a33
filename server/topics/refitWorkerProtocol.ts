import type { ClusteringResult } from '../../models/topics/pipeline';
import type { RefitJob } from './Refitter';

export type ToRefitWorker =
  | { type: 'refit'; id: number; job: RefitJob }
  /** Skip this job if it has not started (its channel closed). */
  | { type: 'cancel'; id: number };

export type FromRefitWorker =
  | { type: 'ready' }
  | { type: 'done'; id: number; result: ClusteringResult }
  | { type: 'failed'; id: number; error: string }
  | { type: 'cancelled'; id: number };
