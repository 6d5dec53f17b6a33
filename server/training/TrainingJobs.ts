import { isPostgresUrl } from '../postgres/postgresUrl';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  TRAINING_STAGES,
  TrainingJobRequestSchema,
  type LossPoint,
  type TrainingJob,
  type TrainingJobRequest,
  type TrainingLogLine,
  type TrainingProgress,
  type TrainingStage,
} from '../../contracts/training';
import { TSX_EXEC_ARGV } from '../../models/runtime/tsxLoader';
import { resolvePreset } from '../../models/training/presets';
import type { Logger } from '../logger';
import type { ModelRegistry } from '../registry/ModelRegistry';
import { ChildMessageSchema, type ChildMessage, type StartTrainingMessage } from './childProtocol';
import { TrainingJobError } from './errors';
import { JobStore, type JobRun } from './JobStore';

const CHILD_ENTRY = new URL('./trainingChild.ts', import.meta.url);
/** Progress pushed to listeners (and job.json rewritten) at most this often, plus at every stage change. */
const PROGRESS_EVERY_MS = 1000;
/** Characters of the child's stderr kept to explain a crash. */
const STDERR_TAIL = 4000;

/** What a subscriber hears about jobs; each callback is optional. */
export interface TrainingJobsListener {
  /** A job was created or changed state (or its metrics, result...). */
  job?(job: TrainingJob): void;
  progress?(progress: TrainingProgress): void;
  loss?(jobId: string, points: LossPoint[]): void;
  log?(jobId: string, line: TrainingLogLine): void;
}

export interface TrainingJobsOptions {
  /** The training directory (`trainingPath(config)`): one folder per job. */
  dir: string;
  /** Finished models are installed here (not promoted). */
  registry: ModelRegistry;
  /** The chat archive the corpus reads streams from; null: none (files and simulator only). */
  archivePath: string | null;
  botNames: readonly string[];
  /** Where relative chat file paths of requests are resolved. */
  cwd: string;
  logger: Logger;
  /**
   * JavaScript heap limit of the child, in MB (`--max-old-space-size`): a chain that outgrows it dies alone, as an
   * out-of-memory failure of the job. Default 4096 (TensorFlow.js's wasm memory is outside it, capped at 4 GiB).
   */
  heapMb?: number;
  /** After SIGTERM, how long the child may take to checkpoint and exit before SIGKILL. Default 15,000 ms. */
  killGraceMs?: number;
}

interface Running {
  id: string;
  child: ChildProcess;
  /** Why the parent stops it, when it does. */
  stopping: 'cancel' | 'close' | null;
  stderr: string;
  final: ChildMessage | null;
  lastProgressAt: number;
  lastStage: TrainingStage | null;
  killTimer: NodeJS.Timeout | null;
  exited: Promise<void>;
}

const TERMINAL = new Set<TrainingJob['state']>(['succeeded', 'failed', 'cancelled', 'interrupted']);

/**
 * Training jobs: one runs at a time (the others wait as `queued`), each in a child process (`trainingChild.ts`
 * forked with tsx and a heap limit), so a crash or an out-of-memory fails the job, never the server. Every job's
 * state, loss curve and log are persisted under `dir/<jobId>/` and pushed to subscribers as they come.
 *
 * - `cancel(id)` sends SIGTERM: the chain stops at its next step boundary after a checkpoint; SIGKILL follows after
 *   `killGraceMs`. A queued job is cancelled at once.
 * - A child that dies (signal, non-zero exit, out of memory) fails its job with the reason and its stderr's tail.
 * - On success the model is installed in the registry (version = start date-time + job id) and `resultModel` set;
 *   it is not promoted.
 * - `close()` (server stop) stops a running job as `interrupted`; `resumeInterrupted()` at the next start runs it
 *   again from its checkpoints (`resumes` + 1), and starts queued jobs.
 *
 * @example
 * const jobs = TrainingJobs.open({ dir: trainingPath(config), registry, archivePath, botNames: config.botNames, cwd, logger });
 * jobs.resumeInterrupted();
 * const job = jobs.start({ preset: 'cpu-tiny', corpus: { simulatorMessages: 2000, archive: false } });
 * const done = await jobs.waitFor(job.id); // state 'succeeded', resultModel 'chat-topics-cpu-tiny@…'
 */
export class TrainingJobs {
  private readonly store: JobStore;
  private readonly jobs = new Map<string, TrainingJob>();
  private readonly listeners = new Set<TrainingJobsListener>();
  private readonly waiters = new Map<string, ((job: TrainingJob) => void)[]>();
  private running: Running | null = null;
  private closed = false;

  private constructor(private readonly options: TrainingJobsOptions) {
    this.store = new JobStore(options.dir, options.logger);
    for (const job of this.store.loadJobs()) {
      // `running` on disk: the server died without closing; the job's checkpoints are there to resume from.
      if (job.state === 'running') job.state = 'interrupted';
      this.jobs.set(job.id, job);
    }
  }

  /** Loads the jobs saved in `options.dir` (a job left `running` by a crash is `interrupted`). Starts nothing. */
  static open(options: TrainingJobsOptions): TrainingJobs {
    return new TrainingJobs(options);
  }

  /**
   * Queues a job; it runs now when no other job runs.
   * @throws TrainingJobError for an invalid request or an unknown preset (or override), before anything is saved
   */
  start(request: TrainingJobRequest): TrainingJob {
    if (this.closed) throw new TrainingJobError('training jobs are closed (the server is stopping)');
    const parsed = TrainingJobRequestSchema.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new TrainingJobError(`training request: field "${issue.path.join('.') || '(root)'}": ${issue.message}`);
    }
    try {
      resolvePreset(parsed.data.preset, parsed.data.overrides);
    } catch (err) {
      throw new TrainingJobError(`training request: ${(err as Error).message}`, { cause: err });
    }
    const now = new Date();
    const job: TrainingJob = {
      id: newJobId(),
      request: parsed.data,
      state: 'queued',
      createdAt: now.toISOString(),
      startedAt: null,
      finishedAt: null,
      progress: null,
      backend: null,
      stageMetrics: [],
      error: null,
      resultModel: null,
      resumes: 0,
    };
    this.jobs.set(job.id, job);
    this.save(job);
    this.pump();
    return structuredClone(this.jobs.get(job.id)!);
  }

  /**
   * Cancels a queued job at once, or stops a running one (SIGTERM; it is `cancelled` when the child has exited).
   * @throws TrainingJobError for an unknown job or one already finished
   */
  cancel(id: string): TrainingJob {
    const job = this.require(id);
    if (job.state === 'queued' || job.state === 'interrupted') {
      this.finish(job, 'cancelled', null);
    } else if (job.state === 'running' && this.running?.id === id) {
      this.stopChild(this.running, 'cancel');
    } else {
      throw new TrainingJobError(`training job ${id} is ${job.state}: nothing to cancel`);
    }
    return structuredClone(job);
  }

  /**
   * Runs a failed, cancelled or interrupted job again from its checkpoints (`resumes` + 1); same model version.
   * @throws TrainingJobError for an unknown job, or one queued, running or succeeded
   */
  resume(id: string): TrainingJob {
    const job = this.require(id);
    if (job.state !== 'failed' && job.state !== 'cancelled' && job.state !== 'interrupted') {
      throw new TrainingJobError(
        `training job ${id} is ${job.state}: only a failed, cancelled or interrupted job can resume`,
      );
    }
    this.requeue(job);
    this.pump();
    return structuredClone(job);
  }

  /** Every job, newest first. */
  list(): TrainingJob[] {
    return [...this.jobs.values()]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
      .map((j) => structuredClone(j));
  }

  /** A job with its whole loss curve and log. @throws TrainingJobError for an unknown job */
  detail(id: string): { job: TrainingJob; loss: LossPoint[]; logs: TrainingLogLine[] } {
    const job = this.require(id);
    return { job: structuredClone(job), loss: this.store.readLoss(id), logs: this.store.readLogs(id) };
  }

  /** @returns unsubscribe */
  subscribe(listener: TrainingJobsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the job once it is succeeded, failed, cancelled or interrupted. */
  waitFor(id: string): Promise<TrainingJob> {
    const job = this.require(id);
    if (TERMINAL.has(job.state)) return Promise.resolve(structuredClone(job));
    return new Promise((resolve) => this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve]));
  }

  /** Process id of the running job's child (for diagnostics and tests), null when that job is not running. */
  childPid(id: string): number | null {
    return this.running?.id === id ? (this.running.child.pid ?? null) : null;
  }

  /** Queues interrupted jobs again (each `resumes` + 1) and starts the first queued job. Call once at start-up. */
  resumeInterrupted(): TrainingJob[] {
    const resumed: TrainingJob[] = [];
    for (const job of this.jobs.values()) {
      if (job.state !== 'interrupted') continue;
      this.requeue(job);
      resumed.push(structuredClone(job));
    }
    this.pump();
    return resumed;
  }

  /** Stops a running job as `interrupted` (it resumes at the next start); queued jobs stay queued. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    const running = this.running;
    if (!running) return;
    this.stopChild(running, 'close');
    await running.exited;
  }

  private requeue(job: TrainingJob): void {
    job.state = 'queued';
    job.resumes++;
    job.error = null;
    job.finishedAt = null;
    this.save(job);
  }

  private require(id: string): TrainingJob {
    const job = this.jobs.get(id);
    if (!job) throw new TrainingJobError(`no training job "${id}"`);
    return job;
  }

  /** Starts the oldest queued job when none runs. */
  private pump(): void {
    if (this.running || this.closed) return;
    const next = [...this.jobs.values()]
      .filter((j) => j.state === 'queued')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
    if (!next) return;
    try {
      this.launch(next);
    } catch (err) {
      this.finish(next, 'failed', `could not start the training process: ${(err as Error).message}`);
      this.pump();
    }
  }

  private launch(job: TrainingJob): void {
    const { options, store } = this;
    const stages = orderStages(job.request.stages);
    const run = store.readRun(job.id) ?? this.newRun(job, stages);
    store.saveRun(job.id, run);
    const child = fork(fileURLToPath(CHILD_ENTRY), [], {
      execArgv: [...TSX_EXEC_ARGV, `--max-old-space-size=${options.heapMb ?? 4096}`],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    let exitedResolve!: () => void;
    const running: Running = {
      id: job.id,
      child,
      stopping: null,
      stderr: '',
      final: null,
      lastProgressAt: 0,
      lastStage: null,
      killTimer: null,
      exited: new Promise((resolve) => (exitedResolve = resolve)),
    };
    this.running = running;
    job.state = 'running';
    job.startedAt ??= new Date().toISOString();
    job.finishedAt = null;
    this.save(job);
    this.logLine(job.id, {
      level: 'info',
      message:
        job.resumes > 0
          ? `resumed from checkpoints (resume ${job.resumes})`
          : `started: preset ${job.request.preset}, stages ${stages.join(', ')}`,
    });

    child.stdout?.resume();
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      running.stderr = (running.stderr + chunk).slice(-STDERR_TAIL);
    });
    child.on('message', (raw) => this.onChildMessage(job, running, raw));
    child.on('error', (err) => {
      running.stderr = (running.stderr + `\n${err.message}`).slice(-STDERR_TAIL);
    });
    child.on('exit', (code, signal) => {
      if (running.killTimer) clearTimeout(running.killTimer);
      void this.onChildExit(job, running, code, signal).finally(() => {
        this.running = null;
        exitedResolve();
        this.pump();
      });
    });
    const start: StartTrainingMessage = {
      type: 'start',
      jobId: job.id,
      request: job.request,
      stages,
      // A SQLite file not yet created has nothing to read; a PostgreSQL archive is read wherever it is.
      archivePath:
        options.archivePath !== null && (isPostgresUrl(options.archivePath) || existsSync(options.archivePath))
          ? options.archivePath
          : null,
      botNames: [...options.botNames],
      cwd: options.cwd,
      workDir: store.workDir(job.id),
      outDir: store.outDir(job.id),
      modelName: run.modelName,
      modelVersion: run.modelVersion,
      seed: run.seed,
      ...(run.startFrom !== undefined ? { startFrom: run.startFrom } : {}),
    };
    child.send(start);
  }

  /** Settings fixed at a job's first start: the model's name and version, the seed, the model it continues. */
  private newRun(job: TrainingJob, stages: TrainingStage[]): JobRun {
    const run: JobRun = {
      modelName: job.request.modelName ?? `chat-topics-${job.request.preset}`,
      modelVersion: `${compactDateTime(new Date(job.createdAt))}-${job.id}`,
      seed: job.request.seed ?? 1,
    };
    // Without the tokenizer or the pretraining stage the chain continues a model (its tokenizer, its weights):
    // the active one (the contract's rule).
    if (!stages.includes('tokenizer') || !stages.includes('pretrain')) {
      const active = this.options.registry.activeId();
      if (active === null)
        throw new TrainingJobError(
          `stages ${stages.join(', ')} continue a model, and no model is active (promote one, or add the tokenizer stage)`,
        );
      run.startFrom = this.options.registry.resolve(active);
    }
    return run;
  }

  private onChildMessage(job: TrainingJob, running: Running, raw: unknown): void {
    const parsed = ChildMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.options.logger.warn(
        { job: job.id, issue: parsed.error.issues[0]?.message },
        'training: ignoring a malformed message of the child',
      );
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'progress': {
        const progress: TrainingProgress = { ...message.progress, jobId: job.id, at: new Date().toISOString() };
        job.progress = progress;
        const now = Date.now();
        // A stage's first and last reports always go out: a stage shorter than the interval still shows its loss.
        if (
          now - running.lastProgressAt >= PROGRESS_EVERY_MS ||
          progress.stage !== running.lastStage ||
          progress.step === progress.totalSteps
        ) {
          running.lastProgressAt = now;
          running.lastStage = progress.stage;
          this.save(job, false);
          this.emit((l) => l.progress?.(structuredClone(progress)));
        }
        return;
      }
      case 'loss':
        this.store.appendLoss(job.id, message.points);
        this.emit((l) => l.loss?.(job.id, structuredClone(message.points)));
        return;
      case 'log':
        this.logLine(job.id, message.line);
        return;
      case 'stageMetrics':
        job.stageMetrics = [...job.stageMetrics.filter((m) => m.stage !== message.metrics.stage), message.metrics];
        this.save(job);
        return;
      case 'backend':
        job.backend = message.backend;
        this.save(job);
        return;
      default:
        running.final = message;
    }
  }

  private async onChildExit(
    job: TrainingJob,
    running: Running,
    code: number | null,
    signal: NodeJS.Signals | null,
  ): Promise<void> {
    const final = running.final;
    if (final?.type === 'done') {
      job.backend = final.backend;
      job.stageMetrics = final.stageMetrics;
      try {
        const info = this.options.registry.install(final.modelDir, { move: true });
        job.resultModel = info.id;
        this.logLine(job.id, {
          level: 'info',
          message: `model ${info.id} installed in the registry (${Math.round(final.seconds)} s of training)`,
        });
        this.finish(job, 'succeeded', null);
        this.store.removeWork(job.id);
      } catch (err) {
        this.finish(job, 'failed', `the trained model could not be installed: ${(err as Error).message}`);
      }
      return;
    }
    if (running.stopping === 'cancel') return this.finish(job, 'cancelled', null);
    // Stopped by us at close, or by a signal from outside (a Ctrl-C reaches the child's whole process group, maybe
    // before the parent's own close): checkpointed, so it can go on.
    if (running.stopping === 'close' || final?.type === 'cancelled') return this.finish(job, 'interrupted', null);
    if (final?.type === 'error') return this.finish(job, 'failed', final.message);
    this.finish(job, 'failed', describeCrash(code, signal, running.stderr, this.options.heapMb ?? 4096));
  }

  private stopChild(running: Running, why: 'cancel' | 'close'): void {
    if (running.stopping) {
      // A close during a cancel still ends as cancelled; a cancel during a close as interrupted.
      return;
    }
    running.stopping = why;
    running.child.kill('SIGTERM');
    running.killTimer = setTimeout(() => running.child.kill('SIGKILL'), this.options.killGraceMs ?? 15_000);
    running.killTimer.unref();
  }

  private finish(
    job: TrainingJob,
    state: 'succeeded' | 'failed' | 'cancelled' | 'interrupted',
    error: string | null,
  ): void {
    job.state = state;
    job.error = error;
    job.finishedAt = state === 'interrupted' ? null : new Date().toISOString();
    if (error !== null) this.logLine(job.id, { level: 'error', message: error });
    else if (state !== 'succeeded') this.logLine(job.id, { level: 'info', message: state });
    this.save(job);
    this.options.logger.info({ job: job.id, state, error }, 'training job finished');
    const waiters = this.waiters.get(job.id) ?? [];
    this.waiters.delete(job.id);
    for (const resolve of waiters) resolve(structuredClone(job));
  }

  private logLine(jobId: string, line: Omit<TrainingLogLine, 'at'>): void {
    const full: TrainingLogLine = { at: new Date().toISOString(), ...line };
    this.store.appendLog(jobId, full);
    this.emit((l) => l.log?.(jobId, full));
  }

  private save(job: TrainingJob, announce = true): void {
    this.store.saveJob(job);
    if (announce) this.emit((l) => l.job?.(structuredClone(job)));
  }

  private emit(call: (listener: TrainingJobsListener) => void): void {
    for (const listener of this.listeners) {
      try {
        call(listener);
      } catch (err) {
        this.options.logger.warn({ err }, 'training: a listener failed');
      }
    }
  }
}

/** The request's stages in chain order (all four by default). */
function orderStages(stages: readonly TrainingStage[] | undefined): TrainingStage[] {
  if (!stages) return [...TRAINING_STAGES];
  return TRAINING_STAGES.filter((s) => stages.includes(s));
}

/** `job-` + 6 hex digits: short enough for a model version, random enough for one server. */
function newJobId(): string {
  return `job-${randomBytes(3).toString('hex')}`;
}

/** `2025-01-31T12:00:05.123Z` -> `20250131-120005` (UTC). */
function compactDateTime(d: Date): string {
  const iso = d.toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

/** Why a child ended without saying so itself: out of memory, a signal, or an exit code, with stderr's tail. */
function describeCrash(code: number | null, signal: NodeJS.Signals | null, stderr: string, heapMb: number): string {
  const tail = stderr.trim().split('\n').slice(-8).join('\n');
  const oom = /heap out of memory|Allocation failed|out of memory/i.test(stderr);
  const what = oom
    ? `the training process ran out of memory (heap limit ${heapMb} MB)`
    : signal !== null
      ? `the training process was killed by ${signal}`
      : `the training process exited with code ${code}`;
  return tail ? `${what}; stderr: ${tail}` : what;
}
