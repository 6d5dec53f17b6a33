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
});
