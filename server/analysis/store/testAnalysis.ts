import { TOPIC_ANALYSIS_VERSION, TopicPipelineParamsSchema, type TopicAnalysis } from '../../../contracts/analysis';

/**
 * A small valid analysis document for tests of code that stores, lists and searches analyses: two topics, the
 * messages given (text and topic), one per 10 s.
 * @example testAnalysis('s1', [{ text: 'salut', topic: 0 }])
 */
export function testAnalysis(
  streamId: string,
  messages: { text: string; topic: number }[],
  options: { modelId?: string; dimension?: number; nEpochs?: number } = {},
): TopicAnalysis {
  const topics = [0, 1].map((id) => ({
    id,
    label: `topic ${id}`,
    terms: [{ term: `t${id}`, score: 1 }],
    size: messages.filter((m) => m.topic === id).length,
    silhouette: null,
    firstElapsed: 0,
    lastElapsed: messages.length * 10,
    representatives: [],
    moment: -1,
  }));
  return {
    version: TOPIC_ANALYSIS_VERSION,
    createdAt: new Date(1_700_000_000_000).toISOString(),
    stream: {
      id: streamId,
      channel: 'chan',
      title: 'test',
      startedAt: 0,
      absoluteTime: false,
      durationSeconds: messages.length * 10,
    },
    model: { id: options.modelId ?? 'bow-v1', kind: 'bow', dimension: options.dimension ?? 4 },
    parameters: TopicPipelineParamsSchema.parse({ umap: { nEpochs: options.nEpochs ?? 200 } }),
    timings: [],
    totalMs: 12,
    counts: {
      messages: messages.length,
      clustered: messages.length,
      noise: messages.filter((m) => m.topic < 0).length,
      excludedDeleted: 0,
      excludedBot: 0,
      excludedCommand: 0,
      excludedEmpty: 0,
    },
    noiseRate: 0,
    silhouette: null,
    topics,
    moments: [],
    timeline: { binSeconds: 60, bins: 0, topics: [], noise: [] },
    messages: messages.map((m, i) => ({
      id: `m${i}`,
      elapsed: i * 10,
      text: m.text,
      topic: m.topic,
      moment: -1,
      probability: 1,
      silhouette: null,
    })),
  };
}

/** The stream of {@link twoMessageAnalysis}. */
export const TEST_STREAM = 'chan-20250101-120000';

/**
 * Two messages in two topics of {@link TEST_STREAM}: the analysis the store tests save; `nEpochs` changes its key.
 * @example store.save({ analysis: twoMessageAnalysis(50), vectors: null, modelSpec: null })
 */
export function twoMessageAnalysis(nEpochs = 200): TopicAnalysis {
  return testAnalysis(
    TEST_STREAM,
    [
      { text: 'salut', topic: 0 },
      { text: "l'arbitre", topic: 1 },
    ],
    { nEpochs },
  );
}
