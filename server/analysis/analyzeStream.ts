import type {
  AnalysisMap,
  AnalysisMessage,
  AnalysisMoment,
  AnalysisTopic,
  PipelineStage,
  RepresentativeMessage,
  StageTiming,
  TopicAnalysis,
  TopicPipelineParams,
} from '../../contracts/analysis';
import { TOPIC_ANALYSIS_VERSION } from '../../contracts/analysis';
import type { ChatMessage, StreamInfo } from '../../contracts/chat';
import type { EmbedderInfo } from '../../contracts/socket-events';
import type { Embedder } from '../../models/embedding/Embedder';
import { formatLabel } from '../../models/topics/labels';
import type { LayoutExecutor } from '../../models/topics/umap';
import type { BackgroundMapLayout, MapLayout } from '../../models/topics/workspace';
import {
  clusterMessages,
  packRows,
  StageTimer,
  type ClusteringResult,
  type NeighbourSearch,
} from '../../models/topics/pipeline';
import { clusterInWindows, longStreamWindow } from '../../models/topics/windows';
import { AnalysisCancelledError } from './AnalysisCancelledError';
import { messageMap, userOf, workspaceLayers } from './workspaceLayers';
import { selectClusterable } from './selectClusterable';
import { topicTimeline } from './topicTimeline';

export interface AnalyzeStreamOptions {
  params: TopicPipelineParams;
  embedder: Embedder;
  model: Pick<EmbedderInfo, 'id' | 'kind' | 'dimension'>;
  neighbours: NeighbourSearch;
  /** Threads for UMAP's layout (models/runtime/LayoutThreadPool); single-threaded without. */
  layoutExecutor?: LayoutExecutor;
  /**
   * Lays the 2-D map out on another thread (the same pool) while this one clusters, labels and forms moments (0.4 s
   * of an 11-s analysis of 13k messages on two vCPUs). Inline after the clustering without; the map is the same.
   */
  mapBeside?: BackgroundMapLayout;
  /** Width of the topics-over-time bins (default 60 s). */
  timelineBinSeconds?: number;
  /** Timings measured before the analysis (reading the stream). */
  earlierTimings?: StageTiming[];
  now?: () => Date;
  /**
   * Progress of the run: each stage reports fraction 0 as it starts and 1 as it ends (the embedding also as its
   * chunks come back). A windowed run reports 'embed' 0 before its window loop, then each stage it ran as done.
   */
  onProgress?: (progress: { stage: PipelineStage; fraction: number }) => void;
  /**
   * Stops the run between two stages with an `AnalysisCancelledError` (kind 'cancelled'). With a signal the run
   * yields to the event loop at each stage boundary, so that an abort sent meanwhile (a message, a request) is seen.
   */
  signal?: AbortSignal;
}

/** What an analysis produced: the document, and the clustering behind it (for reports and evaluations). */
export interface StreamAnalysis {
  analysis: TopicAnalysis;
  clustered: ChatMessage[];
  clustering: ClusteringResult;
  /**
   * The message vectors, row-major `analysis.messages.length` x `model.dimension` in `analysis.messages` order (for
   * search by meaning); null for a windowed run, which never holds the whole stream's vectors.
   */
  vectors: Float32Array | null;
}

/** Texts per embed request: within any sane queue limit of an `EmbedService`, large enough to sort by length. */
export const EMBED_CHUNK = 1024;

/**
 * Embeds a whole stream as requests of `EMBED_CHUNK` texts, all in flight at once: a service with the `wait`
 * policy queues them (one request larger than its queue would be refused), and batches across chunks.
 */
async function embedInChunks(
  embedder: Embedder,
  texts: readonly string[],
  onChunk: (fraction: number) => void = () => {},
): Promise<Float32Array[]> {
  const chunks: Promise<Float32Array[]>[] = [];
  let done = 0;
  for (let i = 0; i < texts.length; i += EMBED_CHUNK) {
    const size = Math.min(EMBED_CHUNK, texts.length - i);
    chunks.push(
      embedder.embed(texts.slice(i, i + EMBED_CHUNK)).then((rows) => {
        done += size;
        onChunk(done / texts.length);
        return rows;
      }),
    );
  }
  return (await Promise.all(chunks)).flat();
}

/** A turn of the event loop: lets an abort that arrived during a synchronous stage be seen. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const nullIfNaN = (x: number | undefined): number | null => (x === undefined || Number.isNaN(x) ? null : x);

/** Size and first/last elapsed second of each group 0..nGroups-1 of a labelling (-1 ignored). */
function groupSpans(
  labels: Int32Array,
  elapsed: Float64Array,
  nGroups: number,
): { size: number; first: number; last: number }[] {
  const spans = Array.from({ length: nGroups }, () => ({ size: 0, first: Infinity, last: -Infinity }));
  labels.forEach((label, i) => {
    if (label < 0) return;
    const span = spans[label]!;
    span.size++;
    span.first = Math.min(span.first, elapsed[i]!);
    span.last = Math.max(span.last, elapsed[i]!);
  });
  return spans;
}

/**
 * Runs the whole topic pipeline on one stream's messages and builds the analysis document: exclusions, embedding,
 * clustering, labels, silhouettes, topics over time, and what the analyst's workspace draws (each message's user, the
 * 2-D map, the topic hierarchy, each topic's message type, the highlights). With `params.window` a long stream is
 * embedded and clustered window by window and its topics stitched by the live tracker (`clusterInWindows`), and has
 * no map; without, one global fit.
 *
 * @param stream the stream the messages belong to
 * @param messages its messages in elapsed order (deleted, bot and command messages are counted and left out)
 * @example
 * const { analysis } = await analyzeStream(stream, messages, { params, embedder, model: info, neighbours });
 */
export async function analyzeStream(
  stream: StreamInfo,
  messages: readonly ChatMessage[],
  options: AnalyzeStreamOptions,
): Promise<StreamAnalysis> {
  const started = performance.now();
  const timer = new StageTimer();
  for (const t of options.earlierTimings ?? []) timer.add(t.stage, t.ms);
  const selected = selectClusterable(messages);
  const { excluded } = selected;
  // A long stream is windowed by itself (params.longStream); the windows chosen are the analysis' parameters.
  const autoWindow = longStreamWindow(
    selected.kept.map((m) => m.elapsed),
    options.params,
  );
  const params: TopicPipelineParams = autoWindow ? { ...options.params, window: autoWindow } : options.params;
  // Windows need time order; a source's rare out-of-order line moves to its place (a stable sort: a no-op otherwise).
  const kept = params.window ? [...selected.kept].sort((a, b) => a.elapsed - b.elapsed) : selected.kept;
  const texts = kept.map((m) => m.text);
  const dim = options.model.dimension;
  const elapsed = Float64Array.from(kept, (m) => m.elapsed);
  const emoteNames = new Set<string>();
  for (const m of kept) for (const e of m.emotes) emoteNames.add(e.name);
  const emotes = kept.map((m) => m.emotes);
  const layout = options.layoutExecutor ? { layoutExecutor: options.layoutExecutor } : {};
  const checkpoint = async (stage: PipelineStage, fraction: number) => {
    options.onProgress?.({ stage, fraction });
    if (!options.signal) return;
    await nextTurn();
    if (options.signal.aborted) throw new AnalysisCancelledError(`analysis of ${stream.id} cancelled at ${stage}`);
  };
  let clustering: ClusteringResult;
  let vectors: Float32Array | null = null;
  // Set from the clustering's callback, so a holder rather than a variable the compiler would think still null.
  const mapBeside: { pending?: Promise<{ map: MapLayout; ms: number }> } = {};
  if (params.window) {
    await checkpoint('embed', 0);
    // Long streams: windows embedded and clustered one by one, topics stitched by the live tracker.
    ({ clustering } = await clusterInWindows({ texts, elapsed, emotes }, params, {
      embed: (chunk) => options.embedder.embed(chunk),
      dim,
      chunkSize: EMBED_CHUNK,
      neighbours: options.neighbours,
      emoteNames,
      ...layout,
    }));
    for (const t of clustering.timings) await checkpoint(t.stage, 1);
  } else {
    await checkpoint('embed', 0);
    const packed = await timer.time('embed', async () =>
      packRows(
        await embedInChunks(options.embedder, texts, (f) => options.onProgress?.({ stage: 'embed', fraction: f })),
        dim,
      ),
    );
    vectors = packed;
    await checkpoint('embed', 1);
    const runner = options.mapBeside;
    clustering = await clusterMessages({ vectors: packed, dim, elapsed, texts, emotes }, params, {
      neighbours: options.neighbours,
      emoteNames,
      keepForWorkspace: true,
      onStage: checkpoint,
      ...layout,
      ...(runner
        ? {
            afterLayout: (knn) => {
              mapBeside.pending = runner.mapLayout(packed, dim, knn, params.umap.seed);
              // Awaited after the clustering; a run stopped before that must not leave a rejection unhandled.
              mapBeside.pending.catch(() => {});
            },
          }
        : {}),
    });
  }
  for (const t of clustering.timings) timer.add(t.stage, t.ms);

  let map: AnalysisMap | undefined;
  if (vectors) {
    await checkpoint('map', 0);
    if (mapBeside.pending) {
      // The map's own time, spent beside the stages above: most of it is no longer on the analysis' clock.
      const beside = await mapBeside.pending;
      timer.add('map', beside.ms);
      map = beside.map;
    } else {
      const mapOptions = { neighbours: options.neighbours, seed: params.umap.seed };
      map = await timer.time('map', () => messageMap(vectors!, dim, clustering, mapOptions));
    }
    await checkpoint('map', 1);
  }

  await checkpoint('workspace', 0);
  const workspace = await timer.time('workspace', () =>
    workspaceLayers(kept, { texts, elapsed, emoteNames }, clustering, params),
  );
  await checkpoint('workspace', 1);

  await checkpoint('summary', 0);
  const summaryStart = performance.now();
  const durationSeconds = messages.reduce((max, m) => Math.max(max, m.elapsed), 0);
  const sil = clustering.silhouettes;
  const represent = (indices: number[] | undefined): RepresentativeMessage[] =>
    (indices ?? []).map((i) => ({
      messageId: kept[i]!.id,
      text: kept[i]!.text,
      user: userOf(kept[i]!),
      elapsed: kept[i]!.elapsed,
      silhouette: sil ? nullIfNaN(sil.samples[i]) : null,
    }));
  const topicSpans = groupSpans(clustering.labels, elapsed, clustering.nTopics);
  const topics: AnalysisTopic[] = topicSpans.map((span, t) => {
    const terms = clustering.terms[t] ?? [];
    return {
      id: t,
      label: formatLabel(terms),
      terms,
      size: span.size,
      silhouette: sil && span.size > 1 ? nullIfNaN(sil.perTopic[t]) : null,
      firstElapsed: span.first,
      lastElapsed: span.last,
      representatives: represent(clustering.representatives[t]),
      moment: clustering.moments.topicMoment[t] ?? -1,
      type: workspace.types[t]!,
    };
  });
  const { moments: found } = clustering;
  const topicsOfMoment = new Map<number, number[]>();
  for (const t of [...topics].sort((a, b) => b.size - a.size || a.id - b.id))
    if (t.moment >= 0) topicsOfMoment.set(t.moment, [...(topicsOfMoment.get(t.moment) ?? []), t.id]);
  const moments: AnalysisMoment[] = groupSpans(found.labels, elapsed, found.nMoments).map((span, m) => {
    const terms = found.terms[m] ?? [];
    return {
      id: m,
      label: formatLabel(terms),
      terms,
      size: span.size,
      firstElapsed: span.first,
      lastElapsed: span.last,
      topics: topicsOfMoment.get(m) ?? [],
      representatives: represent(found.representatives[m]),
    };
  });
  const analysisMessages: AnalysisMessage[] = kept.map((m, i) => ({
    id: m.id,
    elapsed: m.elapsed,
    text: m.text,
    user: userOf(m),
    topic: clustering.labels[i]!,
    moment: found.labels[i]!,
    probability: Math.min(1, Math.max(0, clustering.probabilities[i]!)),
    silhouette: sil ? nullIfNaN(sil.samples[i]) : null,
  }));
  const noise = analysisMessages.filter((m) => m.topic < 0).length;
  const timeline = topicTimeline(
    clustering.labels,
    elapsed,
    clustering.nTopics,
    durationSeconds,
    options.timelineBinSeconds ?? 60,
  );
  timer.add('summary', performance.now() - summaryStart);

  const analysis: TopicAnalysis = {
    version: TOPIC_ANALYSIS_VERSION,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    stream: {
      id: stream.id,
      channel: stream.channel,
      title: stream.title,
      startedAt: stream.startedAt,
      absoluteTime: stream.absoluteTime,
      durationSeconds,
    },
    model: { id: options.model.id, kind: options.model.kind, dimension: options.model.dimension },
    parameters: params,
    stages: [
      {
        role: 'embedder',
        kind: options.model.kind,
        parameters: { id: options.model.id, dimension: options.model.dimension },
      },
      ...clustering.stages,
    ],
    timings: timer.timings,
    totalMs: performance.now() - started + (options.earlierTimings ?? []).reduce((s, t) => s + t.ms, 0),
    counts: {
      messages: messages.length,
      clustered: kept.length,
      noise,
      excludedDeleted: excluded.deleted,
      excludedBot: excluded.bot,
      excludedCommand: excluded.command,
      excludedEmpty: excluded.empty,
    },
    noiseRate: kept.length === 0 ? 0 : noise / kept.length,
    silhouette: sil ? nullIfNaN(sil.overall) : null,
    topics,
    moments,
    timeline,
    messages: analysisMessages,
    ...(map ? { map } : {}),
    hierarchy: { merges: workspace.hierarchy },
    highlights: workspace.highlights,
  };
  await checkpoint('summary', 1);
  return { analysis, clustered: kept, clustering, vectors };
}
