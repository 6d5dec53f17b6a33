import type { ClusteringResult } from '../../models/topics/pipeline';
import type { RefitJob } from './Refitter';

export interface ToRefitWorker {
  id: number;
  job: RefitJob;
}

export type FromRefitWorker =
  | { type: 'ready' }
  | { type: 'done'; id: number; result: ClusteringResult }
  | { type: 'failed'; id: number; error: string };
