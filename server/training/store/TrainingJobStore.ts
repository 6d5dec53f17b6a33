import { z } from 'zod';
import type { LossPoint, TrainingJob, TrainingLogLine } from '../../../contracts/training';

/** How a job's run is set up; fixed at its first start so a resume continues the same run. */
export const JobRunSchema = z.object({
  modelName: z.string(),
  modelVersion: z.string(),
  seed: z.number().int(),
  startFrom: z.string().optional(),
});
export type JobRun = z.infer<typeof JobRunSchema>;

export type JobState = TrainingJob['state'];

export interface SaveJobOptions {
  /** A new job: written only if no job has its id (false otherwise). */
  create?: boolean;
  /** Only when the stored state is one of these (a compare-and-set against another node). */
  from?: readonly JobState[];
  /** The change is the job's progress only (the others hear a `progress` change). */
  progress?: boolean;
  /** A queued job only this node may claim (the CLI's own); none: any. */
  pin?: string;
  /** Only while this node runs the job (another may have taken it over meanwhile). */
  owner?: string;
}

/** What another process wrote about a job (a shared store only), with what it wrote. */
export type JobChange =
  | { kind: 'job' | 'progress'; id: string; job: TrainingJob }
  | { kind: 'loss'; id: string; points: LossPoint[] }
  | { kind: 'log'; id: string; lines: TrainingLogLine[] }
  /** A cancel was asked for the job (the node that runs it stops it). */
  | { kind: 'cancel'; id: string }
  /** Changes may have been missed (the database connection came back): read every job again. */
  | { kind: 'resync' };

/**
 * Where training jobs are kept: their state, run settings, loss curves and logs. Checkpoints (`workDir`) and the
 * model before it enters the registry (`outDir`) are files in either case.
 *
 * - `FileJobStore`: one folder per job; one process runs the jobs.
 * - `PgJobStore` (`databaseUrl`): the deployment's jobs. Every node lists them and follows them live; a node claims a
 *   job before it runs it, beats a heartbeat while it does, and a job whose node stopped beating is reaped (then
 *   resumed elsewhere); a cancel asked on another node reaches the one that runs it.
 */
export interface TrainingJobStore {
  /** Other processes write to it too: the jobs are read again from it, and runs are claimed. */
  readonly shared: boolean;
  /** Where it is, for messages (a password hidden). */
  readonly label: string;
  workDir(id: string): string;
  outDir(id: string): string;
  /** Removes a job's checkpoints and output. */
  removeWork(id: string): void;
  /** Every job; one that cannot be read is logged and left out. */
  loadJobs(): TrainingJob[];
  loadJob(id: string): TrainingJob | null;
  /**
   * Saves a job.
   * @returns false when `options.from` did not match (nothing written)
   */
  saveJob(job: TrainingJob, options?: SaveJobOptions): boolean;
  /**
   * Saves a job that was queued and now runs on `node` (`job.state` is `running`).
   * @param exclusive only when no other job runs (one at a time in the deployment)
   * @returns false when it is no longer queued, or another job runs and `exclusive` is set
   */
  claim(job: TrainingJob, node: string, exclusive: boolean): boolean;
  /** The running node is alive. @returns whether a cancel was asked for the job (on any node) */
  heartbeat(id: string, node: string): boolean;
  /** Asks the node running a job to cancel it. @returns false when the job does not run */
  requestCancel(id: string): boolean;
  /** Running jobs whose node stopped beating for `staleMs`, now `interrupted` (each returned once, to one caller). */
  reapStale(staleMs: number): TrainingJob[];
  saveRun(id: string, run: JobRun): void;
  readRun(id: string): JobRun | null;
  appendLoss(id: string, points: readonly LossPoint[]): void;
  appendLog(id: string, line: TrainingLogLine): void;
  readLoss(id: string): LossPoint[];
  readLogs(id: string): TrainingLogLine[];
  /** Changes written by other processes (never for a store that is not shared). @returns unsubscribe */
  onChange(listener: (change: JobChange) => void): () => void;
  close(): void;
}
