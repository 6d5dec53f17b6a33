import { describe, expect, it } from 'vitest';
import { attachNoise } from '../../hdbscan';
import type { Clusterer } from './Clusterer';
import { placeInClusters } from './placeInClusters';

// Two clusters of four points, around (0, 0) and (10, 0), and one point left out at (5, 8).
const points = Float64Array.of(0, 0, 0, 1, 1, 0, 1, 1, 10, 0, 10, 1, 11, 0, 11, 1, 5, 8);
const labels = Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1, -1);
// Ratio 2: a point within twice the clustered points' spacing (1) of a cluster joins it.
const { attachment } = attachNoise(points, 2, labels, 2);

const fixed = (kind: 'hdbscan' | 'kmeans', predict?: Clusterer['predict']): Clusterer => ({
  kind,
  parameters: {},
  minPoints: 2,
  timingStage: 'cluster',
  fit: () => ({ labels, nClusters: 2, probabilities: new Float64Array(9), model: null }),
  ...(predict ? { predict } : {}),
});

describe('placing new points in a fit', () => {
  it('falls back on the nearest clustered point, however far, for a clusterer that cannot predict', () => {
    // (5.8, 8) is nearest the left-out point, then cluster 1 (8.2 from (10, 1), 8.5 from (1, 1)); (-20, 0) is far from everything, nearest cluster 0.
    const placed = placeInClusters(fixed('kmeans'), null, attachment, Float64Array.of(5.8, 8, -20, 0, 10.4, 0.6), 2);
    expect([...placed.labels]).toEqual([1, 0, 1]);
    expect([...placed.probabilities]).toEqual([0, 0, 0]);
  });

  it("uses the clusterer's prediction, and a point it leaves out joins a cluster only within the fit's outlier rule", () => {
    const model = { marker: 1 };
    let seen: unknown = null;
    const predictNoise: Clusterer['predict'] = (m, p) => {
      seen = m;
      return { labels: new Int32Array(p.length / 2).fill(-1), probabilities: new Float64Array(p.length / 2) };
    };
    const placed = placeInClusters(fixed('hdbscan', predictNoise), model, attachment, Float64Array.of(2, 1, -20, 0), 2);
    expect(seen).toBe(model);
    // (2, 1) is 1 from cluster 0: within the rule; (-20, 0) is 20 away: left out.
    expect([...placed.labels]).toEqual([0, -1]);
  });
});
