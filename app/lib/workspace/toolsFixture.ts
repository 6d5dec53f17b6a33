import {
  TOPIC_ANALYSIS_VERSION,
  TopicPipelineParamsSchema,
  type AnalysisMessage,
  type AnalysisTopic,
  type HierarchyMerge,
  type Highlight,
  type MessageType,
  type TopicAnalysis,
} from '../../../contracts/analysis';

/** A topic for the tools' unit tests: only what they read is meaningful. */
export function fakeTopic(id: number, size: number, label = `t${id} (1.0)`, type?: MessageType): AnalysisTopic {
  return {
    id,
    label,
    terms: [],
    size,
    silhouette: null,
    firstElapsed: 0,
    lastElapsed: 0,
    representatives: [],
    moment: -1,
    ...(type ? { type } : {}),
  };
}

/** A merge for the tools' unit tests. */
export function fakeMerge(id: number, left: number, right: number, distance: number, size: number): HierarchyMerge {
  return { id, left, right, distance, size, label: `m${id}` };
}

/**
 * A small but complete analysis document for the tools' unit tests.
 * @param messages `[elapsed, topic, text, user?]` per message
 */
export function fakeAnalysis(
  topics: AnalysisTopic[],
  messages: [number, number, string, string?][],
  extra: { highlights?: Highlight[]; merges?: HierarchyMerge[]; binSeconds?: number } = {},
): TopicAnalysis {
  const binSeconds = extra.binSeconds ?? 60;
  const last = messages.reduce((m, [e]) => Math.max(m, e), 0);
  const bins = Math.floor(last / binSeconds) + 1;
  const counts = topics.map((t) => ({ topic: t.id, counts: new Array<number>(bins).fill(0) }));
  const noise = new Array<number>(bins).fill(0);
  const rows: AnalysisMessage[] = messages.map(([elapsed, topic, text, user], i) => {
    const bin = Math.floor(elapsed / binSeconds);
    if (topic >= 0) counts[topic]!.counts[bin]!++;
    else noise[bin]!++;
    return {
      id: `m${i}`,
      elapsed,
      text,
      ...(user !== undefined ? { user } : {}),
      topic,
      moment: -1,
      probability: 1,
      silhouette: null,
    };
  });
  return {
    version: TOPIC_ANALYSIS_VERSION,
    createdAt: '2026-01-01T00:00:00.000Z',
    stream: { id: 's1', channel: 'chan', title: 'Title', startedAt: 0, absoluteTime: false, durationSeconds: last },
    model: { id: 'bow', kind: 'bow', dimension: 256 },
    parameters: TopicPipelineParamsSchema.parse({}),
    timings: [],
    totalMs: 0,
    counts: {
      messages: rows.length,
      clustered: rows.length,
      noise: rows.filter((m) => m.topic < 0).length,
      excludedDeleted: 0,
      excludedBot: 0,
      excludedCommand: 0,
      excludedEmpty: 0,
    },
    noiseRate: 0,
    silhouette: null,
    topics,
    moments: [],
    timeline: { binSeconds, bins, topics: counts, noise },
    messages: rows,
    ...(extra.merges ? { hierarchy: { merges: extra.merges } } : {}),
    ...(extra.highlights ? { highlights: extra.highlights } : {}),
  };
}
