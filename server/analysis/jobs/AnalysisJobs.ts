import { randomBytes } from 'node:crypto';
import { TopicPipelineParamsSchema, type TopicPipelineParams } from '../../../contracts/analysis';
import type { AnalysisJob, StartAnalysisBody } from '../../../contracts/http';
import type { AppConfig } from '../../config/schema';
import type { Logger } from '../../logger';
import { canonicalJson } from '../store/analysisKey';
import { AnalysisJobConflictError, AnalysisJobNotFoundError } from './errors';
import { JobChildProcess, type ChildOutcome } from '../../childProcess/JobChildProcess';
import { AnalysisChildMessageSchema, type AnalysisChildMessage, type StartAnalysisMessage } from './jobProtocol';
import { estimateProgress, overallFraction } from './stageProgress';

/** Finished jobs kept in memory (the oldest finished go first); queued and running ones always stay. */
const KEEP_FINISHED = 200;
const CHILD_ENTRY = new URL('./analysisChild.ts', import.meta.url);

/** What a model request resolves to: what the child starts, and the model id as known before it starts. */
export interface ResolvedModel {
  spec: string;
  /** The embedder's id when known in advance (the live embedder's); else the request, until the child reports. */
  id: string;
}

export interface AnalysisJobsOptions {
  /** The archive the child reads the stream from (a file: an in-memory archive cannot be shared). */
  archivePath: string;
  /** The analysis store's location: a directory or a PostgreSQL URL (`AnalysisStore.location`). */
  storeLocation: string;
  /** Sent to the child, which starts the embedder with its settings. */
  config: AppConfig;
  /** Where a relative model directory is resolved. */
  cwd: string;
  logger: Logger;
  /**
   * The model a request names, as the child should start it; called with undefined for the default (the live
   * embedder's model).
   */
  resolveModel: (requested: string | undefined) => ResolvedModel;
  /** JavaScript heap limit of the child in MB (default 4096). */
  heapMb?: number;
  /** After SIGTERM, how long the child may take to stop before SIGKILL. Default 2000 ms. */
  killGraceMs?: number;
  now?: () => number;
}

interface Entry {
  job: AnalysisJob;
  spec: string;
  params: TopicPipelineParams;
  /** Stream, model and parameters: two jobs with the same would store the same analysis. */
  identity: string;
  /** Epoch ms the child started (the ETA counts from here, not from the queueing). */
  runningSince: number | null;
  /** Epoch ms the current stage began, and the overall fraction then (the bar moves with the clock in between). */
  stageSince: number;
  stageBase: number;
}

interface Running {
  entry: Entry;
  child: JobChildProcess<AnalysisChildMessage>;
}

const FINISHED = new Set<AnalysisJob['state']>(['done', 'failed', 'cancelled']);

/**
 * Whole-stream analyses in the background: one runs at a time per server (the others wait as `queued`), each in a
 * child process (`analysisChild.ts`, forked with tsx like the training child), which reads the stream from the
 * archive, embeds, clusters, stores the result in the analysis store and reports its stage progress. The parent
 * turns that into an overall fraction (fixed stage weights, see `stageProgress.ts`) and an ETA.
 *
 * - Starting the same stream, model and parameters again while that job is queued or running is a conflict (409):
 *   it would store the same analysis; another model or parameters queue behind it.
 * - `cancel` drops a queued job at once, or stops the running child (SIGTERM, SIGKILL after `killGraceMs`): the
 *   job is `cancelled` and nothing is stored.
 * - A child that dies or reports an error fails its job with the reason (and its stderr's tail).
 * - Jobs live in memory, since the server started; `close()` stops the running child (the job is `cancelled`).
 *
 * @example
 * const jobs = new AnalysisJobs({ archivePath, storeLocation, config, cwd, logger, resolveModel });
 * const job = jobs.start('chan-20250101-120000', { model: 'bow' });
 * (await jobs.waitFor(job.id)).key; // the stored analysis
 */
export class AnalysisJobs {
  private readonly entries = new Map<string, Entry>();
  private readonly waiters = new Map<string, ((job: AnalysisJob) => void)[]>();
  private running: Running | null = null;
  private closed = false;

  constructor(private readonly options: AnalysisJobsOptions) {}

  /**
   * Queues an analysis of an archived stream (the caller checked that it exists); it runs now when none runs.
   * @throws AnalysisJobConflictError when the same analysis is already queued or running, or the server is stopping
   */
  start(streamId: string, body: StartAnalysisBody): AnalysisJob {
    if (this.closed)
      throw new AnalysisJobConflictError('analysis jobs are closed (the server is stopping)', {
        code: 'analysis.closed',
      });
    const params = TopicPipelineParamsSchema.parse(body.params ?? {});
    const model = this.options.resolveModel(body.model);
    const identity = canonicalJson({ streamId, spec: model.spec, params });
    const same = [...this.entries.values()].find((e) => e.identity === identity && !FINISHED.has(e.job.state));
    if (same)
      throw new AnalysisJobConflictError(
        `the same analysis of ${streamId} (model ${same.job.model}, same parameters) is already ${same.job.state}: job ${same.job.id}`,
        { code: 'analysis.busy', params: { streamId, model: same.job.model, job: same.job.id } },
      );
    const job: AnalysisJob = {
      id: `analysis-${randomBytes(4).toString('hex')}`,
      streamId,
      model: model.id,
      state: 'queued',
      stage: null,
      fraction: 0,
      etaSeconds: null,
      startedAt: this.now(),
      finishedAt: null,
      key: null,
      error: null,
    };
    this.entries.set(job.id, {
      job,
      spec: model.spec,
      params,
      identity,
      runningSince: null,
      stageSince: 0,
      stageBase: 0,
    });
    this.forgetOldJobs();
    this.pump();
    return this.view(this.require(job.id));
  }

  /** @throws AnalysisJobNotFoundError */
  get(id: string): AnalysisJob {
    return this.view(this.require(id));
  }

  /** A stream's jobs, newest first. */
  list(streamId: string): AnalysisJob[] {
    return [...this.entries.values()]
      .filter((e) => e.job.streamId === streamId)
      .map((e) => this.view(e))
      .sort((a, b) => b.startedAt - a.startedAt || b.id.localeCompare(a.id));
  }

  /**
   * Cancels a queued job at once, or stops the running one (it is `cancelled` once its child has exited).
   * @throws AnalysisJobNotFoundError; AnalysisJobConflictError for a finished job
   */
  cancel(id: string): AnalysisJob {
    const entry = this.require(id);
    if (entry.job.state === 'queued') this.finish(entry, 'cancelled', null);
    else if (entry.job.state === 'running' && this.running?.entry === entry) this.running.child.stop('cancel');
    else
      throw new AnalysisJobConflictError(`analysis job ${id} is ${entry.job.state}: nothing to cancel`, {
        code: 'analysis.not-cancellable',
        params: { job: id },
      });
    return this.view(entry);
  }

  /** Resolves with the job once it is done, failed or cancelled. @throws AnalysisJobNotFoundError */
  waitFor(id: string): Promise<AnalysisJob> {
    const entry = this.require(id);
    if (FINISHED.has(entry.job.state)) return Promise.resolve({ ...entry.job });
    return new Promise((resolve) => this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve]));
  }

  /** Process id of the running job's child (for tests), null when that job is not running. */
  childPid(id: string): number | null {
    return this.running?.entry.job.id === id ? this.running.child.pid : null;
  }

  /** Stops the running child and cancels the queued jobs (the server is stopping). Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    for (const entry of this.entries.values()) if (entry.job.state === 'queued') this.finish(entry, 'cancelled', null);
    const running = this.running;
    if (!running) return;
    running.child.stop('close');
    await running.child.exited;
  }

  /** A copy of the job; a running one with its progress and ETA as of now (see `estimateProgress`). */
  private view(entry: Entry): AnalysisJob {
    const job = { ...entry.job };
    if (job.state !== 'running' || entry.runningSince === null) return job;
    const now = this.now();
    const estimate = estimateProgress({
      stage: job.stage,
      reported: job.fraction,
      stageBase: entry.stageBase,
      runningMs: now - entry.runningSince,
      stageMs: now - entry.stageSince,
    });
    return { ...job, fraction: estimate.fraction, etaSeconds: estimate.etaSeconds };
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private require(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry)
      throw new AnalysisJobNotFoundError(`no analysis job "${id}" since the server started`, {
        code: 'analysis.unknown-job',
        params: { job: id },
      });
    return entry;
  }

  private forgetOldJobs(): void {
    const finished = [...this.entries.values()].filter((e) => FINISHED.has(e.job.state));
    finished.sort((a, b) => a.job.startedAt - b.job.startedAt);
    for (const e of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.entries.delete(e.job.id);
  }

  /** Starts the oldest queued job when none runs. */
  private pump(): void {
    if (this.running || this.closed) return;
    const next = [...this.entries.values()]
      .filter((e) => e.job.state === 'queued')
      .sort((a, b) => a.job.startedAt - b.job.startedAt)[0];
    if (!next) return;
    try {
      this.launch(next);
    } catch (err) {
      this.finish(next, 'failed', `could not start the analysis process: ${(err as Error).message}`);
      this.pump();
    }
  }

  private launch(entry: Entry): void {
    const { options } = this;
    if (options.archivePath === ':memory:')
      throw new Error('the archive is in memory (a throwaway server): a child process cannot read it');
    const start: StartAnalysisMessage = {
      type: 'start',
      jobId: entry.job.id,
      streamId: entry.job.streamId,
      archivePath: options.archivePath,
      storeLocation: options.storeLocation,
      modelSpec: entry.spec,
      params: entry.params,
      config: { ...options.config },
      cwd: options.cwd,
    };
    const child = new JobChildProcess(start, {
      entry: CHILD_ENTRY,
      what: 'the analysis process',
      schema: AnalysisChildMessageSchema,
      finalTypes: ['done', 'cancelled', 'error'],
      heapMb: options.heapMb ?? 4096,
      killGraceMs: options.killGraceMs ?? 2000,
      onMessage: (message) => this.onChildMessage(entry, message),
      onMalformed: (issue) =>
        options.logger.warn({ job: entry.job.id, issue }, 'analysis: ignoring a malformed message of the child'),
      onExit: (outcome) => {
        this.onChildExit(entry, outcome);
        this.running = null;
        this.pump();
      },
    });
    this.running = { entry, child };
    entry.job.state = 'running';
    entry.job.stage = 'load';
    entry.runningSince = entry.stageSince = this.now();
  }

  private onChildMessage(entry: Entry, message: AnalysisChildMessage): void {
    const { job } = entry;
    if (message.type === 'model') job.model = message.model.id;
    else if (message.type === 'progress') {
      // What the clock moved the bar to in the stage that ends now: the new base must not fall below it.
      const shown = this.view(entry).fraction;
      if (message.stage !== job.stage) {
        entry.stageSince = this.now();
        entry.stageBase = Math.max(shown, overallFraction(message.stage, 0));
      }
      job.stage = message.stage;
      // Never backwards: a windowed analysis goes through embed, knn and umap once per window.
      job.fraction = Math.max(job.fraction, entry.stageBase, overallFraction(message.stage, message.fraction));
    }
  }

  private onChildExit(entry: Entry, outcome: ChildOutcome<AnalysisChildMessage>): void {
    if (outcome.kind === 'crashed') return this.finish(entry, 'failed', outcome.reason);
    if (outcome.kind === 'said' && outcome.final.type === 'done') {
      entry.job.key = outcome.final.stored.key;
      return this.finish(entry, 'done', null);
    }
    if (outcome.kind === 'said' && outcome.final.type === 'error' && outcome.stopped === null)
      return this.finish(entry, 'failed', outcome.final.message);
    this.finish(entry, 'cancelled', null);
  }

  private finish(entry: Entry, state: 'done' | 'failed' | 'cancelled', error: string | null): void {
    const { job } = entry;
    job.state = state;
    job.error = error;
    job.stage = null;
    job.finishedAt = this.now();
    if (state === 'done') {
      job.fraction = 1;
      job.etaSeconds = 0;
    } else job.etaSeconds = null;
    this.options.logger.info({ job: job.id, stream: job.streamId, state, error }, 'analysis job finished');
    const waiters = this.waiters.get(job.id) ?? [];
    this.waiters.delete(job.id);
    for (const resolve of waiters) resolve({ ...job });
  }
}
