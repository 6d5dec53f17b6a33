import { describe, expect, it } from 'vitest';
import { TopicPipelineParamsSchema } from '../../../../contracts/analysis';
import { syntheticClusters } from '../../umap';
import { assignMessages } from '../assignMessages';
import { clusterMessages } from '../clusterMessages';
import { jsNeighbourSearch } from '../NeighbourSearch';
import { kmeansClusterer } from './kmeansClusterer';

/** Three tight groups of 2-D points around (0, 0), (10, 0) and (0, 10), `perGroup` points each, in turn. */
function blobs(perGroup: number): Float64Array {
  const centres = [
    [0, 0],
    [10, 0],
    [0, 10],
  ];
  const points = new Float64Array(perGroup * 3 * 2);
  for (let i = 0; i < perGroup * 3; i++) {
    const [x, y] = centres[i % 3]!;
    points[i * 2] = x! + ((i * 7) % 5) / 10;
    points[i * 2 + 1] = y! + ((i * 3) % 5) / 10;
  }
  return points;
}

const kmeans = (k: number, seed = 42) => kmeansClusterer({ kind: 'kmeans', k, seed, maxIterations: 100 });

describe('k-means, the worked example of a second clusterer', () => {
  it('puts each group of points in a cluster of its own, with no noise, and places new points at their group', () => {
    const fit = kmeans(3).fit(blobs(10), 2);
    expect(fit.nClusters).toBe(3);
    const groupCluster = [0, 1, 2].map((g) => fit.labels[g]!);
    expect(new Set(groupCluster).size).toBe(3);
    fit.labels.forEach((label, i) => expect(label).toBe(groupCluster[i % 3]));
    expect([...fit.probabilities].every((p) => p === 1)).toBe(true);
    const placed = kmeans(3).predict!(fit.model!, Float64Array.of(9, 1, 1, 9, -1, 0));
    expect([...placed.labels]).toEqual([groupCluster[1], groupCluster[2], groupCluster[0]]);
  });

  it('gives the same fit for the same seed, and numbers only the clusters that hold points', () => {
    const points = blobs(10);
    expect(kmeans(5, 7).fit(points, 2)).toEqual(kmeans(5, 7).fit(points, 2));
    // Eight copies of one point: one cluster, whatever k asks.
    const fit = kmeans(4).fit(new Float64Array(16).fill(1), 2);
    expect(fit.nClusters).toBe(1);
    expect([...fit.labels]).toEqual(new Array(8).fill(0));
  });

  it('runs the whole pipeline when the parameters choose it: labelled topics, recorded, new messages placed', async () => {
    const words = ['raclette', 'penalty', 'guitare', 'orage'];
    const { vectors, labels: planted, dim } = syntheticClusters({ n: 200, clusters: 4, dim: 16, seed: 3 });
    const texts = Array.from(planted, (c, i) => `${words[c]} ${['oui', 'non', 'bof'][i % 3]}`);
    const elapsed = Array.from(texts, (_, i) => i);
    const params = TopicPipelineParamsSchema.parse({
      clusterer: { kind: 'kmeans', k: 4 },
      umap: { nNeighbors: 15, nEpochs: 60 },
      moments: { enabled: false },
    });
    const result = await clusterMessages({ vectors, dim, elapsed, texts }, params, { neighbours: jsNeighbourSearch });

    expect(result.nTopics).toBe(4);
    for (let c = 0; c < 4; c++) {
      const topics = new Set(result.labels.filter((_, i) => planted[i] === c));
      expect(topics.size).toBe(1);
      expect(result.terms[[...topics][0]!]![0]!.term).toBe(words[c]);
    }
    expect(result.stages.find((s) => s.role === 'clusterer')).toEqual({
      role: 'clusterer',
      kind: 'kmeans',
      parameters: { k: 4, seed: 42, maxIterations: 100 },
    });
    expect(result.timings.map((t) => t.stage)).toContain('cluster');
    expect(result.timings.map((t) => t.stage)).not.toContain('hdbscan');

    // The first message of each planted group again, a little later: each lands in its group's topic.
    const again = new Float32Array(4 * dim);
    for (let c = 0; c < 4; c++) again.set(vectors.subarray(c * dim, (c + 1) * dim), c * dim);
    const placed = assignMessages(result.model!, again, [200, 201, 202, 203]);
    expect([...placed.labels]).toEqual([0, 1, 2, 3].map((c) => result.labels[c]));
  });
});
