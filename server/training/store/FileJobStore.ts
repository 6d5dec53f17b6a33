import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  LossPointSchema,
  TrainingJobSchema,
  TrainingLogLineSchema,
  type LossPoint,
  type TrainingJob,
  type TrainingLogLine,
} from '../../../contracts/training';
import type { Logger } from '../../logger';
import { writeJsonAtomic } from '../../registry/writeJsonAtomic';
import { JobWorkDirs } from './JobWorkDirs';
import { JobRunSchema, type JobRun, type SaveJobOptions, type TrainingJobStore } from './TrainingJobStore';

const FILES = { job: 'job.json', run: 'run.json', loss: 'loss.jsonl', log: 'log.jsonl' } as const;

/**
 * The jobs' files under the training directory: `<jobId>/job.json` (the job, rewritten atomically),
 * `run.json` (its run settings), `loss.jsonl` and `log.jsonl` (appended), `work/` (the chain's checkpoints) and
 * `out/` (the model before it moves into the registry). Nothing is created until a job is saved. One process runs
 * the jobs of a directory: claims and cancels are that process's own.
 */
export class FileJobStore implements TrainingJobStore {
  readonly shared = false;
  private readonly files: JobWorkDirs;

  constructor(
    readonly dir: string,
    private readonly logger: Logger,
  ) {
    this.files = new JobWorkDirs(dir);
  }

  get label(): string {
    return this.dir;
  }

  jobDir(id: string): string {
    return this.files.jobDir(id);
  }

  workDir(id: string): string {
    return this.files.workDir(id);
  }

  outDir(id: string): string {
    return this.files.outDir(id);
  }

  saveJob(job: TrainingJob, options: SaveJobOptions = {}): boolean {
    if (options.create && existsSync(path.join(this.jobDir(job.id), FILES.job))) return false;
    if (options.from && !options.from.includes(this.loadJob(job.id)?.state ?? job.state)) return false;
    writeJsonAtomic(path.join(this.jobDir(job.id), FILES.job), job);
    return true;
  }

  claim(job: TrainingJob): boolean {
    return this.saveJob(job, { from: ['queued'] });
  }

  heartbeat(): boolean {
    return false;
  }

  requestCancel(): boolean {
    return false;
  }

  reapStale(): TrainingJob[] {
    return [];
  }

  onChange(): () => void {
    return () => undefined;
  }

  close(): void {}

  loadJob(id: string): TrainingJob | null {
    const file = path.join(this.jobDir(id), FILES.job);
    if (!existsSync(file)) return null;
    return TrainingJobSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  }

  saveRun(id: string, run: JobRun): void {
    writeJsonAtomic(path.join(this.jobDir(id), FILES.run), run);
  }

  readRun(id: string): JobRun | null {
    const file = path.join(this.jobDir(id), FILES.run);
    if (!existsSync(file)) return null;
    return JobRunSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  }

  appendLoss(id: string, points: readonly LossPoint[]): void {
    if (points.length === 0) return;
    this.append(id, FILES.loss, points);
  }

  appendLog(id: string, line: TrainingLogLine): void {
    this.append(id, FILES.log, [line]);
  }

  readLoss(id: string): LossPoint[] {
    return this.readLines(id, FILES.loss, LossPointSchema);
  }

  readLogs(id: string): TrainingLogLine[] {
    return this.readLines(id, FILES.log, TrainingLogLineSchema);
  }

  /** Every saved job; a job whose file is unreadable is logged and skipped. */
  loadJobs(): TrainingJob[] {
    if (!existsSync(this.dir)) return [];
    const jobs: TrainingJob[] = [];
    for (const entry of readdirSync(this.dir, { withFileTypes: true })) {
      const file = path.join(this.dir, entry.name, FILES.job);
      if (!entry.isDirectory() || !existsSync(file)) continue;
      try {
        jobs.push(TrainingJobSchema.parse(JSON.parse(readFileSync(file, 'utf8'))));
      } catch (err) {
        this.logger.warn({ err, file }, 'training: skipping a job whose job.json is not valid');
      }
    }
    return jobs;
  }

  removeWork(id: string): void {
    this.files.removeWork(id);
  }

  private append(id: string, file: string, rows: readonly unknown[]): void {
    mkdirSync(this.jobDir(id), { recursive: true });
    appendFileSync(path.join(this.jobDir(id), file), rows.map((r) => JSON.stringify(r) + '\n').join(''));
  }

  /** Lines of a JSONL file; a torn last line (a crash while appending) is skipped. */
  private readLines<T>(id: string, file: string, schema: z.ZodType<T>): T[] {
    const full = path.join(this.jobDir(id), file);
    if (!existsSync(full)) return [];
    const rows: T[] = [];
    for (const line of readFileSync(full, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        rows.push(schema.parse(JSON.parse(line)));
      } catch {
        // A partial line from an interrupted write: the rest of the file is still good.
      }
    }
    return rows;
  }
}
