import type { StageTiming, TopicPipelineParams, TopicTerm } from '../../../contracts/analysis';
import { attachNoise, hdbscan, hdbscanPredictionData, type HdbscanPredictionData, type NoiseAttachment } from '../hdbscan';
import { ChatTermTokenizer, representativeMessages, SurfaceForms, topicTerms } from '../labels';
import { clusterSilhouettes, silhouetteSamples } from '../metrics';
import { findMoments, momentOfTopics } from '../moments';
import { fitUmap, type UmapModelData } from '../umap';
import { appendTimeColumn } from './appendTimeColumn';
import { fallbackTerms } from './fallbackTerms';
import type { NeighbourSearch } from './NeighbourSearch';
import { StageTimer } from './StageTimer';

/** Below this many messages nothing is clustered: every message is noise (UMAP and HDBSCAN need a crowd). */
export const MIN_MESSAGES_TO_CLUSTER = 10;

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
}

/**
 * What new messages need to be placed in a fitted clustering without refitting it (UMAP transform, then HDBSCAN
 * prediction): plain typed arrays and numbers, so a fit made in a worker can be posted to the main thread.
 */
export interface FittedTopicModel {
  umap: UmapModelData;
  hdbscan: HdbscanPredictionData;
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
}

/** The moment level when there is none: every message outside any moment, every topic too. */
function noMoments(n: number, nTopics: number): ClusteringMoments {
  return { labels: new Int32Array(n).fill(-1), nMoments: 0, terms: [], representatives: [], topicMoment: new Int32Array(nTopics).fill(-1) };
}

function allNoise(n: number, timings: StageTiming[]): ClusteringResult {
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
  };
}

/**
 * The topic pipeline on one set of messages: neighbours -> UMAP -> time column -> HDBSCAN -> c-TF-IDF labels ->
 * representative messages -> moments (the level above the topics) -> silhouettes. The same code serves `analyze`
 * (a whole stream) and the live engine's refits (a window); only the neighbour search and the silhouette budget differ.
 *
 * @param input vectors, times and texts of the messages, aligned by index
 * @param params every stage's parameters (see `TopicPipelineParamsSchema` for the defaults)
 * @example
 * const result = await clusterMessages({ vectors, dim: 256, elapsed, texts }, TopicPipelineParamsSchema.parse({}), { neighbours: jsNeighbourSearch });
 */
export async function clusterMessages(input: ClusteringInput, params: TopicPipelineParams, options: ClusteringOptions): Promise<ClusteringResult> {
  const { vectors, dim, elapsed, texts } = input;
  const n = texts.length;
  if (vectors.length !== n * dim) throw new RangeError(`clusterMessages: ${vectors.length / dim} vectors for ${n} texts`);
  if (elapsed.length !== n) throw new RangeError(`clusterMessages: ${elapsed.length} times for ${n} texts`);
  const timer = new StageTimer();
  if (n < Math.max(MIN_MESSAGES_TO_CLUSTER, params.hdbscan.minClusterSize)) return allNoise(n, timer.timings);

  const nNeighbors = Math.min(params.umap.nNeighbors, n - 1);
  const knn = await timer.time('knn', () => options.neighbours(vectors, dim, nNeighbors - 1));
  const layoutDims = params.umap.nComponents;
  const umap = await timer.time('umap', () =>
    fitUmap(
      vectors,
      dim,
      { nNeighbors, nComponents: layoutDims, minDist: params.umap.minDist, metric: params.umap.metric, seed: params.umap.seed, nEpochs: params.umap.nEpochs },
      { knn, ...(options.initialLayout ? { initial: options.initialLayout } : {}), ...(options.warmEpochs === undefined ? {} : { warmEpochs: options.warmEpochs }) },
    ),
  );
  const timeUnitSeconds = params.time.enabled ? params.time.unitSeconds : null;
  const points = appendTimeColumn(umap.embedding, layoutDims, elapsed, timeUnitSeconds);
  const pointDims = timeUnitSeconds === null ? layoutDims : layoutDims + 1;
  const hdbscanParams = {
    minClusterSize: params.hdbscan.minClusterSize,
    minSamples: Math.min(params.hdbscan.minSamples, n),
    clusterSelectionEpsilon: params.hdbscan.clusterSelectionEpsilon,
    clusterSelectionMethod: params.hdbscan.clusterSelectionMethod,
    maxClusterSize: params.hdbscan.maxClusterShare >= 1 ? 0 : Math.max(params.hdbscan.minClusterSize, Math.floor(params.hdbscan.maxClusterShare * n)),
  };
  const hdbscanFit = await timer.time('hdbscan', () => hdbscan(points, pointDims, hdbscanParams));
  const prediction = hdbscanPredictionData(points, pointDims, hdbscanFit, hdbscanParams);
  const attached = await timer.time('hdbscan', () => attachNoise(points, pointDims, hdbscanFit.labels, params.outliers.attachWithin));
  // An attached message has no membership strength of its own: probability 0, as HDBSCAN gave it.
  const fit = { ...hdbscanFit, labels: attached.labels };

  // Terms are matched folded; labels show each term as chat wrote it most often ("carte mère", not "carte mere").
  // Tokenizing is part of the labels stage (the moment labels reuse the same terms).
  const { docTerms, forms } = await timer.time('labels', () => {
    const tokenizer = new ChatTermTokenizer({ ngramRange: params.labels.ngramRange, ...(options.emoteNames ? { emotes: options.emoteNames } : {}) });
    const surface = new SurfaceForms();
    const terms = texts.map((t, i) => {
      const written = tokenizer.termsWithForms(t, input.emotes?.[i]);
      surface.add(written.terms, written.forms);
      return written.terms;
    });
    return { docTerms: terms, forms: surface };
  });
  const labelsOf = (labels: Int32Array, nGroups: number) => {
    const labelled = topicTerms(docTerms, labels, nGroups, {
      weighting: params.labels.weighting,
      reduceFrequentWords: params.labels.reduceFrequentWords,
      topN: params.labels.topTerms,
    });
    const reps = representativeMessages(labelled, texts, { count: params.labels.representatives, seed: params.umap.seed });
    const members: number[][] = Array.from({ length: nGroups }, () => []);
    labels.forEach((label, i) => label >= 0 && members[label]!.push(i));
    const named = labelled.terms.map((t, c) => (t.length > 0 ? forms.display(t) : fallbackTerms(texts, members[c]!)));
    return { terms: named, representatives: reps };
  };
  const { terms, representatives } = await timer.time('labels', () => labelsOf(fit.labels, fit.nClusters));

  const moments = await timer.time('moments', () => {
    if (!params.moments.enabled) return noMoments(n, fit.nClusters);
    const found = findMoments(elapsed, texts, params.moments);
    return { ...found, ...labelsOf(found.labels, found.nMoments), topicMoment: momentOfTopics(fit.labels, found.labels, fit.nClusters) };
  });

  let silhouettes: ClusteringResult['silhouettes'] = null;
  if (!options.skipSilhouettes && fit.nClusters >= 2) {
    silhouettes = await timer.time('silhouette', () => {
      const samples = silhouetteSamples(points, pointDims, fit.labels, options.silhouetteSamplePerTopic === undefined ? {} : { maxPointsPerCluster: options.silhouetteSamplePerTopic, seed: params.umap.seed });
      const { perCluster, overall } = clusterSilhouettes(samples, fit.labels, fit.nClusters);
      return { samples, perTopic: perCluster, overall };
    });
  }

  return {
    n,
    layout: umap.embedding,
    layoutDims,
    labels: fit.labels,
    probabilities: fit.probabilities,
    nTopics: fit.nClusters,
    terms,
    representatives,
    moments,
    silhouettes,
    model: { umap, hdbscan: prediction, attachment: attached.attachment, layoutDims, timeUnitSeconds },
    timings: timer.timings,
  };
}
