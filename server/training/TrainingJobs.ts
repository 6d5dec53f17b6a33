import { randomBytes } from 'node:crypto';
import os from 'node:os';
import {
  TrainingJobRequestSchema,
  type LossPoint,
  type TrainingJob,
  type TrainingJobRequest,
  type TrainingLogLine,
  type TrainingProgress,
} from '../../contracts/training';
import { resolvePreset } from '../../models/training/presets';
import type { Logger } from '../logger';
import type { ModelRegistry } from '../registry/ModelRegistry';
import { TrainingJobError } from './errors';
import { RunningJob } from './RunningJob';
import { openJobStore } from './store/openJobStore';
import type { JobChange, JobState, TrainingJobStore } from './store/TrainingJobStore';

/** What a subscriber hears about jobs; each callback is optional. */
export interface TrainingJobsListener {
  /** A job was created or changed state (or its metrics, result...). */
  job?(job: TrainingJob): void;
  progress?(progress: TrainingProgress): void;
  loss?(jobId: string, points: LossPoint[]): void;
  log?(jobId: string, line: TrainingLogLine): void;
}

export interface TrainingJobsOptions {
  /** The training directory (`trainingPath(config)`): checkpoints, and each job's state unless `databaseUrl` is set. */
  dir: string;
  /**
   * The deployment's PostgreSQL database (`databaseUrl`): the jobs are every node's (see {@link TrainingJobs}).
   * None or null: files under `dir`, for this process alone.
   */
  databaseUrl?: string | null;
  /**
   * Which queued jobs this process runs: `queue` (a server: the oldest queued job, one at a time in the
   * deployment), or `own` (the CLI: only the jobs it started or resumed itself, at once). Default `queue`.
   */
  runs?: 'queue' | 'own';
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
  /** With a database: how often the running node says it is alive, and looks for dead nodes' jobs. Default 5,000 ms. */
  heartbeatMs?: number;
  /** With a database: a running job whose node was silent this long is interrupted, and resumed. Default 30,000 ms. */
  staleMs?: number;
}

const TERMINAL = new Set<JobState>(['succeeded', 'failed', 'cancelled', 'interrupted']);

/**
 * Training jobs: one runs at a time (the others wait as `queued`), each in a child process (`JobChildProcess`), so a
 * crash or an out-of-memory fails the job, never the server. Every job's state, loss curve and log are persisted
 * (`TrainingJobStore`) and pushed to subscribers as they come.
 *
 * - `cancel(id)` sends SIGTERM: the chain stops at its next step boundary after a checkpoint; SIGKILL follows after
 *   `killGraceMs`. A queued job is cancelled at once.
 * - A child that dies (signal, non-zero exit, out of memory) fails its job with the reason and its stderr's tail.
 * - On success the model is installed in the registry (version = start date-time + job id) and `resultModel` set;
 *   it is not promoted.
 * - `close()` (server stop) stops a running job as `interrupted`; `resumeInterrupted()` at the next start runs it
 *   again from its checkpoints (`resumes` + 1), and starts queued jobs.
 *
 * With `databaseUrl` the jobs are the deployment's: every node lists them and relays their progress, loss and log to
 * its own admin sockets as another node writes them; a node claims a queued job in the database before it runs it
 * (one at a time in the deployment; the CLI's own jobs run at once), beats a heartbeat while it runs, and hears a
 * cancel asked on another node. A running job whose node stopped beating for `staleMs` (it died) is interrupted and
 * queued again by another node, which resumes it from the checkpoints when the training directory is shared.
 *
 * @example
 * const jobs = TrainingJobs.open({ dir: trainingPath(config), registry, archivePath, botNames: config.botNames, cwd, logger });
 * jobs.resumeInterrupted();
 * const job = jobs.start({ preset: 'cpu-tiny', corpus: { simulatorMessages: 2000, archive: false } });
 * const done = await jobs.waitFor(job.id); // state 'succeeded', resultModel 'chat-topics-cpu-tiny@…'
 */
export class TrainingJobs {
  private readonly store: TrainingJobStore;
  private readonly jobs = new Map<string, TrainingJob>();
  private readonly listeners = new Set<TrainingJobsListener>();
  private readonly waiters = new Map<string, ((job: TrainingJob) => void)[]>();
  /** The jobs this process started or resumed (the CLI runs those only). */
  private readonly mine = new Set<string>();
  /** This process among the deployment's (in the database's `owner` column). */
  private readonly node = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly timer: NodeJS.Timeout | null = null;
  private readonly stopFollowing: () => void;
  private running: RunningJob | null = null;
  /** The job this node claimed and has not ended yet: its writes hold only while the database says it runs here. */
  private claimed: string | null = null;
  private closed = false;

  private constructor(private readonly options: TrainingJobsOptions) {
    this.store = openJobStore(options.dir, options.databaseUrl ?? null, options.logger);
    for (const job of this.store.loadJobs()) {
      // A file store's `running` job was this process's: it died without closing, and its checkpoints are there to
      // resume from. In a database it may run on another node (or be reaped once its node is found silent).
      if (job.state === 'running' && !this.store.shared) job.state = 'interrupted';
      this.jobs.set(job.id, job);
    }
    this.stopFollowing = this.store.onChange((change) => this.heard(change));
    if (this.store.shared) {
      this.timer = setInterval(() => this.beat(), options.heartbeatMs ?? 5000);
      this.timer.unref();
    }
  }

  /**
   * Loads the saved jobs (a job left `running` by a crash is `interrupted`). Starts nothing.
   * @throws TrainingStoreError when the database cannot be reached
   */
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
    // Ids are random: one another node (or an earlier run) took is drawn again, never written over.
    for (let tries = 1; !this.store.saveJob(job, { create: true, ...this.pin() }); tries++) {
      if (tries === 5) throw new TrainingJobError('training: no free job id after 5 draws');
      job.id = newJobId();
    }
    this.jobs.set(job.id, job);
    this.mine.add(job.id);
    this.emit((l) => l.job?.(structuredClone(job)));
    this.pump();
    return structuredClone(this.jobs.get(job.id)!);
  }

  /**
   * Cancels a queued job at once, or stops a running one (SIGTERM; it is `cancelled` when the child has exited),
   * wherever it runs.
   * @throws TrainingJobError for an unknown job or one already finished
   */
  cancel(id: string): TrainingJob {
    for (let attempt = 0; ; attempt++) {
      const job = this.require(id);
      // Another node may change the job between our read and our write: the write is conditional, read again.
      const again = attempt < 3;
      if (this.running?.id === id) this.running.stop('cancel');
      else if (job.state === 'queued' || job.state === 'interrupted') {
        if (!this.finish(job, 'cancelled', null, ['queued', 'interrupted']) && again) continue;
      } else if (job.state === 'running' && this.store.shared) {
        if (!this.store.requestCancel(id) && again) continue;
      } else {
        throw new TrainingJobError(`training job ${id} is ${job.state}: nothing to cancel`);
      }
      return structuredClone(this.jobs.get(id) ?? job);
    }
  }

  /**
   * Runs a failed, cancelled or interrupted job again from its checkpoints (`resumes` + 1); same model version.
   * @throws TrainingJobError for an unknown job, or one queued, running or succeeded
   */
  resume(id: string): TrainingJob {
    const job = this.require(id);
    const from: JobState[] = ['failed', 'cancelled', 'interrupted'];
    if (!from.includes(job.state) || !this.requeue(job, from)) {
      throw new TrainingJobError(
        `training job ${id} is ${this.jobs.get(id)?.state ?? job.state}: only a failed, cancelled or interrupted job can resume`,
      );
    }
    this.mine.add(id);
    this.pump();
    return structuredClone(job);
  }

  /** Every job, newest first. */
  list(): TrainingJob[] {
    this.refresh();
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

  /** Resolves with the job once it is succeeded, failed, cancelled or interrupted (on whichever node it runs). */
  waitFor(id: string): Promise<TrainingJob> {
    const job = this.require(id);
    if (TERMINAL.has(job.state)) return Promise.resolve(structuredClone(job));
    return new Promise((resolve) => this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve]));
  }

  /** Process id of the running job's child (for diagnostics and tests), null when that job is not running here. */
  childPid(id: string): number | null {
    return this.running?.id === id ? this.running.pid : null;
  }

  /**
   * Queues interrupted jobs again (each `resumes` + 1), those of dead nodes included, and starts the first queued
   * job. Call once at start-up.
   */
  resumeInterrupted(): TrainingJob[] {
    this.reap();
    this.refresh();
    const resumed: TrainingJob[] = [];
    for (const job of this.jobs.values()) {
      if (job.state === 'interrupted' && this.requeue(job, ['interrupted'])) resumed.push(structuredClone(job));
    }
    this.pump();
    return resumed;
  }

  /** Stops a running job as `interrupted` (it resumes at the next start); queued jobs stay queued. Idempotent. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      if (this.timer) clearInterval(this.timer);
      this.stopFollowing();
    }
    const running = this.running;
    if (running) {
      running.stop('close');
      await running.exited;
    }
    this.store.close();
  }

  /**
   * @param from only when the stored state is one of these (another node may have changed it)
   * @returns whether it was queued
   */
  private requeue(job: TrainingJob, from: readonly JobState[]): boolean {
    const next: TrainingJob = { ...job, state: 'queued', resumes: job.resumes + 1, error: null, finishedAt: null };
    if (!this.store.saveJob(next, { from, ...this.pin() })) return this.forget(job.id);
    Object.assign(job, next);
    this.jobs.set(job.id, job);
    this.emit((l) => l.job?.(structuredClone(job)));
    return true;
  }

  /** The CLI's jobs are claimed by the CLI only (a server hearing of them first would take them). */
  private pin(): { pin?: string } {
    return this.options.runs === 'own' ? { pin: this.node } : {};
  }

  /** A conditional write found the job changed by another node: read it again. @returns false */
  private forget(id: string): false {
    const stored = this.store.loadJob(id);
    if (stored) this.jobs.set(id, stored);
    return false;
  }

  /** The job, read again from a shared store first. @throws TrainingJobError for an unknown job */
  private require(id: string): TrainingJob {
    if (this.store.shared && this.running?.id !== id) {
      const stored = this.store.loadJob(id);
      if (stored) this.jobs.set(id, stored);
    }
    const job = this.jobs.get(id);
    if (!job) throw new TrainingJobError(`no training job "${id}"`);
    return job;
  }

  /** Reads every job again from a shared store (this node's running job is its own). */
  private refresh(): void {
    if (!this.store.shared) return;
    for (const job of this.store.loadJobs()) if (this.running?.id !== job.id) this.jobs.set(job.id, job);
  }

  /**
   * Starts the oldest queued job this process may run, once it claimed it, when none runs here. The jobs are known
   * without reading them all again: other nodes' writes come as notifications (`heard`, a resync after a lost
   * connection), and a claim the database refuses reads that job again.
   */
  private pump(): void {
    if (this.running || this.closed) return;
    const own = this.options.runs === 'own';
    const queued = [...this.jobs.values()]
      .filter((j) => j.state === 'queued' && (!own || this.mine.has(j.id)))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const job of queued) {
      const claimed: TrainingJob = { ...job, state: 'running', startedAt: job.startedAt ?? new Date().toISOString() };
      claimed.finishedAt = null;
      if (!this.store.claim(claimed, this.node, !own)) {
        this.forget(job.id);
        // Exclusive: another job runs in the deployment; the CLI's own job: taken or changed meanwhile.
        if (!own) return;
        continue;
      }
      Object.assign(job, claimed);
      this.claimed = job.id;
      this.emit((l) => l.job?.(structuredClone(job)));
      try {
        this.launch(job);
      } catch (err) {
        this.running = null;
        this.finish(job, 'failed', `could not start the training process: ${(err as Error).message}`);
        continue;
      }
      return;
    }
  }

  private launch(job: TrainingJob): void {
    this.running = new RunningJob(job, {
      ...this.options,
      store: this.store,
      emit: (call) => this.emit(call),
      logLine: (id, line) => this.logLine(id, line),
      save: (j, progress) => this.save(j, progress),
      finish: (j, state, error) => void this.finish(j, state, error),
      exited: () => {
        this.running = null;
        this.pump();
      },
    });
  }

  /**
   * Ends a job in a state.
   * @param from only when the stored state is one of these (another node may have changed it)
   * @returns false when `from` did not match (the job is read again, nothing else done)
   */
  private finish(
    job: TrainingJob,
    state: 'succeeded' | 'failed' | 'cancelled' | 'interrupted',
    error: string | null,
    from?: readonly JobState[],
  ): boolean {
    const ended: TrainingJob = {
      ...job,
      state,
      error,
      finishedAt: state === 'interrupted' ? null : new Date().toISOString(),
    };
    if (!this.store.saveJob(ended, { ...(from ? { from } : {}), ...this.ownership(job.id) })) return this.lose(job.id);
    if (this.claimed === job.id) this.claimed = null;
    Object.assign(job, ended);
    this.jobs.set(job.id, job);
    if (error !== null) this.logLine(job.id, { level: 'error', message: error });
    else if (state !== 'succeeded') this.logLine(job.id, { level: 'info', message: state });
    this.emit((l) => l.job?.(structuredClone(job)));
    this.options.logger.info({ job: job.id, state, error }, 'training job finished');
    this.settle(job);
    return true;
  }

  /** Resolves the waiters of a job that ended. */
  private settle(job: TrainingJob): void {
    if (!TERMINAL.has(job.state)) return;
    const waiters = this.waiters.get(job.id) ?? [];
    this.waiters.delete(job.id);
    for (const resolve of waiters) resolve(structuredClone(job));
  }

  private logLine(jobId: string, line: Omit<TrainingLogLine, 'at'>): void {
    const full: TrainingLogLine = { at: new Date().toISOString(), ...line };
    this.store.appendLog(jobId, full);
    this.emit((l) => l.log?.(jobId, full));
  }

  /**
   * Saves a job this node changed (its running job's metrics, backend, progress) and tells the listeners.
   * @param progress only its progress changed (the listeners hear it as progress)
   * @returns false when another node has taken the job over (see {@link lose})
   */
  private save(job: TrainingJob, progress = false): boolean {
    if (!this.store.saveJob(job, { progress, ...this.ownership(job.id) })) return this.lose(job.id);
    if (!progress) this.emit((l) => l.job?.(structuredClone(job)));
    return true;
  }

  /** Writes of the job this node claimed are conditional on the database still saying it runs here. */
  private ownership(id: string): { owner?: string } {
    return this.claimed === id ? { owner: this.node } : {};
  }

  /**
   * A conditional write found the job changed by another node: it is read again, and when it was this node's running
   * job (reaped while this node was too slow to beat), its child is killed, so that one run alone writes the
   * checkpoints. @returns false
   */
  private lose(id: string): false {
    if (this.claimed === id) {
      this.claimed = null;
      this.options.logger.warn({ job: id }, 'training: another node took the running job over; stopping it');
      if (this.running?.id === id) this.running.kill();
    }
    return this.forget(id);
  }

  /**
   * The heartbeat of a node with a database: the running job's node is alive (and hears a cancel asked elsewhere
   * even if the notification was missed); a server also takes over the jobs of nodes gone silent.
   */
  private beat(): void {
    if (this.closed) return;
    try {
      const running = this.running;
      if (running && !running.lost && this.store.heartbeat(running.id, this.node)) running.stop('cancel');
      if (this.options.runs !== 'own') {
        this.reap();
        this.pump();
      }
    } catch (err) {
      this.options.logger.warn({ err }, 'training: heartbeat failed (the database is away?)');
    }
  }

  /** Interrupts the running jobs of silent nodes and queues them again (their checkpoints resume them). */
  private reap(): void {
    if (!this.store.shared || this.options.runs === 'own') return;
    for (const job of this.store.reapStale(this.options.staleMs ?? 30_000)) {
      this.jobs.set(job.id, job);
      this.logLine(job.id, { level: 'warn', message: 'interrupted: the node running it stopped answering' });
      this.emit((l) => l.job?.(structuredClone(job)));
      this.settle(job);
      this.requeue(job, ['interrupted']);
    }
  }

  /** Another process wrote about a job: this node's copy follows, and its listeners hear it. */
  private heard(change: JobChange): void {
    if (this.closed) return;
    if (change.kind === 'resync') {
      this.refresh();
      for (const job of this.jobs.values()) this.emit((l) => l.job?.(structuredClone(job)));
      this.pump();
      return;
    }
    const running = this.running?.id === change.id ? this.running : null;
    switch (change.kind) {
      case 'cancel':
        running?.stop('cancel');
        return;
      case 'loss':
        if (!running) this.emit((l) => l.loss?.(change.id, change.points));
        return;
      case 'log':
        if (!running) for (const line of change.lines) this.emit((l) => l.log?.(change.id, line));
        return;
      default:
    }
    const { job } = change;
    if (running && !running.lost) {
      if (job.state === 'running') return;
      // Reaped by another node (this one was too slow to beat): it is theirs now.
      this.lose(job.id);
    }
    this.jobs.set(job.id, job);
    if (change.kind === 'progress' && job.progress) this.emit((l) => l.progress?.(structuredClone(job.progress!)));
    else this.emit((l) => l.job?.(structuredClone(job)));
    this.settle(job);
    // A job queued, or one that ended (the deployment's one slot is free): maybe this node runs the next.
    if (job.state !== 'running') this.pump();
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

/** `job-` + 6 hex digits: short enough for a model version; a clash is drawn again (see `start`). */
function newJobId(): string {
  return `job-${randomBytes(3).toString('hex')}`;
}
