import { describe, expect, it } from 'vitest';
import { parseTopicAnalysis, TOPIC_ANALYSIS_VERSION, TopicPipelineParamsSchema } from './analysis';

/** The smallest document of a version-2 writer: no clusterer among the parameters, no stage record. */
function versionTwoDocument(): Record<string, unknown> {
  const { clusterer: _added, ...parameters } = TopicPipelineParamsSchema.parse({});
  return {
    version: 2,
    createdAt: '2024-03-02T00:00:00.000Z',
    stream: { id: 's', channel: 'c', title: 't', startedAt: 0, absoluteTime: false, durationSeconds: 0 },
    model: { id: 'bow', kind: 'bow', dimension: 256 },
    parameters,
    timings: [{ stage: 'hdbscan', ms: 1 }],
    totalMs: 1,
    counts: {
      messages: 0,
      clustered: 0,
      noise: 0,
      excludedDeleted: 0,
      excludedBot: 0,
      excludedCommand: 0,
      excludedEmpty: 0,
    },
    noiseRate: 0,
    silhouette: null,
    topics: [],
    moments: [],
    timeline: { binSeconds: 60, bins: 0, topics: [], noise: [] },
    messages: [],
  };
}

describe('the analysis document across versions', () => {
  it('reads a version 2 document as an HDBSCAN run, its parameters as they were', () => {
    const old = parseTopicAnalysis(versionTwoDocument());
    expect(old.version).toBe(2);
    expect(old.parameters.clusterer).toEqual({ kind: 'hdbscan' });
    expect(old.parameters.hdbscan).toEqual(TopicPipelineParamsSchema.parse({}).hdbscan);
    expect(old.stages).toBeUndefined();
  });

  it('reads the current version with its stage record, and no version it does not know', () => {
    const stages = [{ role: 'clusterer', kind: 'kmeans', parameters: { k: 12 } }];
    const current = parseTopicAnalysis({ ...versionTwoDocument(), version: TOPIC_ANALYSIS_VERSION, stages });
    expect(current.stages).toEqual(stages);
    expect(() => parseTopicAnalysis({ ...versionTwoDocument(), version: 1 })).toThrow(/version/);
    expect(() =>
      parseTopicAnalysis({ ...versionTwoDocument(), stages: [{ role: 'painter', kind: 'x', parameters: {} }] }),
    ).toThrow(/stages/);
  });

  it('reads a version 3 document, which has none of the workspace layers', () => {
    const three = parseTopicAnalysis({
      ...versionTwoDocument(),
      version: 3,
      parameters: TopicPipelineParamsSchema.parse({}),
    });
    expect(three.version).toBe(3);
    expect([three.map, three.hierarchy, three.highlights]).toEqual([undefined, undefined, undefined]);
  });

  it('reads a version 4 document with users, types, the map, the hierarchy and the highlights, and checks them', () => {
    const message = {
      id: 'm',
      elapsed: 1,
      text: 'salut',
      user: 'Léa',
      topic: 0,
      moment: -1,
      probability: 1,
      silhouette: null,
    };
    const topic = {
      id: 0,
      label: 'salut (0.50)',
      terms: [{ term: 'salut', score: 0.5 }],
      size: 1,
      silhouette: null,
      firstElapsed: 1,
      lastElapsed: 1,
      representatives: [],
      moment: -1,
      type: 'greeting',
    };
    const four = {
      ...versionTwoDocument(),
      version: TOPIC_ANALYSIS_VERSION,
      topics: [topic, { ...topic, id: 1, type: 'vote' }],
      messages: [message, { ...message, id: 'n', topic: 1 }],
      map: { nNeighbors: 15, minDist: 0.1, x: [0.5, -2], y: [1, 3] },
      hierarchy: { merges: [{ id: 2, left: 0, right: 1, distance: 0.4, size: 2, label: 'salut (0.25)' }] },
      highlights: [
        {
          id: 0,
          startElapsed: 1,
          endElapsed: 2,
          peakRate: 2,
          messages: 2,
          label: 'salut',
          topics: [{ topic: 0, share: 0.5 }],
        },
      ],
    };
    const read = parseTopicAnalysis(four);
    expect(read.messages[0]!.user).toBe('Léa');
    expect(read.topics.map((t) => t.type)).toEqual(['greeting', 'vote']);
    expect(read.hierarchy!.merges[0]!.id).toBe(2);
    expect(() => parseTopicAnalysis({ ...four, topics: [{ ...topic, type: 'rant' }] })).toThrow(/type/);
    expect(() => parseTopicAnalysis({ ...four, map: { ...four.map, x: [Number.NaN, 1] } })).toThrow(/map/);
    const farMerge = { ...four.hierarchy.merges[0]!, distance: -0.1 };
    expect(() => parseTopicAnalysis({ ...four, hierarchy: { merges: [farMerge] } })).toThrow(/distance/);
    const overShare = { ...four.highlights[0]!, topics: [{ topic: 0, share: 1.5 }] };
    expect(() => parseTopicAnalysis({ ...four, highlights: [overShare] })).toThrow(/share/);
  });
});
