import { describe, expect, it } from 'vitest';
import { TopicPipelineParamsSchema } from '../../../../contracts/analysis';
import { createClusterer, pipelineStages, stageRecords } from './registry';

describe('the stage registry', () => {
  it('runs HDBSCAN with the hdbscan section when the parameters choose no clusterer, as before there was a choice', () => {
    const params = TopicPipelineParamsSchema.parse({ hdbscan: { minClusterSize: 12 } });
    expect(params.clusterer).toEqual({ kind: 'hdbscan' });
    const clusterer = createClusterer(params);
    expect(clusterer.kind).toBe('hdbscan');
    expect(clusterer.parameters).toEqual(params.hdbscan);
    expect(clusterer.timingStage).toBe('hdbscan');
    expect(clusterer.minPoints).toBe(12);
    expect(typeof clusterer.predict).toBe('function');
  });

  it('builds the clusterer the kind names, with its parameters and their defaults', () => {
    const clusterer = createClusterer(TopicPipelineParamsSchema.parse({ clusterer: { kind: 'kmeans', k: 30 } }));
    expect(clusterer.kind).toBe('kmeans');
    expect(clusterer.parameters).toEqual({ k: 30, seed: 42, maxIterations: 100 });
    expect(clusterer.minPoints).toBe(30);
  });

  it('refuses an unknown kind and a parameter of another kind rather than ignoring them', () => {
    expect(TopicPipelineParamsSchema.safeParse({ clusterer: { kind: 'dbscan' } }).success).toBe(false);
    const misplaced = TopicPipelineParamsSchema.safeParse({ clusterer: { kind: 'hdbscan', k: 5 } });
    expect(misplaced.success).toBe(false);
    expect(misplaced.error!.issues[0]!.path).toEqual(['clusterer']);
  });

  it('records every stage it chose with its parameters, in pipeline order', () => {
    const params = TopicPipelineParamsSchema.parse({});
    expect(stageRecords(pipelineStages(params))).toEqual([
      { role: 'reducer', kind: 'umap', parameters: params.umap },
      { role: 'clusterer', kind: 'hdbscan', parameters: params.hdbscan },
      { role: 'labeller', kind: 'ctfidf', parameters: params.labels },
    ]);
  });
});
