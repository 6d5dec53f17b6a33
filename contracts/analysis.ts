import { z } from 'zod';
import { ClustererParamsSchema, StageRecordSchema } from './pipelineStages';

/**
 * The topic analysis of one stream: what `chat-topics analyze --json` writes, and the one definition of it. The
 * zod schemas are the definition; the TypeScript types are inferred from them, so a document read back from disk
 * is checked against exactly the type the writer used (`parseTopicAnalysis`).
 *
 * Defaults of the parameters are Lincoln's BERTopic variant on Twitch chat (the reference of the project):
 * UMAP cosine, 100 neighbours, min_dist 0.99, 10 dimensions; elapsed time in units of 10 minutes appended as an
 * 11th column; HDBSCAN min_cluster_size 5, min_samples 1, cluster_selection_epsilon 0.5, eom.
 *
 * Version 3 added `parameters.clusterer` and `stages` (which stage implementations ran, with which parameters); a
 * version 2 document still reads (its clusterer was HDBSCAN, the default the schema fills in). Version 4 added what the
 * analyst's workspace draws: each message's `user`, each topic's message `type`, the 2-D `map`, the topic
 * `hierarchy` and the `highlights`; they are optional so that version 2 and 3 documents still read.
 */
export const TOPIC_ANALYSIS_VERSION = 4;
/** Versions `parseTopicAnalysis` reads. */
export const READABLE_TOPIC_ANALYSIS_VERSIONS = [2, 3, TOPIC_ANALYSIS_VERSION] as const;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const count = z.number().int().nonnegative();

export const TopicTermSchema = z.object({ term: z.string().min(1), score: finite });
export type TopicTerm = z.infer<typeof TopicTermSchema>;

export const UmapStageParamsSchema = z.object({
  nNeighbors: z.number().int().min(2).default(100),
  nComponents: z.number().int().min(1).max(64).default(10),
  minDist: z.number().min(0).max(3).default(0.99),
  metric: z.enum(['cosine', 'euclidean']).default('cosine'),
  /**
   * 200, whatever the number of messages (umap-learn's own choice above 10k). Fewer epochs on large sets looked free on
   * the simulator but cost agreement with the reference system on real chat (bag-of-words ARI 0.20 at 50 epochs,
   * 0.34 at 200); 500 (umap-learn below 10k) gains nothing measurable.
   */
  nEpochs: z.number().int().positive().default(200),
  /**
   * Negative samples per positive sample in the layout's SGD (umap-learn's negative_sample_rate, 5). Five sixths of
   * the SGD's work are negative samples, so fewer make the layout proportionally faster (README, "Benchmarks").
   */
  negativeSampleRate: z.number().min(0).max(50).default(5),
  seed: z.number().int().default(42),
});

export const TimeFeatureParamsSchema = z.object({
  enabled: z.boolean().default(true),
  /** Elapsed seconds per unit of the time column (600: the reference's 10 minutes). */
  unitSeconds: z.number().positive().default(600),
});

export const HdbscanStageParamsSchema = z.object({
  minClusterSize: z.number().int().min(2).default(5),
  minSamples: z.number().int().min(1).default(1),
  clusterSelectionEpsilon: z.number().min(0).default(0.5),
  clusterSelectionMethod: z.enum(['eom', 'leaf']).default('eom'),
  /**
   * Largest topic as a share of the clustered messages (HDBSCAN's max_cluster_size = floor(share x n)); 1 = no
   * limit, the reference's setting. Why a limit: where the layout has no density structure (a live window of a few
   * hundred short messages spreads into an even cloud), every split of the condensed tree happens within a narrow
   * band of distances, so excess of mass keeps the parent (it gains stability from every point it sheds over that
   * band, its children die as soon as they are born); a small far group splitting the root first leaves "everything
   * else" as a top-level cluster: 86-98% of a 10-min window in one topic, with or without epsilon and for any UMAP
   * setting we tried. Clusters over the limit give way to their children. 0.2 never binds on healthy fits (the
   * reference system's largest topic holds 7% of its messages, ours at most 8% on every real stream) and removes
   * every collapse we have seen (README, "Topics").
   */
  maxClusterShare: z.number().gt(0).max(1).default(0.2),
});

export const LabelStageParamsSchema = z.object({
  weighting: z.enum(['ctfidf', 'bm25']).default('ctfidf'),
  reduceFrequentWords: z.boolean().default(false),
  ngramRange: z.tuple([z.number().int().min(1), z.number().int().min(1)]).default([1, 2]),
  topTerms: z.number().int().min(1).max(30).default(5),
  representatives: z.number().int().min(0).max(50).default(3),
});

/**
 * Moments: the level a person names ("the hunting law", "the laughter after the slip"), above the fine topics.
 * Average linkage on textWeight x (1 - TF-IDF cosine) + (1 - textWeight) x min(1, gap / timeScaleSeconds); chosen on
 * the hand-grouped windows of the real-chat reference (README, "Topic evaluation").
 */
export const MomentStageParamsSchema = z.object({
  enabled: z.boolean().default(true),
  textWeight: z.number().min(0).max(1).default(0.5),
  timeScaleSeconds: z.number().positive().default(120),
  /** Messages further apart are never compared: they count as unrelated (bounds the cost on long streams). */
  maxGapSeconds: z.number().positive().default(240),
  /**
   * Groups merge while their mean distance is below this. 0.59 sits in the middle of a plateau (0.58-0.605 score
   * the same on the hand-grouped windows); 0.65, chosen before reactions were compared by time, made moments coarser
   * than a reader's: 5-10 per busy 5 minutes on our streams where the annotator names 13-27, precision 0.46 against
   * recall 0.78 (README, "Topic evaluation").
   */
  cut: z.number().gt(0).max(1).default(0.59),
  minSize: z.number().int().min(1).default(3),
  /**
   * Text distance between a pure reaction (emotes, laughter: "MDR", "KEKW KEKW") and a message with words, in place
   * of their TF-IDF distance (null: no such rule). A laughing wave shares no word with what it laughs at, so its
   * TF-IDF distance (about 1) kept it apart from it; 0.5 (neutral) lets time decide. On the hand-grouped windows:
   * moments pair F1 0.535 -> 0.567, ARI 0.449 -> 0.486 (README, "Topic evaluation").
   */
  reactionTextDistance: z.number().min(0).max(1).nullable().default(0.5),
});

/**
 * Messages HDBSCAN left out that sit among a topic's messages join it: each joins the topic of its nearest clustered
 * message when that one lies within `attachWithin` times the median distance between clustered messages and their
 * nearest neighbour (0 = off, the reference system's behaviour). Chosen on real chat: HDBSCAN leaves out about a
 * fifth of the messages where a reader calls 6-11% one-offs (README, "Topics").
 */
export const OutlierStageParamsSchema = z.object({
  attachWithin: z.number().min(0).max(100).default(2),
});

/**
 * Windowed analysis of a long stream (off when absent): overlapping windows of `minutes` stream-minutes, one every
 * `stepMinutes`, each clustered as a live refit, topics stitched across windows by the live engine's tracker
 * (models/topics/windows/clusterInWindows.ts). Bounds memory and keeps the cost linear in the stream's length.
 */
export const WindowParamsSchema = z
  .object({
    minutes: z.number().positive(),
    stepMinutes: z.number().positive(),
  })
  .refine((w) => w.stepMinutes <= w.minutes, { message: 'stepMinutes must not exceed minutes', path: ['stepMinutes'] });

/**
 * When `analyze` windows a long stream by itself (no `window` given): a stream of more than `windowAboveMessages`
 * clustered messages is cut into windows of about `windowMessages` messages on average (its mean rate decides the
 * minutes), one every half window, and the windows chosen are recorded as `window`. One global fit of 100k messages
 * took 205 s and 1.46 GB on our 2-vCPU machine, 50k 55 s; windows keep the cost linear and the memory bounded. Why
 * windows of messages, not minutes: a window's quality follows its message count (on the reference system's set,
 * windows of 10 / 20 / 30 minutes, about 500 / 1,000 / 1,500 messages, score pair F1 0.72 / 0.83 / 0.86 against
 * 0.905 for the whole 5,000-message stream, seed 1).
 */
export const LongStreamParamsSchema = z.object({
  /** Null: never window by itself. */
  windowAboveMessages: z.number().int().positive().nullable().default(50_000),
  windowMessages: z.number().int().min(1000).default(10_000),
});

/** Every parameter of the pipeline; each stage's defaults apply to what is left out. */
export const TopicPipelineParamsSchema = z.object({
  umap: UmapStageParamsSchema.prefault({}),
  time: TimeFeatureParamsSchema.prefault({}),
  hdbscan: HdbscanStageParamsSchema.prefault({}),
  /** Which clusterer runs (`contracts/pipelineStages.ts`); HDBSCAN, with the `hdbscan` section, by default. */
  clusterer: ClustererParamsSchema.prefault({ kind: 'hdbscan' }),
  outliers: OutlierStageParamsSchema.prefault({}),
  labels: LabelStageParamsSchema.prefault({}),
  moments: MomentStageParamsSchema.prefault({}),
  /** Absent (the default): one global fit over the whole stream, unless `longStream` windows a long one. */
  window: WindowParamsSchema.optional(),
  longStream: LongStreamParamsSchema.prefault({}),
});
export type TopicPipelineParams = z.infer<typeof TopicPipelineParamsSchema>;
export type TopicPipelineParamsInput = z.input<typeof TopicPipelineParamsSchema>;

/** Stages whose wall time an analysis records, in pipeline order ('cluster': a clusterer other than HDBSCAN). */
export const PIPELINE_STAGES = [
  'load',
  'embed',
  'knn',
  'umap',
  'hdbscan',
  'cluster',
  'labels',
  'moments',
  'silhouette',
  // The analyst's workspace (version 4): the 2-D map; hierarchy, message types and highlights.
  'map',
  'workspace',
  'summary',
] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export const StageTimingSchema = z.object({ stage: z.enum(PIPELINE_STAGES), ms: finite.nonnegative() });
export type StageTiming = z.infer<typeof StageTimingSchema>;

export const RepresentativeMessageSchema = z.object({
  messageId: z.string(),
  text: z.string(),
  user: z.string(),
  elapsed: finite,
  /** The message's own silhouette (null when not computed). */
  silhouette: finite.nullable(),
});
export type RepresentativeMessage = z.infer<typeof RepresentativeMessageSchema>;

/**
 * How chat behaves in a topic (the reference system's "message types", ours per topic): from features such as message
 * length, emote share, mentions, a closing "?" or "!", distinct users and repetition. `other`: none of the rules.
 */
export const MESSAGE_TYPES = [
  'greeting',
  'emote-wave',
  'question',
  'vote',
  'copypasta',
  'notice',
  'conversation',
  'discussion',
  'other',
] as const;
export const MessageTypeSchema = z.enum(MESSAGE_TYPES);
export type MessageType = z.infer<typeof MessageTypeSchema>;

export const AnalysisTopicSchema = z.object({
  /** 0-based, in the clusterer's numbering of this run. */
  id: count,
  /** `term (score)/term (score)/…`, the reference's printed form. */
  label: z.string(),
  terms: z.array(TopicTermSchema),
  size: count,
  /** Mean silhouette of the topic's messages (on the clustered points: layout plus time column); null for a size-1 topic. */
  silhouette: finite.nullable(),
  firstElapsed: finite,
  lastElapsed: finite,
  representatives: z.array(RepresentativeMessageSchema),
  /** The moment holding most of this topic's messages (-1: none). */
  moment: z.number().int().min(-1),
  /** How chat behaves in this topic (version 4). */
  type: MessageTypeSchema.optional(),
});
export type AnalysisTopic = z.infer<typeof AnalysisTopicSchema>;

export const AnalysisMomentSchema = z.object({
  /** 0-based, numbered by first message. */
  id: count,
  /** `term (score)/…` of the moment's messages (c-TF-IDF over moments). */
  label: z.string(),
  terms: z.array(TopicTermSchema),
  size: count,
  firstElapsed: finite,
  lastElapsed: finite,
  /** Fine topics whose messages are mostly in this moment, largest first. */
  topics: z.array(count),
  representatives: z.array(RepresentativeMessageSchema),
});
export type AnalysisMoment = z.infer<typeof AnalysisMomentSchema>;

export const AnalysisMessageSchema = z.object({
  id: z.string(),
  elapsed: finite,
  text: z.string(),
  /** Display name (login when it has none) of who wrote it (version 4). */
  user: z.string().optional(),
  /** Fine topic; -1: noise. */
  topic: z.number().int().min(-1),
  /** Moment (the level a person names); -1: none. A message can be in a moment without a fine topic. */
  moment: z.number().int().min(-1),
  /** Membership probability from the clusterer (HDBSCAN's; 1 under a clusterer without one, e.g. k-means; 0 for noise). */
  probability: z.number().min(0).max(1),
  silhouette: finite.nullable(),
});
export type AnalysisMessage = z.infer<typeof AnalysisMessageSchema>;

export const TopicTimelineSchema = z.object({
  binSeconds: z.number().positive(),
  /** Number of bins; bin i covers elapsed [i * binSeconds, (i + 1) * binSeconds). */
  bins: count,
  /** Messages per bin of each topic (same order as `topics`). */
  topics: z.array(z.object({ topic: count, counts: z.array(count) })),
  noise: z.array(count),
});
export type TopicTimeline = z.infer<typeof TopicTimelineSchema>;

/**
 * Every clustered message as a point of a 2-D layout, for the analyst's map: a second UMAP on the same vectors (the
 * reference system's: 15 neighbours, min_dist 0.1, euclidean). `x[i]`, `y[i]` belong to `messages[i]`.
 */
export const AnalysisMapSchema = z.object({
  nNeighbors: z.number().int().min(2),
  minDist: z.number().min(0),
  x: z.array(finite),
  y: z.array(finite),
});
export type AnalysisMap = z.infer<typeof AnalysisMapSchema>;

/**
 * One merge of the topic hierarchy (BERTopic's `hierarchical_topics`): leaves are the fine topics `0..n-1`; the k-th
 * merge makes node `n + k` from two earlier nodes. Merges are in order of increasing distance, so keeping the first
 * `n - m` merges reads the topics as `m` groups.
 */
export const HierarchyMergeSchema = z.object({
  id: count,
  left: count,
  right: count,
  /** Distance at which the two joined (cosine distance of their c-TF-IDF rows, average linkage). */
  distance: finite.nonnegative(),
  /** Messages under this node. */
  size: count,
  /** `term (score)/…` of the merged node's messages. */
  label: z.string(),
});
export type HierarchyMerge = z.infer<typeof HierarchyMergeSchema>;

export const TopicHierarchySchema = z.object({ merges: z.array(HierarchyMergeSchema) });
export type TopicHierarchy = z.infer<typeof TopicHierarchySchema>;

/** A burst of the message rate and the topics that drove it (a moment worth a chapter line). */
export const HighlightSchema = z.object({
  id: count,
  startElapsed: finite,
  endElapsed: finite,
  /** Messages per minute at the burst's busiest minute. */
  peakRate: finite.nonnegative(),
  /** Messages in [startElapsed, endElapsed]. */
  messages: count,
  /** A short label from the leading topics' terms. */
  label: z.string(),
  /** Topics with their share of the burst's messages, largest first. */
  topics: z.array(z.object({ topic: count, share: z.number().min(0).max(1) })),
});
export type Highlight = z.infer<typeof HighlightSchema>;

export const TopicAnalysisSchema = z.object({
  version: z.literal([...READABLE_TOPIC_ANALYSIS_VERSIONS]),
  createdAt: z.string(),
  stream: z.object({
    id: z.string(),
    channel: z.string(),
    title: z.string(),
    /** Epoch ms of elapsed 0 (a placeholder when `absoluteTime` is false). */
    startedAt: finite,
    absoluteTime: z.boolean(),
    durationSeconds: finite.nonnegative(),
  }),
  model: z.object({ id: z.string(), kind: z.enum(['bow', 'http', 'convbert']), dimension: count }),
  parameters: TopicPipelineParamsSchema,
  /** Each swappable stage as it ran (embedder, reducer, clusterer, labeller); absent from version 2 documents. */
  stages: z.array(StageRecordSchema).optional(),
  timings: z.array(StageTimingSchema),
  totalMs: finite.nonnegative(),
  counts: z.object({
    /** Messages in the stream. */
    messages: count,
    /** Messages that went through the clustering (the others are excluded below). */
    clustered: count,
    noise: count,
    excludedDeleted: count,
    excludedBot: count,
    excludedCommand: count,
    /** Messages with nothing left to embed (empty after trimming). */
    excludedEmpty: count,
  }),
  /** noise / clustered (0 when nothing was clustered). */
  noiseRate: z.number().min(0).max(1),
  /** Mean silhouette over all clustered non-noise messages; null when there are fewer than 2 topics. */
  silhouette: finite.nullable(),
  topics: z.array(AnalysisTopicSchema),
  /** Moments, in order of their first message (empty when the moment stage is off). */
  moments: z.array(AnalysisMomentSchema),
  timeline: TopicTimelineSchema,
  /** Clustered messages, in elapsed order. */
  messages: z.array(AnalysisMessageSchema),
  /** The 2-D map of `messages` (version 4). */
  map: AnalysisMapSchema.optional(),
  /** Topics merged by similarity into a tree (version 4). */
  hierarchy: TopicHierarchySchema.optional(),
  /** Bursts of the rate, in time order (version 4). */
  highlights: z.array(HighlightSchema).optional(),
});
export type TopicAnalysis = z.infer<typeof TopicAnalysisSchema>;

/**
 * Checks a parsed JSON value against the analysis type.
 * @throws z.ZodError listing each bad field by its path (e.g. `topics.3.size`)
 */
export function parseTopicAnalysis(value: unknown): TopicAnalysis {
  return TopicAnalysisSchema.parse(value);
}
