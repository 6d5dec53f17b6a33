import type { TopicPipelineParams } from '../../contracts/analysis';
import type { ChatLine, TopicsSnapshot } from '../../contracts/socket-events';
import type { Embedder } from '../../models/embedding/Embedder';
import type { ChannelTopicEngineDeps } from './channelTopicTypes';
import { FitState } from './FitState';
import { IngestQueue } from './IngestQueue';
import { projectSnapshot } from './projectSnapshot';
import { RefitPacer } from './RefitPacer';
import type { ClusteringResult } from '../../models/topics/pipeline';
import { RefitCancelled, refitJob } from './Refitter';
import { RefitScheduler } from './RefitScheduler';
import { SnapshotThrottle } from './SnapshotThrottle';
import { stableSample, TopicWindow, type WindowEntry } from './TopicWindow';

export type {
  ChannelTopicEngineDeps,
  ChannelTopicEvents,
  ChannelTopicSettings,
  NeighbourIndex,
  NeighbourIndexFactory,
} from './channelTopicTypes';

/** Clock going back by more than this (a replay seek) starts the channel's topics afresh. */
const REWIND_RESET_SECONDS = 60;
/** Late messages placed again per step of the ingest queue (one placement slice of `FitState`). */
const LATE_SLICE = 64;

/**
 * The live topics of one channel: new messages enter a sliding window through the {@link IngestQueue} and are placed
 * in the current fit ({@link FitState}); the {@link RefitScheduler} refits the window in the background (`Refitter`);
 * snapshots go out through a {@link SnapshotThrottle}. The embedder can be switched while messages flow: the window
 * is re-embedded, not emptied, so topics and their ids go on across a model promotion.
 */
export class ChannelTopicEngine {
  readonly channel: string;
  private readonly window: TopicWindow;
  private readonly ingest: IngestQueue;
  private readonly fits: FitState;
  private readonly scheduler: RefitScheduler;
  private readonly throttle: SnapshotThrottle;
  /** Null when pacing is off. */
  private readonly pacer: RefitPacer | null;
  private params: TopicPipelineParams;
  private clock = 0;
  private closing: Promise<void> | null = null;

  constructor(private readonly deps: ChannelTopicEngineDeps) {
    const { channel, settings, logger, events } = deps;
    this.channel = channel;
    this.params = deps.params;
    this.window = new TopicWindow(settings.windowMinutes * 60, settings.windowMessages);
    const sink = {
      arriving: (lines: readonly ChatLine[]) => this.rewindCheck(lines),
      embedded: (entries: WindowEntry[], arrived: readonly number[]) => this.enter(entries, arrived),
    };
    this.pacer = refitPacer(settings);
    this.ingest = new IngestQueue({
      channel,
      embedder: deps.embedder,
      sink,
      logger,
      ...(settings.shedding ? { shedding: settings.shedding } : {}),
      ...(this.pacer ? { pacing: this.pacer } : {}),
    });
    this.fits = new FitState({
      channel,
      logger,
      indexFactory: deps.indexFactory ?? null,
      representatives: settings.representatives ?? 3,
      assigned: (a) => events.assigned(channel, a),
    });
    this.throttle = new SnapshotThrottle({ send: () => events.snapshot(this.snapshot()) });
    this.scheduler = new RefitScheduler({
      ...settings,
      windowSize: () => this.window.size,
      clock: () => this.clock,
      hasFit: () => this.fits.current !== null,
      overloaded: () => this.ingest.overloaded,
      run: (signal) => this.refit(signal),
    });
  }

  /** New chat lines of the channel, in order. Returns when they are embedded and placed (for tests). */
  push(lines: readonly ChatLine[]): Promise<void> {
    return this.ingest.push(lines);
  }

  /**
   * Starts the window from messages that came before this engine (the last minutes of the stream a live channel goes
   * on after a restart or a takeover): none is sampled or dropped for load, and the first refit follows as soon as the
   * window holds `minMessages`. Call it before the channel's live lines.
   * @param lines the messages, oldest first
   * @returns resolves once they are in the window
   */
  seed(lines: readonly ChatLine[]): Promise<void> {
    return this.ingest.seed(lines);
  }

  /**
   * Switches embedder without losing or doubling a message: the window is re-embedded (topics and ids go on) in a new
   * generation, so a refit or fit on old vectors places nothing; see `IngestQueue.switchEmbedder` for the ordering.
   * @param next the new embedder (the caller closes the old one once every channel has switched)
   * @returns resolves once the window holds only the new model's vectors (a refit on them follows)
   */
  switchEmbedder(next: Embedder): Promise<void> {
    return this.ingest.switchEmbedder(next, {
      begin: () => this.fits.nextGeneration(),
      entries: () => this.window.entries(),
      end: (failed) => this.reembedded(failed),
    });
  }

  /** Pipeline parameters for the refits that start from now on; a refit running now finishes with its own. */
  setPipelineParams(params: TopicPipelineParams): void {
    this.params = params;
    this.scheduler.changed();
    // Subscribers see the new parameters before the refit that uses them.
    this.throttle.schedule();
  }

  /** The window's messages now, oldest first (for tests and diagnostics; do not mutate). */
  windowEntries(): readonly WindowEntry[] {
    return this.window.entries();
  }

  /** Messages removed by moderation: out of the window and of the topic sizes. */
  deleted(ids: readonly string[]): void {
    const removed = this.window.remove(new Set(ids));
    this.ingest.count('deleted', removed);
    if (removed === 0) return;
    this.scheduler.changed();
    this.throttle.schedule();
  }

  /** Refits now (unless a refit is running) and resolves when it is applied. */
  refitNow(): Promise<void> {
    return this.scheduler.refitNow();
  }

  /** Resolves once no refit runs (one that comes due meanwhile is waited for too): for tests and benchmarks. */
  whenRefitsIdle(): Promise<void> {
    return this.scheduler.whenIdle();
  }

  /** Resolves once the current fit's neighbour index is built (or failed); at once without a factory or a fit. */
  whenIndexReady(): Promise<void> {
    return this.fits.whenIndexReady();
  }

  snapshot(): TopicsSnapshot {
    return projectSnapshot({
      channel: this.channel,
      clock: this.clock,
      settings: this.deps.settings,
      params: this.params,
      window: this.window.entries(),
      ...this.ingest.intake(),
      ...this.fits.view(),
    });
  }

  /** Stops refits (one queued in the shared worker is cancelled) and releases the fit's index; later calls wait for the same close. */
  close(): Promise<void> {
    return (this.closing ??= this.shutdown());
  }

  private async shutdown(): Promise<void> {
    // Nothing is sent or applied from here; then the running refit is cancelled and the running batch awaited.
    [this.throttle, this.fits].forEach((part) => part.close());
    const ingested = this.ingest.close();
    await this.scheduler.close();
    await ingested;
  }

  private rewindCheck(lines: readonly ChatLine[]): void {
    if (lines[0]!.message.elapsed >= this.clock - REWIND_RESET_SECONDS) return;
    this.fits.reset();
    this.window.clear();
    this.clock = 0;
  }

  private async enter(entries: WindowEntry[], arrived: readonly number[]): Promise<void> {
    for (const e of entries) this.clock = Math.max(this.clock, e.elapsed);
    this.window.append(entries, this.clock);
    this.scheduler.arrived(entries.length);
    await this.place(entries, arrived);
  }

  private async refit(signal: AbortSignal): Promise<void> {
    const { generation } = this.fits;
    const window = this.window.entries();
    const affordable = this.pacer?.affordableWindow ?? Infinity;
    // A window larger than the refits can follow (kept before the pacer lowered its cap) is refitted on a stable
    // sample; the messages left out keep the topic they were placed in (placing them again would hold up new ones).
    const entries = stableSample(window, affordable);
    const { deps } = this;
    const started = performance.now();
    const result = await this.startRefit(entries, signal).catch((err: unknown) => {
      if (!(err instanceof RefitCancelled))
        deps.logger.warn({ err, channel: this.channel }, 'topic engine: refit failed; keeping the previous topics');
      return null;
    });
    // How far behind the stream these topics come (messages waiting for the embedder, then the refit itself) tells
    // the pacer what the next windows may hold.
    if (result && this.pacer)
      this.pacer.refitted({ messages: entries.length, streamSeconds: this.pacer.clock - entries.at(-1)!.elapsed });
    // A sample, or no topics from this refit: the next tick of the wall-clock floor refits again, even if chat went
    // quiet (an ended replay grows back to its whole window; a failed refit is retried).
    const applied = result && this.fits.apply({ entries, result, generation, durationMs: performance.now() - started });
    if (!applied || entries.length < window.length) this.scheduler.changed();
    if (!applied) return;
    // The new topics go out before any assignment that names them.
    this.throttle.sendNow();
    // Messages that arrived while the refit ran were placed with the old fit (and announced): placed again, quietly.
    const known = new Set(window.map((e) => e.id));
    this.replaceLate(this.window.entries().filter((e) => !known.has(e.id)));
  }

  /**
   * Hands the refit of `entries` to the refitter, at once (an async function runs up to its first `await`, so a close
   * right after cancels it there). A window the job cannot be built from rejects, so the refit fails and is logged,
   * instead of throwing at the scheduler's timer (an unhandled rejection ends the process).
   */
  private async startRefit(entries: readonly WindowEntry[], signal: AbortSignal): Promise<ClusteringResult> {
    const { params, deps } = this;
    const affordable = this.pacer?.affordableWindow ?? Infinity;
    const job = refitJob(entries, params, {
      silhouetteSamplePerTopic: deps.settings.silhouetteSamplePerTopic ?? 100,
      initialLayout: this.fits.warmStart(entries, params.umap.nComponents),
      // Behind the stream (sampled by the shedder or the pacer): the embedder needs the other core.
      singleThreadLayout: this.ingest.overloaded || affordable < Infinity,
    });
    return deps.refitter.refit(job, signal);
  }

  /**
   * Places messages again in the current fit, quietly, a slice per step of the ingest queue: new messages are placed
   * between two slices instead of waiting behind them all (at 200 msg/s a refit of a few seconds leaves hundreds).
   */
  private replaceLate(late: readonly WindowEntry[]): void {
    if (late.length === 0 || this.closing) return;
    const slice = late.slice(0, LATE_SLICE);
    void this.ingest
      .then(async () => {
        await this.place(
          slice,
          slice.map(() => performance.now()),
          true,
        );
        this.replaceLate(late.slice(LATE_SLICE));
      }, 'topic engine: late messages not re-placed')
      .catch(() => undefined);
  }

  /** @param quiet for messages announced before: only their topic changes */
  private async place(entries: readonly WindowEntry[], arrived: readonly number[], quiet = false): Promise<void> {
    await this.fits.place(entries, arrived, quiet);
    this.throttle.schedule();
  }

  /** The window holds the new model's vectors: those it refused to embed leave it, and a refit on them follows. */
  private reembedded(failed: ReadonlySet<string>): void {
    if (failed.size > 0) this.ingest.count('dropped', this.window.remove(failed));
    this.scheduler.refitAfterCurrent();
    this.throttle.schedule();
  }
}

/** The channel's refit pacer: refits may take three quarters of the stream-time cadence (none when pacing is off). */
function refitPacer(settings: ChannelTopicEngineDeps['settings']): RefitPacer | null {
  if (settings.pacing === false) return null;
  const cadence = settings.refitStreamSeconds ?? 60;
  return new RefitPacer({
    windowSeconds: settings.windowMinutes * 60,
    windowMessages: settings.windowMessages,
    refitStreamSeconds: settings.pacing?.refitStreamSeconds ?? cadence * 0.75,
    ...(settings.pacing?.minWindow === undefined ? {} : { minWindow: settings.pacing.minWindow }),
  });
}
