// Topic evaluation against planted topics: the simulator plants topics in a stream, the pipeline clusters it, and
// the found topics are scored against the planted ones. Used by `npm run eval -- topics` and at the end of every
// training job (the new model next to the bag-of-words baseline).
import type { TopicPipelineParams } from '../../contracts/analysis';
import type { ChatMessage, StreamInfo } from '../../contracts/chat';
import type { TopicEvalSummary } from '../../contracts/training';
import type { CreatedEmbedder } from '../../models/embedding/createEmbedder';
import { onnxNeighbourSearch } from '../../models/onnx/knn';
import { ChatTermTokenizer } from '../../models/topics/labels';
import { adjustedRandIndex, normalizedMutualInformation, purity } from '../../models/topics/metrics';
import { DEFAULT_BOTS } from '../config/schema';
import { simulateChat } from '../simulator';
import { analyzeStream } from './analyzeStream';
import { labelQuality } from './labelQuality';

/** One simulated stream's scores. */
export interface PlantedTopicRun {
  embedder: string;
  minutes: number;
  seed: number;
  timeFeature: boolean;
  messages: number;
  clustered: number;
  plantedTopics: number;
  topics: number;
  /** Against the planted topics, HDBSCAN noise as one more class (planted "noise" is a class too). */
  ari: number;
  nmi: number;
  /** On messages neither planted as noise nor called noise: how pure the found topics are. */
  ariClustered: number;
  /** Share of clustered messages whose found topic is mostly their own planted topic (splitting a planted topic is not punished). */
  purity: number;
  noiseRate: number;
  /** Share of planted-noise messages among the clustered ones (what a perfect clusterer would call noise). */
  plantedNoiseRate: number;
  labelQuality: number;
  labelQualitySizeWeighted: number;
  silhouette: number | null;
  seconds: number;
  stages: Record<string, number>;
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const mean = (xs: number[]) => (xs.length === 0 ? NaN : xs.reduce((s, x) => s + x, 0) / xs.length);

/** A simulated stream with planted topics (the simulator's `topic` field is the ground truth). */
export function simulatedEvalStream(
  seed: number,
  minutes: number,
  rate: number,
): { stream: StreamInfo; messages: ChatMessage[] } {
  const streamId = `eval-s${seed}-${minutes}m`;
  const startedAt = Date.UTC(2024, 0, 1, 20);
  const messages = [
    ...simulateChat({
      seed,
      ratePerSecond: rate,
      streamId,
      startedAt,
      minutes,
      channel: 'evalchan',
      botNames: DEFAULT_BOTS,
    }),
  ];
  return {
    stream: {
      id: streamId,
      channel: 'evalchan',
      source: 'simulator',
      title: `simulator seed ${seed}, ${minutes} min`,
      startedAt,
      absoluteTime: true,
      importFormat: null,
    },
    messages,
  };
}

/**
 * Clusters one simulated stream with `created` and scores the topics against the planted ones.
 *
 * @param embedderName how the run is labelled in results
 * @example
 * const run = await evaluatePlantedTopics('bow', await createEmbedder('bow'), 30, 1, 4, TopicPipelineParamsSchema.parse({}));
 */
export async function evaluatePlantedTopics(
  embedderName: string,
  created: CreatedEmbedder,
  minutes: number,
  seed: number,
  rate: number,
  params: TopicPipelineParams,
): Promise<PlantedTopicRun> {
  const { stream, messages } = simulatedEvalStream(seed, minutes, rate);
  const started = performance.now();
  const { analysis, clustered, clustering } = await analyzeStream(stream, messages, {
    params,
    embedder: created.embedder,
    model: { id: created.embedder.id, kind: created.kind, dimension: created.embedder.dimension },
    neighbours: onnxNeighbourSearch({ threads: 2 }),
  });
  const seconds = (performance.now() - started) / 1000;
  const truth = clustered.map((m) => m.topic ?? 'unknown');
  const found = Array.from(clustering.labels);
  const keep = truth.map((t, i) => t !== 'noise' && found[i]! >= 0);
  const tokenizer = new ChatTermTokenizer({ ngramRange: params.labels.ngramRange });
  const quality = labelQuality(
    clustered.map((m) => tokenizer.terms(m.text, m.emotes)),
    truth,
    clustering.labels,
    clustering.terms.map((t) => t[0]?.term),
  );
  return {
    embedder: embedderName,
    minutes,
    seed,
    timeFeature: params.time.enabled,
    messages: messages.length,
    clustered: clustered.length,
    plantedTopics: new Set(truth).size,
    topics: clustering.nTopics,
    ari: round(adjustedRandIndex(truth, found)),
    nmi: round(normalizedMutualInformation(truth, found)),
    ariClustered: round(
      adjustedRandIndex(
        truth.filter((_, i) => keep[i]),
        found.filter((_, i) => keep[i]),
      ),
    ),
    purity: round(purity(truth, found)),
    noiseRate: round(analysis.noiseRate),
    plantedNoiseRate: round(truth.filter((t) => t === 'noise').length / Math.max(1, truth.length)),
    labelQuality: round(quality.topics),
    labelQualitySizeWeighted: round(quality.sizeWeighted),
    silhouette: analysis.silhouette === null ? null : round(analysis.silhouette),
    seconds: round(seconds, 2),
    stages: Object.fromEntries(analysis.timings.map((t) => [t.stage, round(t.ms / 1000, 2)])),
  };
}

/** Means of the scores of several runs, as a training job records them (`TopicEvalSummary`). */
export function summarizeRuns(runs: readonly PlantedTopicRun[]): TopicEvalSummary['model'] {
  return {
    ari: round(mean(runs.map((r) => r.ari))),
    nmi: round(mean(runs.map((r) => r.nmi))),
    purity: round(mean(runs.map((r) => r.purity))),
    noise: round(mean(runs.map((r) => r.noiseRate))),
  };
}
