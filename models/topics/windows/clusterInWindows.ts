import type { TopicPipelineParams } from '../../../contracts/analysis';
import {
  clusterMessages,
  momentLevel,
  packRows,
  pipelineStages,
  stageRecords,
  StageTimer,
  type ClusteringResult,
  type NeighbourSearch,
} from '../pipeline';
import type { LayoutExecutor } from '../umap';
import { TopicTracker, type RefitCluster } from '../tracking';
import { ownerWindows, planWindows } from './planWindows';

/** The messages of a windowed analysis, aligned by index, in non-decreasing `elapsed` order. */
export interface WindowedInput {
  texts: readonly string[];
  elapsed: ArrayLike<number>;
  emotes?: readonly (readonly { name: string }[])[];
}

export interface WindowedOptions {
  /** Embeds a chunk of texts; never called with more than `chunkSize` texts. */
  embed: (texts: readonly string[]) => Promise<Float32Array[]>;
  dim: number;
  /** Texts per embed call (1024 by default). */
  chunkSize?: number;
  neighbours: NeighbourSearch;
  emoteNames?: Iterable<string>;
  layoutExecutor?: LayoutExecutor;
  /** Silhouette sample per topic in each window (the live engine's refit budget, 100, by default). */
  silhouetteSamplePerTopic?: number;
  /** Called after each window (tests and progress): its index, message range and the vectors held. */
  onWindow?: (info: WindowReport) => void;
}

/** What one window did. */
export interface WindowReport {
  index: number;
  start: number;
  end: number;
  messages: number;
  clusters: number;
  /** Vectors held while it was clustered (the memory bound: the window's messages, never the stream's). */
  vectorsHeld: number;
}

/** A windowed clustering: the whole stream's labelling (as `clusterMessages` gives it) plus each window's report. */
export interface WindowedClustering {
  clustering: ClusteringResult;
  windows: WindowReport[];
  /** The tracker id of each topic 0..nTopics-1 (stable across windows, as the live dashboard shows them). */
  trackedIds: number[];
}

/** The live engine's silhouette budget per topic at a refit (server/topics/ChannelTopicEngine). */
const LIVE_SILHOUETTE_SAMPLE = 100;

/**
 * The topic pipeline over a long stream in overlapping time windows (`params.window`), at a cost linear in the
 * stream's length and memory bounded by the window:
 * - each window is embedded as it comes (chunks of `chunkSize`; vectors of messages that left it are dropped) and
 *   clustered exactly as a live refit clusters its window (`clusterMessages`, sampled silhouettes);
 * - the live engine's `TopicTracker` stitches the windows' clusters into topics with stable ids, so a topic that
 *   spans windows is one topic, as on the dashboard;
 * - each message takes its topic from one window, the one whose centre is closest to it in time (`ownerWindows`):
 *   exactly one topic (or noise) per message;
 * - labels and representatives come from c-TF-IDF over all of a topic's messages (not one window's), and the
 *   moment level runs over the whole stream as in a global analysis (its gap limit keeps it linear).
 * Layouts are per window, so the result has no layout and no fitted model.
 *
 * @param input texts and times of the messages (already embedded nowhere: this embeds them)
 * @param params pipeline parameters; `params.window` must be set
 * @example
 * const { clustering } = await clusterInWindows({ texts, elapsed }, { ...params, window: { minutes: 20, stepMinutes: 10 } }, { embed, dim, neighbours });
 */
export async function clusterInWindows(
  input: WindowedInput,
  params: TopicPipelineParams,
  options: WindowedOptions,
): Promise<WindowedClustering> {
  if (!params.window) throw new RangeError('clusterInWindows: params.window is not set');
  const { texts, elapsed, emotes } = input;
  const n = texts.length;
  for (let i = 1; i < n; i++)
    if (elapsed[i]! < elapsed[i - 1]!) throw new RangeError('clusterInWindows: messages not in elapsed order');
  const { dim } = options;
  const chunkSize = options.chunkSize ?? 1024;
  const timer = new StageTimer();
  const windows = planWindows(elapsed, params.window.minutes * 60, params.window.stepMinutes * 60);
  const owner = ownerWindows(elapsed, windows);
  const tracker = new TopicTracker();
  // The moment level runs once over the whole stream below: a window's own moments would be thrown away.
  const windowParams: TopicPipelineParams = { ...params, moments: { ...params.moments, enabled: false } };

  const trackedOf = new Int32Array(n).fill(-1);
  const probabilities = new Float64Array(n);
  const samples = new Float64Array(n).fill(NaN);
  const held = new Map<number, Float32Array>();
  let embedded = 0;
  const reports: WindowReport[] = [];

  for (const [w, window] of windows.entries()) {
    // Messages that left the window are never needed again.
    for (const i of held.keys()) if (i < window.from) held.delete(i);
    if (window.to > embedded) {
      const start = Math.max(embedded, window.from);
      await timer.time('embed', async () => {
        for (let i = start; i < window.to; i += chunkSize) {
          const end = Math.min(window.to, i + chunkSize);
          const vectors = await options.embed(texts.slice(i, end));
          vectors.forEach((v, j) => held.set(i + j, v));
        }
      });
      embedded = window.to;
    }
    const rows: Float32Array[] = [];
    for (let i = window.from; i < window.to; i++) rows.push(held.get(i)!);
    const slice = <T>(a: ArrayLike<T>) =>
      Array.from({ length: window.to - window.from }, (_, j) => a[window.from + j]!);
    const fit = await clusterMessages(
      {
        vectors: packRows(rows, dim),
        dim,
        elapsed: slice(elapsed),
        texts: slice(texts),
        ...(emotes ? { emotes: slice(emotes) } : {}),
      },
      windowParams,
      {
        neighbours: options.neighbours,
        silhouetteSamplePerTopic: options.silhouetteSamplePerTopic ?? LIVE_SILHOUETTE_SAMPLE,
        ...(options.emoteNames ? { emoteNames: options.emoteNames } : {}),
        ...(options.layoutExecutor ? { layoutExecutor: options.layoutExecutor } : {}),
      },
    );
    for (const t of fit.timings) timer.add(t.stage, t.ms);

    // Members are stream indices: unique even where a source repeats message ids.
    const members: string[][] = Array.from({ length: fit.nTopics }, () => []);
    const memberTimes: number[][] = Array.from({ length: fit.nTopics }, () => []);
    fit.labels.forEach((label, j) => {
      if (label < 0) return;
      members[label]!.push(String(window.from + j));
      memberTimes[label]!.push(elapsed[window.from + j]!);
    });
    const live = members.flatMap((ids, c) => (ids.length > 0 ? [c] : []));
    const clusters: RefitCluster[] = live.map((c) => ({
      members: members[c]!,
      memberTimes: memberTimes[c]!,
      terms: fit.terms[c] ?? [],
    }));
    const tracked = tracker.refit(clusters, window.end);
    const idOfCluster = new Map(live.map((c, k) => [c, tracked[k]!.id]));
    for (let j = 0; j < fit.n; j++) {
      const i = window.from + j;
      if (owner[i] !== w) continue;
      const label = fit.labels[j]!;
      trackedOf[i] = label < 0 ? -1 : idOfCluster.get(label)!;
      probabilities[i] = fit.probabilities[j]!;
      if (fit.silhouettes) samples[i] = fit.silhouettes.samples[j]!;
    }
    const report = {
      index: w,
      start: window.start,
      end: window.end,
      messages: fit.n,
      clusters: clusters.length,
      vectorsHeld: held.size,
    };
    reports.push(report);
    options.onWindow?.(report);
  }
  held.clear();

  // Topics numbered by their first message, as a reader meets them.
  const topicOfTracked = new Map<number, number>();
  const trackedIds: number[] = [];
  const labels = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const id = trackedOf[i]!;
    if (id < 0) continue;
    if (!topicOfTracked.has(id)) {
      topicOfTracked.set(id, trackedIds.length);
      trackedIds.push(id);
    }
    labels[i] = topicOfTracked.get(id)!;
  }
  const nTopics = trackedIds.length;

  const stages = pipelineStages(params);
  const labelsOf = await timer.time('labels', () =>
    stages.labeller.read({ texts, emotes, emoteNames: options.emoteNames }),
  );
  const { terms, representatives } = await timer.time('labels', () => labelsOf(labels, nTopics));
  const moments = await timer.time('moments', () => momentLevel(input, params, labels, nTopics, labelsOf));

  return {
    clustering: {
      n,
      layout: new Float32Array(0),
      layoutDims: 0,
      labels,
      probabilities,
      nTopics,
      terms,
      representatives,
      moments,
      silhouettes: pooledSilhouettes(samples, labels, nTopics),
      model: null,
      timings: timer.timings,
      stages: stageRecords(stages),
    },
    windows: reports,
    trackedIds,
  };
}

/**
 * Silhouettes of the windowed result: each message keeps its owner window's sample (NaN where that window did not
 * sample it); per topic and overall, the mean of the samples there are. Null with fewer than 2 topics or no sample.
 */
function pooledSilhouettes(
  samples: Float64Array,
  labels: Int32Array,
  nTopics: number,
): ClusteringResult['silhouettes'] {
  if (nTopics < 2) return null;
  const sum = new Float64Array(nTopics);
  const count = new Float64Array(nTopics);
  let total = 0;
  let counted = 0;
  labels.forEach((label, i) => {
    const s = samples[i]!;
    if (label < 0 || Number.isNaN(s)) return;
    sum[label]! += s;
    count[label]!++;
    total += s;
    counted++;
  });
  if (counted === 0) return null;
  const perTopic = sum.map((s, t) => (count[t]! > 0 ? s / count[t]! : NaN));
  return { samples, perTopic, overall: total / counted };
}
