import type { z } from 'zod';
import {
  LossPointSchema,
  TrainingJobSchema,
  TrainingLogLineSchema,
  type LossPoint,
  type TrainingJob,
  type TrainingLogLine,
} from '../../../../contracts/training';
import type { Logger } from '../../../logger';
import { PgThread } from '../../../postgres/PgThread';
import { TrainingStoreError } from '../../errors';
import { JobWorkDirs } from '../JobWorkDirs';
import {
  JobRunSchema,
  type JobChange,
  type JobRun,
  type SaveJobOptions,
  type TrainingJobStore,
} from '../TrainingJobStore';
import type { LineKind, TableChange } from './PgJobTable';

const ENTRY = new URL('./pgJobService.ts', import.meta.url);

/**
 * The training jobs of a deployment in its PostgreSQL database (`CHAT_TOPICS_DATABASE_URL`): tables
 * `chat_topics_training_jobs` and `chat_topics_training_lines`, with their own schema version. Checkpoints stay files
 * under the training directory (a volume every node mounts, for a job to resume on another node from them).
 * node-postgres runs in the process's database thread (`PgThread`) and each call waits for its answer; the other
 * processes' writes come back through `onChange`, with the rows they wrote.
 *
 * @example
 * const store = PgJobStore.open(url, trainingPath(config), logger);
 * store.loadJobs(); // `TrainingJobs.open({ dir, databaseUrl, ... })` opens it
 */
export class PgJobStore implements TrainingJobStore {
  readonly shared = true;
  private readonly listeners = new Set<(change: JobChange) => void>();
  private readonly files: JobWorkDirs;

  private constructor(
    private readonly thread: PgThread,
    dir: string,
    private readonly logger: Logger,
  ) {
    this.files = new JobWorkDirs(dir);
    thread.onMessage((message) => {
      if (message.type !== 'changed') return;
      const change = this.parseChange(message.change as TableChange);
      if (change) this.listeners.forEach((l) => l(change));
    });
  }

  /**
   * Connects (creating the tables in a database without them) and checks their version.
   * @param url `postgres://user:password@host:port/database`
   * @param dir the training directory, for checkpoints and models before they enter the registry
   * @throws TrainingStoreError naming the database (password hidden) when it cannot be reached or is too new
   */
  static open(url: string, dir: string, logger: Logger): PgJobStore {
    const thread = PgThread.open({
      entry: ENTRY,
      url,
      what: 'the training jobs',
      opPrefix: 'training jobs: ',
      error: TrainingStoreError,
    });
    return new PgJobStore(thread, dir, logger);
  }

  get label(): string {
    return this.thread.label;
  }

  workDir(id: string): string {
    return this.files.workDir(id);
  }

  outDir(id: string): string {
    return this.files.outDir(id);
  }

  removeWork(id: string): void {
    this.files.removeWork(id);
  }

  loadJobs(): TrainingJob[] {
    const rows = this.call<{ id: string; doc: string }[]>('loadJobs', []);
    return rows.flatMap((row) => this.parseJob(row.id, row.doc) ?? []);
  }

  loadJob(id: string): TrainingJob | null {
    const doc = this.call<string | null>('loadJob', [id]);
    return doc === null ? null : this.parseJob(id, doc);
  }

  saveJob(job: TrainingJob, options: SaveJobOptions = {}): boolean {
    const { from, progress, pin, owner, create } = options;
    return this.call<boolean>('saveJob', [
      job.id,
      job.state,
      JSON.stringify(job),
      {
        from: from ? [...from] : null,
        progress: progress === true,
        pin: pin ?? null,
        owner: owner ?? null,
        create: create === true,
      },
    ]);
  }

  claim(job: TrainingJob, node: string, exclusive: boolean): boolean {
    return this.call<boolean>('claim', [job.id, JSON.stringify(job), node, exclusive]);
  }

  heartbeat(id: string, node: string): boolean {
    return this.call<boolean>('heartbeat', [id, node]);
  }

  requestCancel(id: string): boolean {
    return this.call<boolean>('requestCancel', [id]);
  }

  reapStale(staleMs: number): TrainingJob[] {
    return this.call<string[]>('reapStale', [staleMs]).flatMap((doc) => this.parseJob('(reaped)', doc) ?? []);
  }

  saveRun(id: string, run: JobRun): void {
    this.call('saveRun', [id, JSON.stringify(run)]);
  }

  readRun(id: string): JobRun | null {
    const text = this.call<string | null>('readRun', [id]);
    if (text === null) return null;
    const parsed = JobRunSchema.safeParse(JSON.parse(text));
    if (!parsed.success)
      throw new TrainingStoreError(`${this.label}: training job ${id}: its run settings are not valid`);
    return parsed.data;
  }

  appendLoss(id: string, points: readonly LossPoint[]): void {
    this.call('appendLines', [id, 'loss', points.map((p) => JSON.stringify(p))]);
  }

  appendLog(id: string, line: TrainingLogLine): void {
    this.call('appendLines', [id, 'log', [JSON.stringify(line)]]);
  }

  readLoss(id: string): LossPoint[] {
    return this.parseLines(id, 'loss', this.call<string[]>('readLines', [id, 'loss']), LossPointSchema);
  }

  readLogs(id: string): TrainingLogLine[] {
    return this.parseLines(id, 'log', this.call<string[]>('readLines', [id, 'log']), TrainingLogLineSchema);
  }

  onChange(listener: (change: JobChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.thread.close();
    this.listeners.clear();
  }

  private call<T>(op: string, args: unknown[]): T {
    return this.thread.call<T>(op, args);
  }

  private parseChange(change: TableChange): JobChange | null {
    switch (change.kind) {
      case 'job':
      case 'progress': {
        const job = this.parseJob(change.id, change.doc);
        return job && { kind: change.kind, id: change.id, job };
      }
      case 'loss':
        return {
          kind: 'loss',
          id: change.id,
          points: this.parseLines(change.id, 'loss', change.lines, LossPointSchema),
        };
      case 'log':
        return {
          kind: 'log',
          id: change.id,
          lines: this.parseLines(change.id, 'log', change.lines, TrainingLogLineSchema),
        };
      default:
        return change;
    }
  }

  /** A row's job, or null (logged, naming the row) when it is not a valid job. */
  private parseJob(id: string, doc: string): TrainingJob | null {
    try {
      return TrainingJobSchema.parse(JSON.parse(doc));
    } catch (err) {
      this.logger.warn({ err, job: id, database: this.label }, 'training: skipping a job whose row is not valid');
      return null;
    }
  }

  /** Lines that parse; one that does not is logged, naming the job, and left out. */
  private parseLines<T>(id: string, kind: LineKind, lines: string[], schema: z.ZodType<T>): T[] {
    return lines.flatMap((line) => {
      const parsed = schema.safeParse(safeJson(line));
      if (parsed.success) return [parsed.data];
      this.logger.warn({ job: id, kind, database: this.label }, 'training: skipping a line that is not valid');
      return [];
    });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
