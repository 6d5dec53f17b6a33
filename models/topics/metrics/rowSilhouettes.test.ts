import { describe, expect, it } from 'vitest';
import { SplitMix32 } from '../../random';
import { clusterSilhouettes, silhouetteSamples } from './silhouette';
import { estimateSilhouettes, rowSilhouettes } from './rowSilhouettes';

function randomClusters(n: number, dims: number, clusters: number, seed: number) {
  const random = SplitMix32.fromSeed(seed);
  const labels = Int32Array.from({ length: n }, () => random.intBelow(clusters + 1) - 1);
  const points = Float64Array.from({ length: n * dims }, (_, i) => {
    const l = labels[Math.floor(i / dims)]!;
    return (l + 1) * 0.7 + random.uint32() / 4294967296;
  });
  return { points, labels };
}

describe('rowSilhouettes', () => {
  // 11: the pipeline's points (10 layout dimensions and the time column) take an unrolled path of their own.
  it.each([3, 11])(
    'gives the listed rows the exact values of silhouetteSamples and leaves the others NaN (%i dims)',
    (dims) => {
      const { points, labels } = randomClusters(300, dims, 6, 1);
      const exact = silhouetteSamples(points, dims, labels);
      const rows = [0, 5, 17, 42, 99, 250, 299];
      const some = rowSilhouettes(points, dims, labels, 6, rows);
      expect(rows.filter((r) => labels[r]! >= 0).length).toBeGreaterThan(4);
      for (let i = 0; i < labels.length; i++) {
        if (rows.includes(i) && labels[i]! >= 0) expect(some[i]).toBeCloseTo(exact[i]!, 10);
        else expect(some[i]).toBeNaN();
      }
    },
  );

  it('gives 0 to a message alone in its topic and NaN to all with a single topic', () => {
    const points = Float64Array.of(0, 1, 5);
    expect([...rowSilhouettes(points, 1, Int32Array.of(0, 0, 1), 2, [2])]).toEqual([NaN, NaN, 0]);
    expect(rowSilhouettes(points, 1, Int32Array.of(0, 0, 0), 1, [0, 1, 2]).every(Number.isNaN)).toBe(true);
  });
});

describe('estimateSilhouettes', () => {
  it('equals the exact means when every member of every topic is sampled', () => {
    const { points, labels } = randomClusters(200, 2, 5, 2);
    const exact = clusterSilhouettes(silhouetteSamples(points, 2, labels), labels, 5);
    const estimate = estimateSilhouettes(points, 2, labels, 5, { perTopic: 1000, extra: [], seed: 3 });
    estimate.perCluster.forEach((v, k) => expect(v).toBeCloseTo(exact.perCluster[k]!, 10));
    expect(estimate.overall).toBeCloseTo(exact.overall, 10);
  });

  it('stays near the exact mean from a few rows per topic, and computes the extra rows without counting them', () => {
    const { points, labels } = randomClusters(3000, 2, 8, 4);
    const exact = clusterSilhouettes(silhouetteSamples(points, 2, labels), labels, 8);
    const extraRow = labels.findIndex((l) => l >= 0);
    const estimate = estimateSilhouettes(points, 2, labels, 8, { perTopic: 40, extra: [extraRow], seed: 5 });
    expect(Math.abs(estimate.overall - exact.overall)).toBeLessThan(0.05);
    const computed = estimate.samples.filter((v) => !Number.isNaN(v)).length;
    expect(computed).toBeLessThanOrEqual(8 * 40 + 1);
    expect(estimate.samples[extraRow]).not.toBeNaN();
  });
});

describe('estimateSilhouettes with a row budget', () => {
  it('computes at most maxRows rows, one per topic first, largest topics first', () => {
    const { points, labels } = randomClusters(2000, 2, 8, 6);
    const sizes = new Array<number>(8).fill(0);
    for (const l of labels) if (l >= 0) sizes[l]!++;
    const estimate = estimateSilhouettes(points, 2, labels, 8, { perTopic: 4, maxRows: 10, extra: [], seed: 1 });
    expect(estimate.samples.filter((v) => !Number.isNaN(v)).length).toBe(10);
    // 8 topics in the first round, the two largest get a second row.
    expect([...estimate.perCluster].every((v) => !Number.isNaN(v))).toBe(true);
    const few = estimateSilhouettes(points, 2, labels, 8, { perTopic: 4, maxRows: 3, extra: [], seed: 1 });
    const largest = sizes.map((s, k) => [s, k] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const valued = new Set([...few.perCluster].flatMap((v, k) => (Number.isNaN(v) ? [] : [k])));
    expect(valued).toEqual(new Set(largest.slice(0, 3).map(([, k]) => k)));
  });
});
