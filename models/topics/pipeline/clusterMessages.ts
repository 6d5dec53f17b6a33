import type { PipelineStage, StageTiming, TopicPipelineParams, TopicTerm } from '../../../contracts/analysis';
import type { StageRecord } from '../../../contracts/pipelineStages';
import { attachNoise, type NoiseAttachment } from '../hdbscan';
import type { KnnGraph } from '../knn';
import { clusterSilhouettes, estimateSilhouettes, silhouetteSamples } from '../metrics';
import { findMoments, isReaction, momentOfTopics } from '../moments';
import type { LayoutExecutor, UmapModelData } from '../umap';
import { appendTimeColumn } from './appendTimeColumn';
import type { NeighbourSearch } from './NeighbourSearch';
import type { GroupTermModel } from './stages/Labeller';
import { pipelineStages, stageRecords } from './stages/registry';
import { StageTimer } from './StageTimer';

/**
 * Above this many messages an analysis estimates its silhouettes (`estimateSilhouettes`) instead of computing every
 * pair: the exact values cost n^2 and an n x topics matrix (1.9 s at 13k messages, 1.3 GB at 50k); the estimate
 * computes up to SILHOUETTE_ROWS_PER_TOPIC rows per topic, SILHOUETTE_MAX_ROWS in all (largest topics first), each
 * against all messages, so its cost grows with n, not n^2 (4 rows per topic without the cap took 23 s at 50k). The
 * silhouette is a figure of the report; no stage decides anything from it. The smallest topics of a long stream may
 * have none.
 */
const ESTIMATED_SILHOUETTES_ABOVE = 5000;
const SILHOUETTE_ROWS_PER_TOPIC = 4;
const SILHOUETTE_MAX_ROWS = 1500;

export { MIN_MESSAGES_TO_CLUSTER } from './stages/Clusterer';

/** The messages of one clustering run, aligned by index. */
export interface ClusteringInput {
  /** Row-major n x dim message vectors. */
  vectors: Float32Array;
  dim: number;
  /** Elapsed seconds of each message (the time feature). */
  elapsed: ArrayLike<number>;
  /** Raw text of each message (for the labels). */
  texts: readonly string[];
  /** Emotes of each message, when the source knows them (kept as terms with their case). */
  emotes?: readonly (readonly { name: string }[])[];
}

export interface ClusteringOptions {
  neighbours: NeighbourSearch;
  /** Warm start of the layout: n x nComponents rows (NaN rows for messages new since the last fit). */
  initialLayout?: Float32Array;
  /** Epochs of a warm start (default the UMAP stage's own choice). */
  warmEpochs?: number;
  /** Estimate silhouettes from this many sampled points per topic (the live engine's time budget); exact when absent. */
  silhouetteSamplePerTopic?: number;
  /** Skip the silhouettes altogether. */
  skipSilhouettes?: boolean;
  /** Emote names of the whole corpus, kept as terms with their case. */
  emoteNames?: Iterable<string>;
  /** Threads for the reducer's layout (a worker pool from the runtime); single-threaded without. */
  layoutExecutor?: LayoutExecutor;
  /**
   * Keep what the analyst's workspace reuses (`ClusteringResult.knn`, `termModel`): off by default, because the live
   * engine posts its results between threads and has no use for them.
   */
  keepForWorkspace?: boolean;
  /**
   * Called as each stage starts (fraction 0) and ends (1); awaited, so a caller can yield to its event loop there
   * and throw to stop the run between stages (a cancelled background analysis).
   */
  onStage?: (stage: PipelineStage, fraction: number) => void | Promise<void>;
  /**
   * Called once the reducer's layout is done, with the neighbours it used: from there on the layout threads are
   * free (an analysis starts its 2-D map on them beside the clustering, labels and moments).
   */
  afterLayout?: (knn: KnnGraph) => void;
}

/**
 * What new messages need to be placed in a fitted clustering without refitting it (the reducer's transform, then the
 * clusterer's prediction): plain typed arrays and numbers, so a fit made in a worker can be posted to the main thread.
 */
export interface FittedTopicModel {
  /** The reducer's fitted model (UMAP's): the live engine's neighbour index searches its vectors. */
  umap: UmapModelData;
  /** The clusterer's fitted model, what its `predict` reads; null for a clusterer that cannot predict. */
  cluster: unknown;
  /** The parameters of the fit: placing rebuilds its stages from them (`pipelineStages`), on whichever thread. */
  params: TopicPipelineParams;
  /** Where a message HDBSCAN's prediction leaves out may still join a topic (the outliers stage). */
  attachment: NoiseAttachment;
  layoutDims: number;
  /** Seconds per unit of the time column, null when the time feature is off. */
  timeUnitSeconds: number | null;
}

export interface ClusteringMoments {
  /** -1 none, else 0..nMoments-1 (numbered by first message). */
  labels: Int32Array;
  nMoments: number;
  /** Label terms of each moment, best first. */
  terms: TopicTerm[][];
  /** Message indices that represent each moment best. */
  representatives: number[][];
  /** The moment of each fine topic (-1: none). */
  topicMoment: Int32Array;
}

export interface ClusteringResult {
  n: number;
  /** n x layoutDims UMAP coordinates (empty when too few messages). */
  layout: Float32Array;
  layoutDims: number;
  /** -1 noise, else 0..nTopics-1. */
  labels: Int32Array;
  probabilities: Float64Array;
  nTopics: number;
  /** Label terms of each topic, best first. */
  terms: TopicTerm[][];
  /** Message indices that represent each topic best. */
  representatives: number[][];
  /** The moment level above the topics (`findMoments`); every label -1 when the stage is off. */
  moments: ClusteringMoments;
  /** Per message (NaN for noise), per topic, and overall mean; null when skipped or fewer than 2 topics. */
  silhouettes: { samples: Float64Array; perTopic: Float64Array; overall: number } | null;
  /** Null when too few messages were clustered. */
  model: FittedTopicModel | null;
  timings: StageTiming[];
  /** The stage implementations chosen (reducer, clusterer, labeller) with their parameters. */
  stages: StageRecord[];
  /** The messages' neighbours the reducer used (cosine, self left out); only with `keepForWorkspace`. */
  knn?: KnnGraph;
  /** The term counts behind the topics' labels; only with `keepForWorkspace` and a labeller that has them. */
  termModel?: GroupTermModel;
}

/**
 * The moment level over the given messages (the level above the fine topics), labelled with the labeller's reading of
 * the same messages; every message and topic outside any moment when the stage is off.
 * @param labels fine topic per message (-1 noise)
 * @param labelsOf the labeller's reading of these messages (`Labeller.read`)
 */
export function momentLevel(
  input: { elapsed: ArrayLike<number>; texts: readonly string[]; emotes?: readonly (readonly { name: string }[])[] },
  params: TopicPipelineParams,
  labels: Int32Array,
  nTopics: number,
  labelsOf: ReturnType<ReturnType<typeof pipelineStages>['labeller']['read']>,
): ClusteringMoments {
  if (!params.moments.enabled) return noMoments(input.texts.length, nTopics);
  const emoteNames = new Set<string>();
  for (const list of input.emotes ?? []) for (const e of list) emoteNames.add(e.name);
  const reactions = input.texts.map((text) => isReaction(text, emoteNames));
  const found = findMoments(input.elapsed, input.texts, params.moments, reactions);
  // Terms and representatives only: the result is posted between threads, and the labels' term model is a function.
  const { terms, representatives } = labelsOf(found.labels, found.nMoments);
  return {
    ...found,
    terms,
    representatives,
    topicMoment: momentOfTopics(labels, found.labels, nTopics),
  };
}

/** The moment level when there is none: every message outside any moment, every topic too. */
function noMoments(n: number, nTopics: number): ClusteringMoments {
  return {
    labels: new Int32Array(n).fill(-1),
    nMoments: 0,
    terms: [],
    representatives: [],
    topicMoment: new Int32Array(nTopics).fill(-1),
  };
}

function allNoise(n: number, timings: StageTiming[], stages: StageRecord[]): ClusteringResult {
  return {
    n,
    layout: new Float32Array(0),
    layoutDims: 0,
    labels: new Int32Array(n).fill(-1),
    probabilities: new Float64Array(n),
    nTopics: 0,
    terms: [],
    representatives: [],
    moments: noMoments(n, 0),
    silhouettes: null,
    model: null,
    timings,
    stages,
  };
}

/**
 * The topic pipeline on one set of messages: neighbours -> reducer (UMAP) -> time column -> clusterer (HDBSCAN by
 * default; `params.clusterer` chooses, see `stages/registry.ts`) -> outliers -> labeller (c-TF-IDF) -> representative
 * messages -> moments (the level above the topics) -> silhouettes. The same code serves `analyze` (a whole stream) and
 * the live engine's refits (a window); only the neighbour search and the silhouette budget differ.
 *
 * @param input vectors, times and texts of the messages, aligned by index
 * @param params every stage's parameters (see `TopicPipelineParamsSchema` for the defaults)
 * @example
 * const result = await clusterMessages({ vectors, dim: 256, elapsed, texts }, TopicPipelineParamsSchema.parse({}), { neighbours: jsNeighbourSearch });
 */
export async function clusterMessages(
  input: ClusteringInput,
  params: TopicPipelineParams,
  options: ClusteringOptions,
): Promise<ClusteringResult> {
  const { vectors, dim, elapsed, texts } = input;
  const n = texts.length;
  if (vectors.length !== n * dim)
    throw new RangeError(`clusterMessages: ${vectors.length / dim} vectors for ${n} texts`);
  if (elapsed.length !== n) throw new RangeError(`clusterMessages: ${elapsed.length} times for ${n} texts`);
  const timer = new StageTimer();
  const stages = pipelineStages(params);
  const { reducer, clusterer, labeller } = stages;
  if (n < clusterer.minPoints) return allNoise(n, timer.timings, stageRecords(stages));
  const mark = async (stage: PipelineStage, fraction: number) => {
    if (options.onStage) await options.onStage(stage, fraction);
  };

  await mark('knn', 0);
  const knn = await timer.time('knn', () => options.neighbours(vectors, dim, reducer.neighboursNeeded(n)));
  await mark('knn', 1);
  const layoutDims = reducer.dims;
  await mark(reducer.timingStage, 0);
  const reduced = await timer.time(reducer.timingStage, () =>
    reducer.fit(vectors, dim, {
      knn,
      ...(options.initialLayout ? { initial: options.initialLayout } : {}),
      ...(options.warmEpochs === undefined ? {} : { warmEpochs: options.warmEpochs }),
      ...(options.layoutExecutor ? { layoutExecutor: options.layoutExecutor } : {}),
    }),
  );
  await mark(reducer.timingStage, 1);
  options.afterLayout?.(knn);
  const timeUnitSeconds = params.time.enabled ? params.time.unitSeconds : null;
  const points = appendTimeColumn(reduced.embedding, layoutDims, elapsed, timeUnitSeconds);
  const pointDims = timeUnitSeconds === null ? layoutDims : layoutDims + 1;
  await mark(clusterer.timingStage, 0);
  const clustered = await timer.time(clusterer.timingStage, () => clusterer.fit(points, pointDims));
  const attached = await timer.time(clusterer.timingStage, () =>
    attachNoise(points, pointDims, clustered.labels, params.outliers.attachWithin),
  );
  // An attached message has no membership strength of its own: probability 0, as the clusterer gave it.
  const fit = { ...clustered, labels: attached.labels };
  await mark(clusterer.timingStage, 1);

  // Reading the messages (tokenizing) is part of the labels stage; the moment labels reuse what it read.
  await mark('labels', 0);
  const labelsOf = await timer.time('labels', () =>
    labeller.read({ texts, emotes: input.emotes, emoteNames: options.emoteNames }),
  );
  const topicLabels = await timer.time('labels', () => labelsOf(fit.labels, fit.nClusters));
  const { terms, representatives } = topicLabels;
  await mark('labels', 1);

  await mark('moments', 0);
  const moments = await timer.time('moments', () =>
    momentLevel({ elapsed, texts, emotes: input.emotes }, params, fit.labels, fit.nClusters, labelsOf),
  );
  await mark('moments', 1);

  let silhouettes: ClusteringResult['silhouettes'] = null;
  if (!options.skipSilhouettes && fit.nClusters >= 2) {
    await mark('silhouette', 0);
    silhouettes = await timer.time('silhouette', () => {
      // A long stream's or a large live window's silhouettes are estimated (see ESTIMATED_SILHOUETTES_ABOVE): a
      // per-topic sample does not save time when most topics are smaller than it (0.9 s of a 10k refit).
      if (n > ESTIMATED_SILHOUETTES_ABOVE) {
        const estimate = estimateSilhouettes(points, pointDims, fit.labels, fit.nClusters, {
          perTopic: SILHOUETTE_ROWS_PER_TOPIC,
          maxRows: SILHOUETTE_MAX_ROWS,
          seed: params.umap.seed,
        });
        return { samples: estimate.samples, perTopic: estimate.perCluster, overall: estimate.overall };
      }
      const samples = silhouetteSamples(
        points,
        pointDims,
        fit.labels,
        options.silhouetteSamplePerTopic === undefined
          ? {}
          : { maxPointsPerCluster: options.silhouetteSamplePerTopic, seed: params.umap.seed },
      );
      const { perCluster, overall } = clusterSilhouettes(samples, fit.labels, fit.nClusters);
      return { samples, perTopic: perCluster, overall };
    });
    await mark('silhouette', 1);
  }
  // Counted again from the term matrix, part of the labels' cost (only an analysis that draws a hierarchy asks).
  const termModel =
    options.keepForWorkspace && topicLabels.termModel ? await timer.time('labels', topicLabels.termModel) : undefined;

  return {
    n,
    layout: reduced.embedding,
    layoutDims,
    labels: fit.labels,
    probabilities: fit.probabilities,
    nTopics: fit.nClusters,
    terms,
    representatives,
    moments,
    silhouettes,
    model: {
      umap: reduced.model,
      cluster: fit.model,
      params,
      attachment: attached.attachment,
      layoutDims,
      timeUnitSeconds,
    },
    timings: timer.timings,
    stages: stageRecords(stages),
    ...(options.keepForWorkspace ? { knn } : {}),
    ...(termModel ? { termModel } : {}),
  };
}
