import type { Logger } from 'pino';
import type { TopicPipelineParams } from '../../contracts/analysis';
import type { ChatLine, TopicAssignment, TopicCard, TopicsSnapshot } from '../../contracts/socket-events';
import type { Embedder } from '../../models/embedding/Embedder';
import { LatencyWindow } from '../../models/embedding/LatencyWindow';
import { EmbedOverloadError } from '../../models/embedding/errors';
import { formatLabel } from '../../models/topics/labels';
import { assignMessages, packRows, warmStartRows, type ClusteringResult, type FittedTopicModel } from '../../models/topics/pipeline';
import { DEFAULT_TOPIC_TRACKER_OPTIONS, TopicTracker } from '../../models/topics/tracking';
import { exclusionReason, type ExclusionCounts } from '../analysis/selectClusterable';
import type { KnnGraph } from '../../models/topics/knn';
import { LoadShedder, type LoadShedderOptions } from './LoadShedder';
import { MomentBoard } from './MomentBoard';
import { orderCards, refitClusters, trackedCard } from './trackedCards';
import { RefitCancelled, type Refitter } from './Refitter';
import { TopicWindow, type WindowEntry } from './TopicWindow';

export interface ChannelTopicSettings {
  windowMinutes: number;
  windowMessages: number;
  refitSeconds: number;
  minMessages: number;
  /** Silhouettes per refit are estimated from this many points per topic (default 100). */
  silhouetteSamplePerTopic?: number;
  /** Representative messages per card (default 3). */
  representatives?: number;
  /**
   * Also refit once the stream clock has moved this many seconds past the last refit's (default 60): a replay at
   * x100 moves 50 stream minutes in `refitSeconds` of wall time, far more than the window holds.
   */
  refitStreamSeconds?: number;
  /** Also refit once this share of the window arrived since the last refit (default 0.25). */
  refitNewShare?: number;
  /** When to cluster a sample of new messages rather than all (defaults: see `LoadShedder`). */
  shedding?: LoadShedderOptions;
}

export interface ChannelTopicEvents {
  snapshot(snapshot: TopicsSnapshot): void;
  assigned(channel: string, assignments: TopicAssignment[]): void;
}

/** Finds new messages' neighbours among a fit's messages (UMAP transform's first step). */
export interface NeighbourIndex {
  search(queries: Float32Array): Promise<KnnGraph>;
  close(): void;
}

/** Builds the neighbour index of a fit: ONNX Runtime's matrix product in the server, none (plain JS) in tests. */
export type NeighbourIndexFactory = (vectors: Float32Array, dim: number, k: number) => Promise<NeighbourIndex>;

interface FitState {
  model: FittedTopicModel;
  /**
   * The engine's generation the fit was made in. A fit of an earlier generation (before an embedder switch) holds
   * vectors of another model: it still names the topic cards until the next refit, but never places a message.
   */
  generation: number;
  /** Set once built (a few tens of ms after the refit); until then placement searches in plain JS. */
  index: NeighbourIndex | null;
  /** Tracked topic id of each cluster of the fit. */
  topicOfCluster: number[];
  /** Ids of the fitted messages with their layout row (warm start of the next refit). */
  rowOf: Map<string, number>;
  layout: Float32Array;
  silhouette: Map<number, number | null>;
  representatives: Map<number, WindowEntry[]>;
  labels: Map<number, { label: string; terms: TopicCard['terms'] }>;
}

/** Clock going back by more than this (a replay seek) starts the channel's topics afresh. */
const REWIND_RESET_SECONDS = 60;
/**
 * Most messages waiting to be embedded and placed. A replay at x1000 sends far more than placement can follow
 * (each new message is compared with the whole window); beyond this the newest are left out and counted as
 * `dropped` rather than queued without bound. The next refit still clusters the whole window.
 */
const MAX_PENDING_MESSAGES = 2048;
/** Fits of at least this many messages are searched through their ONNX index only (plain JS is too slow there). */
const WAIT_FOR_INDEX_FROM = 2000;
/** Most messages embedded and placed in one step of the ingest chain. */
const INGEST_BATCH = 256;
/** Messages placed per turn of the event loop (UMAP transform: about 20 ms for a 10,000-message fit here). */
const PLACEMENT_SLICE = 64;
/** Snapshots between refits are sent at most this often. */
const SNAPSHOT_THROTTLE_MS = 1000;
/** Texts per request when the window is re-embedded by a new model (the embed service's queue holds 4096). */
const REEMBED_CHUNK = 256;
/** A re-embedding request refused for overload is retried this often, this long apart, before its messages are dropped. */
const REEMBED_RETRIES = 100;
const REEMBED_RETRY_MS = 50;

/**
 * The live topics of one channel: a sliding window of embedded messages, refitted every `refitSeconds` in the
 * background (`Refitter`), and new messages placed in the current topics as they arrive (UMAP transform + HDBSCAN
 * prediction, milliseconds), with topic ids kept stable across refits by a `TopicTracker`.
 *
 * Deleted, bot, command and empty messages are counted, never clustered; a message deleted after it entered the
 * window is removed from it.
 *
 * The embedder can be switched while messages flow ({@link switchEmbedder}): the window is re-embedded by the new
 * model rather than emptied, so the channel's topics (and their ids) continue across a model promotion.
 */
export class ChannelTopicEngine {
  private readonly window: TopicWindow;
  private tracker = new TopicTracker();
  private readonly moments = new MomentBoard();
  private readonly excluded: ExclusionCounts & { dropped: number } = { deleted: 0, bot: 0, command: 0, empty: 0, dropped: 0 };
  private readonly latency = new LatencyWindow(512);
  private fit: FitState | null = null;
  private ingesting: Promise<void> = Promise.resolve();
  /** Messages waiting for the embedder, with their arrival (`performance.now()`), oldest first. */
  private readonly queue: { line: ChatLine; arrived: number }[] = [];
  /** The batch being embedded and placed: its size, and the arrival of its oldest message (the shedder's measure). */
  private inFlight: { count: number; since: number } | null = null;
  /** The running drain of the queue, if any (new messages join it). */
  private draining: Promise<void> | null = null;
  private readonly shedder: LoadShedder;
  /** Messages waiting for the embedder or being embedded and placed: bounded by MAX_PENDING_MESSAGES. */
  private get pending(): number {
    return this.queue.length + (this.inFlight?.count ?? 0);
  }
  private indexBuilt: Promise<void> = Promise.resolve();
  private refitting: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastSnapshotAt = 0;
  private snapshotTimer: NodeJS.Timeout | null = null;
  private refits = 0;
  /** Messages that entered the window since the last refit started. */
  private arrivedSinceRefit = 0;
  /** Stream clock of the window the last refit started on. */
  private refitClock = 0;
  private lastRefit: TopicsSnapshot['lastRefit'] = null;
  private clock = 0;
  private lastWindowClock = 0;
  private generation = 0;
  private closed = false;
  private closing: Promise<void> | null = null;
  private readonly abort = new AbortController();

  constructor(
    readonly channel: string,
    private embedder: Embedder,
    private readonly refitter: Refitter,
    private readonly params: TopicPipelineParams,
    private readonly settings: ChannelTopicSettings,
    private readonly events: ChannelTopicEvents,
    private readonly logger: Logger,
    private readonly indexFactory: NeighbourIndexFactory | null = null,
  ) {
    this.window = new TopicWindow(settings.windowMinutes * 60, settings.windowMessages);
    this.shedder = new LoadShedder(settings.shedding);
    this.timer = setInterval(() => void this.refitNow(), settings.refitSeconds * 1000);
    this.timer.unref();
  }

  /** New chat lines of the channel, in order. Returns when they are embedded and placed (for tests). */
  push(lines: readonly ChatLine[]): Promise<void> {
    const arrived = performance.now();
    // A half-full queue counts as overload at once: in the first second of a burst it fills before anything waits long.
    const oldest = this.inFlight?.since ?? this.queue[0]?.arrived ?? null;
    const wait = this.pending > MAX_PENDING_MESSAGES / 2 ? Infinity : oldest === null ? 0 : arrived - oldest;
    this.shedder.observe(wait, arrived);
    const kept: ChatLine[] = [];
    for (const line of lines) {
      const reason = exclusionReason(line.message);
      if (reason !== null) this.excluded[reason]++;
      else if (this.shedder.admit()) kept.push(line);
    }
    if (kept.length === 0) return this.draining ?? this.ingesting;
    if (this.pending + kept.length > MAX_PENDING_MESSAGES) {
      this.excluded.dropped += kept.length;
      return this.draining ?? this.ingesting;
    }
    for (const line of kept) this.queue.push({ line, arrived });
    if (!this.draining) {
      const draining = this.ingesting.then(() => this.drain());
      this.draining = draining;
      this.ingesting = draining;
    }
    return this.draining;
  }

  /**
   * Embeds and places what is queued, up to {@link INGEST_BATCH} messages a step, until the queue is empty. Why
   * batches: live chat arrives one message at a time, and a chain of one-message embeddings is bounded by the
   * round trip to the embedder's thread (about a hundred messages a second), far below what it can embed in batches.
   */
  private async drain(): Promise<void> {
    for (;;) {
      // Checked and cleared in one synchronous step: a push right after sees no drain and starts one.
      if (this.queue.length === 0 || this.closed) {
        this.queue.length = 0;
        this.draining = null;
        return;
      }
      const batch = this.queue.splice(0, INGEST_BATCH);
      this.inFlight = { count: batch.length, since: batch[0]!.arrived };
      try {
        await this.ingest(
          batch.map((q) => q.line),
          batch.map((q) => q.arrived),
        );
      } catch (err) {
        this.logger.warn({ err, channel: this.channel }, 'topic engine: messages not embedded');
      } finally {
        this.inFlight = null;
      }
    }
  }

  /**
   * Switches to another embedder (a promoted or rolled-back model) without losing or double-counting a message.
   *
   * Choice: the window is **re-embedded** by the new model, not emptied. Users expect the channel's topics to go on
   * (same ids, same history) when a model is promoted; an emptied window would mean minutes of "warming up" and
   * every topic reborn under a new id. How it stays exact:
   * - the switch is a step of the same chain that embeds new messages: messages queued before it finish with the
   *   old model and enter the window, then the step re-embeds every window message with the new model (its vector
   *   replaced in place: each message is in the window once, with one vector, the new model's); messages pushed
   *   after the call wait behind the step and are embedded by the new model only;
   * - vectors of two models are never mixed in one fit (their dimensions may even differ): the step bumps the
   *   generation, so a refit running on old vectors is discarded, and the old fit stops placing messages (its
   *   cards stay visible); a refit on the new vectors starts at once, and the tracker, which matches topics by
   *   member ids, keeps the topic ids across it;
   * - messages that arrive meanwhile wait in the bounded queue as usual (beyond it they are counted `dropped`), and
   *   a re-embedding request the new embedder refuses (overload) is retried, then its messages are left out of the
   *   window and counted `dropped`.
   *
   * @param next the new embedder (the caller closes the old one once every channel has switched)
   * @returns resolves once the window holds only the new model's vectors (the refit runs after)
   */
  switchEmbedder(next: Embedder): Promise<void> {
    const step = this.ingesting.then(() => this.reembedWindow(next));
    this.ingesting = step.catch((err: unknown) => {
      this.logger.error({ err, channel: this.channel }, 'topic engine: embedder switch failed');
    });
    return step;
  }

  /** The window's messages now, oldest first (for tests and diagnostics; do not mutate). */
  windowEntries(): readonly WindowEntry[] {
    return this.window.entries();
  }

  /** Messages removed by moderation: out of the window and of the topic sizes. */
  deleted(ids: readonly string[]): void {
    const removed = this.window.remove(new Set(ids));
    this.excluded.deleted += removed;
    if (removed > 0) this.scheduleSnapshot();
  }

  /**
   * Starts a refit when the stream has moved on since the last one: `refitStreamSeconds` of stream time, or
   * `refitNewShare` of the window new. The wall-clock timer (`refitSeconds`) remains the floor for a quiet channel.
   * Refits never queue: one that comes due while another runs starts from the newest window once that one is
   * applied, so a replay faster than the refits skips ahead instead of falling behind.
   */
  private refitIfDue(): void {
    if (this.refitting || this.closed || this.window.size < this.settings.minMessages) return;
    const share = this.settings.refitNewShare ?? 0.25;
    const streamSeconds = this.settings.refitStreamSeconds ?? 60;
    // Under overload the share of new messages does not call refits: they would take the cores from embedding
    // (more messages sampled out) and hold a second fit in memory (a 5,000 msg/s burst: 4 refits a minute, RSS
    // 984 MB, against 1 and 776 MB); stream time and the wall-clock floor still do.
    const shareDue = this.shedder.keepRatio >= 1 && this.arrivedSinceRefit >= share * this.window.size;
    // The first refit as soon as the window has its minimum (unless refits on change are off: Infinity).
    const due = this.fit === null ? Number.isFinite(share) : this.clock - this.refitClock >= streamSeconds || shareDue;
    if (due) void this.refitNow();
  }

  /** Refits now (unless a refit is running) and resolves when it is applied. */
  refitNow(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.refitting) return this.refitting;
    if (this.window.size < this.settings.minMessages) return Promise.resolve();
    this.arrivedSinceRefit = 0;
    this.refitClock = this.clock;
    this.refitting = this.runRefit().finally(() => {
      this.refitting = null;
      // The stream may have moved on while it ran: the next one starts at once, from the newest window.
      this.refitIfDue();
    });
    return this.refitting;
  }

  /** Resolves once no refit runs (one that comes due meanwhile is waited for too): for tests and benchmarks. */
  async whenRefitsIdle(): Promise<void> {
    while (this.refitting) await this.refitting.catch(() => undefined);
  }

  snapshot(): TopicsSnapshot {
    const topicSizes = new Map<number, number>();
    const momentSizes = new Map<number, number>();
    for (const e of this.window.entries()) {
      if (e.topic !== null) topicSizes.set(e.topic, (topicSizes.get(e.topic) ?? 0) + 1);
      if (e.moment !== null) momentSizes.set(e.moment, (momentSizes.get(e.moment) ?? 0) + 1);
    }
    const cards = this.cards(topicSizes);
    const latency = this.latency.summary();
    return {
      channel: this.channel,
      status: this.fit ? 'ready' : 'warming-up',
      clock: this.clock,
      embedder: this.embedder.id,
      window: { messages: this.window.size, maxMessages: this.settings.windowMessages, maxSeconds: this.settings.windowMinutes * 60, minMessages: this.settings.minMessages },
      noise: this.window.countWhere((e) => e.topic === null && e.fitted),
      excluded: { ...this.excluded },
      shed: { keepRatio: this.shedder.keepRatio, messages: this.shedder.shed },
      trendBinSeconds: DEFAULT_TOPIC_TRACKER_OPTIONS.trendBinSeconds,
      topics: cards,
      moments: this.fit ? this.moments.cards(momentSizes, topicSizes, this.clock) : [],
      lastRefit: this.lastRefit,
      refits: this.refits,
      assignment: { count: latency.samples, p50Ms: latency.samples ? latency.p50 : null, p95Ms: latency.samples ? latency.p95 : null },
    };
  }

  /** Stops refits and releases the fit's index; later calls wait for the same close. */
  close(): Promise<void> {
    return (this.closing ??= this.shutdown());
  }

  private async shutdown(): Promise<void> {
    this.closed = true;
    // A refit queued in the shared worker would keep this engine (window, vectors) alive until the worker reached it.
    this.abort.abort();
    if (this.timer) clearInterval(this.timer);
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    await this.ingesting;
    await this.refitting?.catch(() => undefined);
    this.fit?.index?.close();
  }

  private async ingest(lines: ChatLine[], arrived: readonly number[]): Promise<void> {
    if (this.closed) return;
    const first = lines[0]!.message.elapsed;
    if (first < this.clock - REWIND_RESET_SECONDS) this.reset();
    let vectors: Float32Array[];
    try {
      vectors = await this.embedder.embed(lines.map((l) => l.message.text));
    } catch (err) {
      this.excluded.dropped += lines.length;
      this.logger.warn({ err, channel: this.channel, messages: lines.length }, 'topic engine: embedding refused, messages left out');
      return;
    }
    const entries: WindowEntry[] = lines.map((line, i) => ({
      seq: line.seq,
      id: line.message.id,
      text: line.message.text,
      user: line.message.user.displayName || line.message.user.login,
      elapsed: line.message.elapsed,
      emotes: line.message.emotes.map((e) => ({ name: e.name })),
      vector: vectors[i]!,
      topic: null,
      moment: null,
      fitted: false,
    }));
    for (const e of entries) this.clock = Math.max(this.clock, e.elapsed);
    this.window.append(entries, this.clock);
    this.arrivedSinceRefit += entries.length;
    this.refitIfDue();
    await this.assign(entries, arrived);
    this.scheduleSnapshot();
  }

  /**
   * Places messages in the current fit, {@link PLACEMENT_SLICE} at a time, letting the event loop run between
   * slices: placement (UMAP transform) runs on the main thread, and the thousands of messages that arrive during a
   * refit under a burst, placed in one go, stalled ingest and the dashboard for over half a second.
   * @param quiet for messages placed before: update their topic without counting or announcing them again
   */
  private async assign(entries: WindowEntry[], arrived: readonly number[], quiet = false): Promise<void> {
    for (let start = 0; start < entries.length; start += PLACEMENT_SLICE) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      await this.assignSlice(entries.slice(start, start + PLACEMENT_SLICE), arrived.slice(start, start + PLACEMENT_SLICE), quiet);
    }
  }

  /** @param arrived when each entry reached the engine (`performance.now()`) */
  private async assignSlice(entries: WindowEntry[], arrived: readonly number[], quiet: boolean): Promise<void> {
    // The fit as it is now: a refit applied while the index searches must not mix two fits' numbering. A fit of an
    // earlier generation laid out another model's vectors: it places nothing (queued re-placements included).
    const fit = this.fit;
    if (fit === null || fit.generation !== this.generation || this.closed) return;
    if (fit.index === null && this.indexFactory && fit.model.umap.n >= WAIT_FOR_INDEX_FROM) {
      // Just after a refit: the fit's ONNX index is being built (tens of ms). Searching a 10,000-message window in
      // plain JS meanwhile took 0.3-0.7 s of the event loop per slice; waiting for the index costs less. A small fit
      // is searched in plain JS at once.
      await this.indexBuilt;
      if (this.fit !== fit || this.closed) return;
    }
    const vectors = packRows(entries.map((e) => e.vector), entries[0]!.vector.length);
    let knn;
    try {
      knn = fit.index ? await fit.index.search(vectors) : undefined;
    } catch (err) {
      // A refit landed during the search and closed this fit's index: its re-placement of late messages takes these.
      if (this.fit !== fit) return;
      throw err;
    }
    if (this.fit !== fit) return;
    const { labels } = assignMessages(fit.model, vectors, Float64Array.from(entries, (e) => e.elapsed), knn ? { knn } : {});
    const assignments: TopicAssignment[] = [];
    const done = performance.now();
    entries.forEach((entry, i) => {
      const cluster = labels[i]!;
      const topic = cluster >= 0 ? (fit.topicOfCluster[cluster] ?? null) : null;
      const announced = quiet && entry.fitted;
      entry.topic = topic;
      entry.moment = this.moments.momentOfTopic(topic);
      entry.fitted = true;
      if (announced) return;
      if (topic !== null) this.tracker.recordAssignment(topic, entry.elapsed);
      if (entry.moment !== null) this.moments.recordAssignment(entry.moment, entry.elapsed);
      assignments.push({ seq: entry.seq, messageId: entry.id, topic });
      this.latency.add(done - arrived[i]!);
    });
    if (assignments.length > 0) this.events.assigned(this.channel, assignments);
  }

  private async runRefit(): Promise<void> {
    const generation = this.generation;
    const entries = this.window.entries();
    const dim = entries[0]!.vector.length;
    const vectors = packRows(entries.map((e) => e.vector), dim);
    // A fit of an earlier generation laid out another model's vectors: no warm start from it.
    const initialLayout = this.fit && this.fit.generation === generation ? (warmStartRows(entries.map((e) => e.id), this.fit.rowOf, this.fit.layout, this.fit.model.layoutDims) ?? undefined) : undefined;
    const started = performance.now();
    let result: ClusteringResult;
    try {
      result = await this.refitter.refit({
        vectors,
        dim,
        elapsed: Float64Array.from(entries, (e) => e.elapsed),
        texts: entries.map((e) => e.text),
        emotes: entries.map((e) => e.emotes),
        params: this.params,
        silhouetteSamplePerTopic: this.settings.silhouetteSamplePerTopic ?? 100,
        ...(initialLayout ? { initialLayout } : {}),
      }, this.abort.signal);
    } catch (err) {
      if (!(err instanceof RefitCancelled)) this.logger.warn({ err, channel: this.channel }, 'topic engine: refit failed; keeping the previous topics');
      return;
    }
    if (this.closed || generation !== this.generation || !result.model) return;
    try {
      this.apply(entries, result, performance.now() - started);
    } catch (err) {
      // A refit that cannot be applied (a bug, or a tracker refusing its input) must not take the timer down.
      this.logger.error({ err, channel: this.channel }, 'topic engine: refit not applied; keeping the previous topics');
    }
  }

  private apply(entries: readonly WindowEntry[], result: ClusteringResult, durationMs: number): void {
    // Never earlier than the last refit's clock (deleting the newest messages must not move the tracker back).
    const windowClock = entries.reduce((clock, e) => Math.max(clock, e.elapsed), this.lastWindowClock);
    // The clock of the window that was clustered: assignments after it are not among the members.
    const tracked = this.tracker.refit(refitClusters(entries, result.labels, result.terms, result.nTopics), windowClock);
    this.lastWindowClock = windowClock;
    const topicOfCluster = tracked.map((t) => t.id);
    this.moments.apply(entries, result, topicOfCluster, windowClock, this.settings.representatives ?? 3);
    const rowOf = new Map<string, number>();
    entries.forEach((e, i) => {
      rowOf.set(e.id, i);
      const label = result.labels[i]!;
      e.topic = label >= 0 ? topicOfCluster[label]! : null;
      e.fitted = true;
    });
    const silhouette = new Map<number, number | null>();
    const representatives = new Map<number, WindowEntry[]>();
    const labels = new Map<number, { label: string; terms: TopicCard['terms'] }>();
    for (let c = 0; c < result.nTopics; c++) {
      const id = topicOfCluster[c]!;
      const s = result.silhouettes?.perTopic[c];
      silhouette.set(id, s === undefined || Number.isNaN(s) ? null : s);
      representatives.set(id, (result.representatives[c] ?? []).slice(0, this.settings.representatives ?? 3).map((i) => entries[i]!));
      const terms = result.terms[c] ?? [];
      labels.set(id, { label: formatLabel(terms), terms });
    }
    this.fit?.index?.close();
    const fit: FitState = { model: result.model!, generation: this.generation, index: null, topicOfCluster, rowOf, layout: result.layout, silhouette, representatives, labels };
    this.fit = fit;
    this.buildIndex(fit);
    this.refits++;
    this.lastRefit = { clock: windowClock, at: Date.now(), durationMs, messages: entries.length, stages: result.timings };
    this.logger.debug({ channel: this.channel, messages: entries.length, topics: result.nTopics, ms: Math.round(durationMs) }, 'topic engine: refit');
    // The new topics go out before any assignment that names them.
    this.sendSnapshot();
    // Messages that arrived while the refit ran were placed with the old fit (and counted then, and sent to the
    // clients): place them again with the new one, quietly; those not placed yet get a normal assignment.
    const fitted = new Set(entries.map((e) => e.id));
    const late = this.window.entries().filter((e) => !fitted.has(e.id));
    if (late.length > 0) {
      this.ingesting = this.ingesting
        .then(() => {
          const now = performance.now();
          return this.assign(late, late.map(() => now), true);
        })
        .then(() => this.scheduleSnapshot())
        // The chain carries every later message: a failed re-placement must not skip them.
        .catch((err: unknown) => this.logger.warn({ err, channel: this.channel }, 'topic engine: late messages not re-placed'));
    }
  }

  /** Resolves once the current fit's neighbour index is built (or failed); at once without a factory or a fit. */
  whenIndexReady(): Promise<void> {
    return this.indexBuilt;
  }

  private buildIndex(fit: FitState): void {
    if (!this.indexFactory) return;
    const umap = fit.model.umap;
    this.indexBuilt = this.indexFactory(umap.vectors, umap.dim, Math.min(umap.params.nNeighbors, umap.n)).then(
      (index) => {
        if (this.fit === fit && !this.closed) fit.index = index;
        else index.close();
      },
      (err: unknown) => this.logger.warn({ err, channel: this.channel }, 'topic engine: no neighbour index; placing new messages in plain JS'),
    );
  }

  /** @param sizes messages of the window per topic id */
  private cards(sizes: ReadonlyMap<number, number>): TopicCard[] {
    const fit = this.fit;
    if (!fit) return [];
    const cards: TopicCard[] = [];
    for (const t of this.tracker.topics(this.clock)) {
      const label = fit.labels.get(t.id);
      if (!label) continue;
      cards.push({
        ...trackedCard(t, label, sizes.get(t.id) ?? 0, fit.representatives.get(t.id) ?? []),
        silhouette: fit.silhouette.get(t.id) ?? null,
        moment: this.moments.momentOfTopic(t.id),
      });
    }
    return orderCards(cards);
  }

  private async reembedWindow(next: Embedder): Promise<void> {
    if (this.closed) return;
    // From here a refit on the old vectors is discarded, and the old fit places nothing.
    this.generation++;
    const entries = this.window.entries();
    const failed = new Set<string>();
    for (let start = 0; start < entries.length; start += REEMBED_CHUNK) {
      const chunk = entries.slice(start, start + REEMBED_CHUNK);
      const vectors = await this.embedWithRetries(next, chunk.map((e) => e.text));
      chunk.forEach((entry, i) => {
        if (vectors === null) {
          failed.add(entry.id);
          return;
        }
        // Its topic (from the old fit) stays on the cards until the refit below places it again.
        entry.vector = vectors[i]!;
      });
    }
    if (failed.size > 0) this.excluded.dropped += this.window.remove(failed);
    this.embedder = next;
    this.logger.info({ channel: this.channel, embedder: next.id, reembedded: entries.length - failed.size, dropped: failed.size }, 'topic engine: embedder switched');
    // After the refit that may be running on the old vectors has ended (it is discarded).
    void (this.refitting ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => this.refitNow());
    this.scheduleSnapshot();
  }

  /** Null when the embedder kept refusing (overload) or failed: the caller leaves those messages out. */
  private async embedWithRetries(embedder: Embedder, texts: string[]): Promise<Float32Array[] | null> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await embedder.embed(texts);
      } catch (err) {
        if (!(err instanceof EmbedOverloadError) || attempt >= REEMBED_RETRIES || this.closed) {
          this.logger.warn({ err, channel: this.channel, messages: texts.length }, 'topic engine: re-embedding refused, messages left out');
          return null;
        }
        await new Promise((resolve) => setTimeout(resolve, REEMBED_RETRY_MS));
      }
    }
  }

  private reset(): void {
    this.generation++;
    this.window.clear();
    this.fit?.index?.close();
    this.fit = null;
    this.clock = 0;
    this.lastWindowClock = 0;
    this.tracker = new TopicTracker();
    this.moments.reset();
  }

  private scheduleSnapshot(): void {
    if (this.snapshotTimer || this.closed) return;
    const wait = Math.max(0, this.lastSnapshotAt + SNAPSHOT_THROTTLE_MS - Date.now());
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null;
      this.sendSnapshot();
    }, wait);
    this.snapshotTimer.unref();
  }

  private sendSnapshot(): void {
    if (this.closed) return;
    this.lastSnapshotAt = Date.now();
    this.events.snapshot(this.snapshot());
  }
}
