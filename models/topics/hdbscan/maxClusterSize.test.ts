import { describe, expect, it } from 'vitest';
import { Lcg32 } from '../../random';
import { hdbscan } from './hdbscan';
import { HdbscanParamError } from './errors';

/** Three touching blobs and, far away, a small fourth one: excess of mass keeps the three as one cluster. */
function data(): Float64Array {
  const rng = Lcg32.numericalRecipes(9);
  const rand = () => rng.next() - 0.5;
  const pts: number[] = [];
  for (const [cx, n, spread] of [
    [0, 120, 1.2],
    [1.8, 120, 1.2],
    [3.6, 120, 1.2],
    [60, 12, 0.3],
  ] as const) {
    // Sums of uniforms: bell-shaped blobs whose tails touch.
    const g = () => (rand() + rand() + rand()) * spread;
    for (let i = 0; i < n; i++) pts.push(cx + g(), g());
  }
  return Float64Array.from(pts);
}

const largest = (labels: Int32Array) => {
  const counts = new Map<number, number>();
  for (const l of labels) if (l >= 0) counts.set(l, (counts.get(l) ?? 0) + 1);
  return Math.max(0, ...counts.values());
};

describe('hdbscan maxClusterSize', () => {
  const points = data();

  it('without a limit, keeps the three touching blobs as one cluster beside the far one', () => {
    const r = hdbscan(points, 2, { minClusterSize: 5, minSamples: 1 });
    expect(largest(r.labels)).toBeGreaterThan(300);
  });

  it('with a limit, no cluster is larger than it and the big one is split', () => {
    for (const epsilon of [0, 0.5]) {
      const r = hdbscan(points, 2, {
        minClusterSize: 5,
        minSamples: 1,
        clusterSelectionEpsilon: epsilon,
        maxClusterSize: 186,
      });
      expect(largest(r.labels)).toBeLessThanOrEqual(186);
      expect(r.nClusters).toBeGreaterThan(2);
    }
  });

  it('refuses a negative or fractional limit', () => {
    expect(() => hdbscan(points, 2, { minClusterSize: 5, maxClusterSize: -1 })).toThrow(HdbscanParamError);
    expect(() => hdbscan(points, 2, { minClusterSize: 5, maxClusterSize: 2.5 })).toThrow(/maxClusterSize/);
  });
});
