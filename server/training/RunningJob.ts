import { existsSync } from 'node:fs';
import {
  TRAINING_STAGES,
  type TrainingJob,
  type TrainingLogLine,
  type TrainingProgress,
  type TrainingStage,
} from '../../contracts/training';
import { isPostgresUrl } from '../postgres/postgresUrl';
import { ChildMessageSchema, type ChildMessage, type StartTrainingMessage } from './childProtocol';
import { TrainingJobError } from './errors';
import type { JobRun, TrainingJobStore } from './store/TrainingJobStore';
import type { TrainingJobsListener, TrainingJobsOptions } from './TrainingJobs';
import { JobChildProcess, type ChildOutcome } from '../childProcess/JobChildProcess';

const CHILD_ENTRY = new URL('./trainingChild.ts', import.meta.url);
/** Progress pushed to listeners (and the job saved) at most this often, plus at every stage change. */
const PROGRESS_EVERY_MS = 1000;

/** What a running job needs of its `TrainingJobs`: the options, the store, and how a job is saved, logged and ended. */
export interface RunningJobDeps extends TrainingJobsOptions {
  store: TrainingJobStore;
  emit(call: (listener: TrainingJobsListener) => void): void;
  logLine(jobId: string, line: Omit<TrainingLogLine, 'at'>): void;
  /**
   * Saves the job and tells the listeners (`progress`: as progress).
   * @returns false when another node has taken the job over (this run is being killed)
   */
  save(job: TrainingJob, progress?: boolean): boolean;
  finish(job: TrainingJob, state: 'succeeded' | 'failed' | 'cancelled' | 'interrupted', error: string | null): void;
  /** The child exited and the job's outcome is saved: the slot is free. */
  exited(): void;
}

/**
 * A job running on this node: fixes its run settings at the first start (model name and version, seed, the model it
 * continues), starts its child (`JobChildProcess`), writes what the child reports (progress at most once a second, loss,
 * log, stage metrics), and on exit installs the model or says why it did not end well.
 */
export class RunningJob {
  readonly id: string;
  private readonly process: JobChildProcess<ChildMessage>;
  private lastProgressAt = 0;
  private lastStage: TrainingStage | null = null;
  private killed = false;

  /** @throws Error when the run settings cannot be fixed (no model to continue) or the process cannot be forked */
  constructor(
    private readonly job: TrainingJob,
    private readonly deps: RunningJobDeps,
  ) {
    this.id = job.id;
    const { store } = deps;
    const options = deps;
    const stages = orderStages(job.request.stages);
    const run = store.readRun(job.id) ?? this.newRun(stages);
    store.saveRun(job.id, run);
    deps.logLine(job.id, {
      level: 'info',
      message:
        job.resumes > 0
          ? `resumed from checkpoints (resume ${job.resumes})`
          : `started: preset ${job.request.preset}, stages ${stages.join(', ')}`,
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
    this.process = new JobChildProcess(start, {
      entry: CHILD_ENTRY,
      what: 'the training process',
      schema: ChildMessageSchema,
      finalTypes: ['done', 'error', 'cancelled'],
      heapMb: options.heapMb ?? 4096,
      killGraceMs: options.killGraceMs ?? 15_000,
      onMessage: (message) => this.onChildMessage(message),
      onMalformed: (issue) =>
        options.logger.warn({ job: job.id, issue }, 'training: ignoring a malformed message of the child'),
      onExit: (exit) => {
        try {
          this.onChildExit(exit);
        } finally {
          deps.exited();
        }
      },
    });
  }

  /** Another node took the job over (see {@link kill}): nothing more is written for it. */
  get lost(): boolean {
    return this.killed;
  }

  get pid(): number | null {
    return this.process.pid;
  }

  /** Resolves once the child exited and the job's outcome is saved. */
  get exited(): Promise<void> {
    return this.process.exited;
  }

  /** Asks the child to checkpoint and stop: the job ends `cancelled` or (`close`) `interrupted`. */
  stop(why: 'cancel' | 'close'): void {
    this.process.stop(why);
  }

  /** Another node took the job over: the child is killed at once and nothing more is written for it. */
  kill(): void {
    this.killed = true;
    this.process.kill();
  }

  /** Settings fixed at a job's first start: the model's name and version, the seed, the model it continues. */
  private newRun(stages: TrainingStage[]): JobRun {
    const { job, deps } = this;
    const run: JobRun = {
      modelName: job.request.modelName ?? `chat-topics-${job.request.preset}`,
      modelVersion: `${compactDateTime(new Date(job.createdAt))}-${job.id}`,
      seed: job.request.seed ?? 1,
    };
    // Without the tokenizer or the pretraining stage the chain continues a model (its tokenizer, its weights):
    // the active one (the contract's rule).
    if (!stages.includes('tokenizer') || !stages.includes('pretrain')) {
      const active = deps.registry.activeId();
      if (active === null)
        throw new TrainingJobError(
          `stages ${stages.join(', ')} continue a model, and no model is active (promote one, or add the tokenizer stage)`,
        );
      run.startFrom = deps.registry.resolve(active);
    }
    return run;
  }

  private onChildMessage(message: ChildMessage): void {
    const { job, deps } = this;
    if (this.killed) return;
    switch (message.type) {
      case 'progress': {
        const progress: TrainingProgress = { ...message.progress, jobId: job.id, at: new Date().toISOString() };
        job.progress = progress;
        const now = Date.now();
        // A stage's first and last reports always go out: a stage shorter than the interval still shows its loss.
        if (
          now - this.lastProgressAt >= PROGRESS_EVERY_MS ||
          progress.stage !== this.lastStage ||
          progress.step === progress.totalSteps
        ) {
          this.lastProgressAt = now;
          this.lastStage = progress.stage;
          if (deps.save(job, true)) deps.emit((l) => l.progress?.(structuredClone(progress)));
        }
        return;
      }
      case 'loss':
        deps.store.appendLoss(job.id, message.points);
        deps.emit((l) => l.loss?.(job.id, structuredClone(message.points)));
        return;
      case 'log':
        deps.logLine(job.id, message.line);
        return;
      case 'stageMetrics':
        job.stageMetrics = [...job.stageMetrics.filter((m) => m.stage !== message.metrics.stage), message.metrics];
        deps.save(job);
        return;
      case 'backend':
        job.backend = message.backend;
        deps.save(job);
        return;
      default:
    }
  }

  private onChildExit(outcome: ChildOutcome<ChildMessage>): void {
    const { job, deps } = this;
    if (this.killed) return;
    if (outcome.kind === 'crashed') return deps.finish(job, 'failed', outcome.reason);
    const final = outcome.kind === 'said' ? outcome.final : null;
    if (final?.type === 'done') {
      job.backend = final.backend;
      job.stageMetrics = final.stageMetrics;
      try {
        const info = deps.registry.install(final.modelDir, { move: true });
        job.resultModel = info.id;
        deps.logLine(job.id, {
          level: 'info',
          message: `model ${info.id} installed in the registry (${Math.round(final.seconds)} s of training)`,
        });
        deps.finish(job, 'succeeded', null);
        deps.store.removeWork(job.id);
      } catch (err) {
        deps.finish(job, 'failed', `the trained model could not be installed: ${(err as Error).message}`);
      }
      return;
    }
    if (outcome.stopped === 'cancel') return deps.finish(job, 'cancelled', null);
    // Stopped by us at close, or by a signal from outside (a Ctrl-C reaches the child's whole process group, maybe
    // before the parent's own close): checkpointed, so it can go on.
    if (outcome.stopped === 'close' || final?.type === 'cancelled') return deps.finish(job, 'interrupted', null);
    if (final?.type === 'error') deps.finish(job, 'failed', final.message);
  }
}

/** The request's stages in chain order (all four by default). */
function orderStages(stages: readonly TrainingStage[] | undefined): TrainingStage[] {
  if (!stages) return [...TRAINING_STAGES];
  return TRAINING_STAGES.filter((s) => stages.includes(s));
}

/** `2025-01-31T12:00:05.123Z` -> `20250131-120005` (UTC). */
function compactDateTime(d: Date): string {
  const iso = d.toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}
