import type { Logger } from 'pino';
import type { TopicAssignment, TopicCard, TopicsSnapshot } from '../../contracts/socket-events';
import { LatencyWindow, type LatencySummary } from '../../models/embedding/LatencyWindow';
import { formatLabel } from '../../models/topics/labels';
import {
  assignMessages,
  packRows,
  warmStartRows,
  type ClusteringResult,
  type FittedTopicModel,
} from '../../models/topics/pipeline';
import { TopicTracker } from '../../models/topics/tracking';
import type { NeighbourIndex, NeighbourIndexFactory } from './channelTopicTypes';
import { MomentBoard } from './MomentBoard';
import { refitClusters } from './trackedCards';
import type { WindowEntry } from './TopicWindow';

/** A refit applied to the channel: what places new messages and names the cards until the next one. */
export interface CurrentFit {
  model: FittedTopicModel;
  /** The generation the fit was made in: only a fit of the current generation places messages. */
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

/** A finished refit: the window it clustered, in the generation it was started in. */
export interface RefitOutcome {
  entries: readonly WindowEntry[];
  result: ClusteringResult;
  generation: number;
  durationMs: number;
}

export interface FitStateDeps {
  channel: string;
  logger: Logger;
  /** Null: placement searches neighbours in plain JS. */
  indexFactory: NeighbourIndexFactory | null;
  /** Representative messages kept per card. */
  representatives: number;
  /** Messages placed (not the quiet re-placements of messages announced before). */
  assigned(assignments: TopicAssignment[]): void;
  /** Fits of at least this many messages are searched through their index only (default 2000: plain JS is too slow there). */
  waitForIndexFrom?: number;
  /** Messages placed per turn of the event loop (default 64; UMAP transform: about 20 ms for a 10,000-message fit). */
  placementSlice?: number;
}

/**
 * The channel's current fit and what hangs on it: the topic and moment trackers, the neighbour index, placement of
 * new messages, and the generation counter that keeps models and windows apart. A generation ends when the window's
 * vectors stop being comparable with the fit's (the clock went back, or another model re-embedded the window):
 * a refit started in an earlier generation is refused by {@link apply}, and a fit of an earlier generation places
 * nothing (it still names the cards until the next refit).
 */
export class FitState {
  private fit: CurrentFit | null = null;
  private gen = 0;
  private topicTracker = new TopicTracker();
  readonly moments = new MomentBoard();
  private readonly latency = new LatencyWindow(512);
  private indexBuilt: Promise<void> = Promise.resolve();
  /** Never earlier than the last refit's clock (deleting the newest messages must not move the tracker back). */
  private lastWindowClock = 0;
  private refitCount = 0;
  private last: TopicsSnapshot['lastRefit'] = null;
  private closed = false;

  constructor(private readonly deps: FitStateDeps) {}

  get current(): CurrentFit | null {
    return this.fit;
  }
  get generation(): number {
    return this.gen;
  }
  get tracker(): TopicTracker {
    return this.topicTracker;
  }

  /** What the snapshot shows of the fit: its cards' sources, the refits so far, and placement latency. */
  view(): {
    fit: CurrentFit | null;
    tracker: TopicTracker;
    moments: MomentBoard;
    lastRefit: TopicsSnapshot['lastRefit'];
    refits: number;
    latency: LatencySummary;
  } {
    return {
      fit: this.fit,
      tracker: this.topicTracker,
      moments: this.moments,
      lastRefit: this.last,
      refits: this.refitCount,
      latency: this.latency.summary(),
    };
  }

  /** Ends the generation (another model's vectors from now on): refits running now are refused, the fit places nothing. */
  nextGeneration(): void {
    this.gen++;
  }

  /** Forgets the fit and the tracked topics (the clock went back: a replay seek), in a new generation. */
  reset(): void {
    this.gen++;
    this.fit?.index?.close();
    this.fit = null;
    this.lastWindowClock = 0;
    this.topicTracker = new TopicTracker();
    this.moments.reset();
  }

  /**
   * The current fit's layout rows for these entries (NaN rows for new ones), to start the next refit from; none when
   * the fit is of another generation (another model's layout) or of another layout dimension (changed parameters).
   */
  warmStart(entries: readonly WindowEntry[], layoutDims: number): Float32Array | undefined {
    const fit = this.fit;
    if (!fit || fit.generation !== this.gen || fit.model.layoutDims !== layoutDims) return undefined;
    return (
      warmStartRows(
        entries.map((e) => e.id),
        fit.rowOf,
        fit.layout,
        layoutDims,
      ) ?? undefined
    );
  }

  /**
   * Makes a refit the current fit: tracks its topics and moments, labels the window's entries, builds its index.
   * @returns false, changing nothing, when the refit was started in an earlier generation or the state is closed;
   *   false too when it could not be applied (logged: a bug, or a tracker refusing its input, must not stop refits)
   */
  apply(outcome: RefitOutcome): boolean {
    if (this.closed || outcome.generation !== this.gen || !outcome.result.model) return false;
    try {
      this.install(outcome, outcome.result.model);
      return true;
    } catch (err) {
      this.deps.logger.error(
        { err, channel: this.deps.channel },
        'topic engine: refit not applied; keeping the previous topics',
      );
      return false;
    }
  }

  /** Resolves once the current fit's neighbour index is built (or failed); at once without a factory or a fit. */
  whenIndexReady(): Promise<void> {
    return this.indexBuilt;
  }

  /**
   * Places messages in the current fit, a slice at a time, letting the event loop run between slices: placement
   * runs on the main thread, and thousands of messages placed in one go stalled ingest and the dashboard.
   * @param arrived when each entry reached the engine (`performance.now()`)
   * @param quiet for messages placed before: update their topic without counting or announcing them again
   */
  async place(entries: readonly WindowEntry[], arrived: readonly number[], quiet = false): Promise<void> {
    const slice = this.deps.placementSlice ?? 64;
    for (let start = 0; start < entries.length; start += slice) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      await this.placeSlice(entries.slice(start, start + slice), arrived.slice(start, start + slice), quiet);
    }
  }

  /** Closes the index; later refits are refused and nothing is placed. */
  close(): void {
    this.closed = true;
    this.fit?.index?.close();
  }

  private install({ entries, result, generation, durationMs }: RefitOutcome, model: FittedTopicModel): void {
    const windowClock = entries.reduce((clock, e) => Math.max(clock, e.elapsed), this.lastWindowClock);
    // The clock of the window that was clustered: assignments after it are not among the members.
    const topicOfCluster = this.topicTracker
      .refit(refitClusters(entries, result.labels, result.terms, result.nTopics), windowClock)
      .map((t) => t.id);
    this.lastWindowClock = windowClock;
    const representatives = this.deps.representatives;
    this.moments.apply(entries, result, topicOfCluster, windowClock, representatives);
    const rowOf = new Map<string, number>();
    entries.forEach((e, i) => {
      rowOf.set(e.id, i);
      const label = result.labels[i]!;
      e.topic = label >= 0 ? topicOfCluster[label]! : null;
      e.fitted = true;
    });
    const fit: CurrentFit = {
      model,
      generation,
      index: null,
      topicOfCluster,
      rowOf,
      layout: result.layout,
      silhouette: new Map(),
      representatives: new Map(),
      labels: new Map(),
    };
    for (let c = 0; c < result.nTopics; c++) {
      const id = topicOfCluster[c]!;
      const s = result.silhouettes?.perTopic[c];
      fit.silhouette.set(id, s === undefined || Number.isNaN(s) ? null : s);
      fit.representatives.set(
        id,
        (result.representatives[c] ?? []).slice(0, representatives).map((i) => entries[i]!),
      );
      const terms = result.terms[c] ?? [];
      fit.labels.set(id, { label: formatLabel(terms), terms });
    }
    this.fit?.index?.close();
    this.fit = fit;
    this.buildIndex(fit);
    this.refitCount++;
    this.last = {
      clock: windowClock,
      at: Date.now(),
      durationMs,
      messages: entries.length,
      stages: result.timings,
      pipeline: result.stages,
    };
    this.deps.logger.debug(
      { channel: this.deps.channel, messages: entries.length, topics: result.nTopics, ms: Math.round(durationMs) },
      'topic engine: refit',
    );
  }

  /** Whether `fit` may still place messages: it is the current fit, of the current generation, and the state is open. */
  private places(fit: CurrentFit | null): fit is CurrentFit {
    return fit !== null && fit === this.fit && fit.generation === this.gen && !this.closed;
  }

  private async placeSlice(entries: WindowEntry[], arrived: readonly number[], quiet: boolean): Promise<void> {
    // The fit as it is now: a refit applied while the index searches must not mix two fits' numbering.
    const fit = this.fit;
    if (!this.places(fit)) return;
    if (fit.index === null && this.deps.indexFactory && fit.model.umap.n >= (this.deps.waitForIndexFrom ?? 2000)) {
      // Just after a refit the fit's index is being built (tens of ms); a 10,000-message window searched in plain JS
      // took 0.3-0.7 s of the event loop per slice meanwhile. A small fit is searched in plain JS at once.
      await this.indexBuilt;
      if (!this.places(fit)) return;
    }
    const vectors = packRows(
      entries.map((e) => e.vector),
      entries[0]!.vector.length,
    );
    let knn;
    try {
      knn = fit.index ? await fit.index.search(vectors) : undefined;
    } catch (err) {
      // A refit landed during the search and closed this fit's index: its re-placement of late messages takes these.
      if (!this.places(fit)) return;
      throw err;
    }
    if (!this.places(fit)) return;
    const { labels } = assignMessages(
      fit.model,
      vectors,
      Float64Array.from(entries, (e) => e.elapsed),
      knn ? { knn } : {},
    );
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
      if (topic !== null) this.topicTracker.recordAssignment(topic, entry.elapsed);
      if (entry.moment !== null) this.moments.recordAssignment(entry.moment, entry.elapsed);
      assignments.push({ seq: entry.seq, messageId: entry.id, topic });
      this.latency.add(done - arrived[i]!);
    });
    if (assignments.length > 0) this.deps.assigned(assignments);
  }

  private buildIndex(fit: CurrentFit): void {
    const factory = this.deps.indexFactory;
    if (!factory) return;
    const umap = fit.model.umap;
    this.indexBuilt = factory(umap.vectors, umap.dim, Math.min(umap.params.nNeighbors, umap.n)).then(
      // An index built for a fit already replaced (or after close) is released at once.
      (index) => {
        if (this.fit === fit && !this.closed) fit.index = index;
        else index.close();
      },
      (err: unknown) =>
        this.deps.logger.warn(
          { err, channel: this.deps.channel },
          'topic engine: no neighbour index; placing new messages in plain JS',
        ),
    );
  }
}
