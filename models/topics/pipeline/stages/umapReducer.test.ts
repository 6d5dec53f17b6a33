import { describe, expect, it } from 'vitest';
import { TopicPipelineParamsSchema } from '../../../../contracts/analysis';
import { exactKnn } from '../../knn';
import { fitUmap } from '../../umap';
import { syntheticClusters } from '../../umap/syntheticClusters';
import { neighbourMajorityAccuracy } from '../../umap/testMetrics';
import { umapReducer } from './umapReducer';

const data = syntheticClusters({ n: 300, clusters: 4, dim: 32, seed: 2 });
const umap = (section: Record<string, unknown>) =>
  TopicPipelineParamsSchema.parse({ umap: { nNeighbors: 15, nEpochs: 40, seed: 5, ...section } }).umap;
const knn = exactKnn(data.vectors, data.vectors, 32, 14, { metric: 'cosine', excludeSelf: true });

describe('the UMAP reducer', () => {
  it("keeps umap-learn's 5 negative samples by default: the layout is fitUmap's own, bit for bit", () => {
    const params = umap({});
    expect(params.negativeSampleRate).toBe(5);
    const { embedding } = umapReducer(params).fit(data.vectors, 32, { knn });
    const direct = fitUmap(
      data.vectors,
      32,
      { nNeighbors: 15, nComponents: 10, minDist: 0.99, nEpochs: 40, seed: 5 },
      { knn },
    );
    expect(Array.from(embedding)).toEqual(Array.from(direct.embedding));
  });

  it('passes a lower negative sample rate to the SGD: another layout, reproducible, clusters still apart', () => {
    const fewer = umapReducer(umap({ negativeSampleRate: 2 }));
    const a = fewer.fit(data.vectors, 32, { knn }).embedding;
    const b = fewer.fit(data.vectors, 32, { knn }).embedding;
    const usual = umapReducer(umap({})).fit(data.vectors, 32, { knn }).embedding;
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(a)).not.toEqual(Array.from(usual));
    expect(neighbourMajorityAccuracy(a, 10, data.labels)).toBeGreaterThan(0.95);
  });
});
