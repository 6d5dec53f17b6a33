import { thrownCode } from '../testing/thrownCode';
import { describe, expect, it } from 'vitest';
import { exactKnn } from '../knn';
import { UmapParamError } from './errors';
import { fitUmap } from './fitUmap';
import { neighbourPreservation } from './quality';
import { syntheticClusters } from './syntheticClusters';
import { transformUmap } from './transformUmap';
import { centroidAccuracy, neighbourMajorityAccuracy } from './testMetrics';

const data = syntheticClusters({ n: 600, clusters: 6, dim: 64, seed: 1 });

describe('fitUmap', () => {
  it('is seeded: the same input and seed give the same layout, another seed a different one', () => {
    const params = { nEpochs: 60, seed: 7 };
    const a = fitUmap(data.vectors, 64, params);
    const b = fitUmap(data.vectors, 64, params);
    const c = fitUmap(data.vectors, 64, { ...params, seed: 8 });
    expect(Array.from(b.embedding)).toEqual(Array.from(a.embedding));
    expect(Array.from(c.embedding)).not.toEqual(Array.from(a.embedding));
  });

  // A random layout keeps about k / n = 0.025 of the 15-NN; UMAP keeps ~0.8 of these sheets' neighbourhoods.
  for (const [nComponents, metric, init] of [
    [2, 'cosine', 'spectral'],
    [10, 'cosine', 'spectral'],
    [2, 'euclidean', 'random'],
  ] as const) {
    it(`keeps clusters apart and neighbourhoods together (${nComponents}-D, ${metric}, ${init} init)`, () => {
      const model = fitUmap(data.vectors, 64, { nComponents, metric, init, nEpochs: 150, seed: 3 });
      expect(model.embedding).toHaveLength(600 * nComponents);
      // Random init may split a cluster into pieces (a known UMAP trait), which a centroid classifier punishes.
      if (init === 'spectral')
        expect(centroidAccuracy(model.embedding, nComponents, data.labels)).toBeGreaterThan(0.95);
      expect(neighbourMajorityAccuracy(model.embedding, nComponents, data.labels)).toBeGreaterThan(0.95);
      const reference = exactKnn(data.vectors, data.vectors, 64, 15, { metric, excludeSelf: true });
      expect(neighbourPreservation(reference, model.embedding, nComponents)).toBeGreaterThan(0.6);
    });
  }

  it('uses precomputed neighbours (only the first nNeighbors - 1 columns) exactly as its own search', () => {
    const knn = exactKnn(data.vectors, data.vectors, 64, 25, { excludeSelf: true });
    const own = fitUmap(data.vectors, 64, { nEpochs: 30 });
    const given = fitUmap(data.vectors, 64, { nEpochs: 30 }, { knn });
    expect(Array.from(given.embedding)).toEqual(Array.from(own.embedding));
  });

  it('keeps a reference to the training vectors and records the parameters used, nNeighbors clamped to n', () => {
    const few = data.vectors.slice(0, 10 * 64);
    const model = fitUmap(few, 64, { nNeighbors: 50, nEpochs: 20 });
    expect(model.vectors).toBe(few);
    expect(model.params.nNeighbors).toBe(10);
    expect(model.params.nEpochs).toBe(20);
    expect(model.params.minDist).toBe(0.1);
    expect(model.timings.epochs).toBe(20);
    expect(Array.from(model.embedding).every(Number.isFinite)).toBe(true);
  });

  it('fits tiny inputs (2 to 5 points, even with more layout dimensions than points) and transforms into them', () => {
    for (const n of [2, 3, 5]) {
      const v = data.vectors.slice(0, n * 64);
      for (const nComponents of [1, 2, 10]) {
        const model = fitUmap(v, 64, { nComponents, nEpochs: 30 });
        expect(Array.from(model.embedding).every(Number.isFinite)).toBe(true);
        expect(Array.from(transformUmap(model, v.subarray(0, 64))).every(Number.isFinite)).toBe(true);
      }
    }
  });

  it('lays out piles of identical vectors and zero vectors without NaN, each pile together', () => {
    const dim = 32;
    const n = 400;
    const v = syntheticClusters({ n, clusters: 4, dim, seed: 5 }).vectors;
    for (let i = 0; i < 150; i++) v.copyWithin(i * 2 * dim, 0, dim); // 150 copies of row 0 (every even row < 300)
    v.fill(0, 300 * dim, 330 * dim); // 30 zero vectors
    for (const metric of ['cosine', 'euclidean'] as const) {
      const model = fitUmap(v, dim, { metric, nEpochs: 80 });
      expect(Array.from(model.embedding).every(Number.isFinite)).toBe(true);
      // The copies sit closer together than the layout's typical spread.
      const spread = Math.max(...model.embedding) - Math.min(...model.embedding);
      let maxGap = 0;
      for (let i = 2; i < 300; i += 2)
        maxGap = Math.max(
          maxGap,
          Math.hypot(model.embedding[i * 2]! - model.embedding[0]!, model.embedding[i * 2 + 1]! - model.embedding[1]!),
        );
      expect(maxGap).toBeLessThan(spread / 4);
    }
  });

  it('rejects bad input with typed errors naming the parameter or row', () => {
    const code = (f: () => unknown) => thrownCode(f, UmapParamError);
    const v = data.vectors.slice(0, 50 * 64);
    const bad = v.slice();
    bad[7 * 64 + 3] = NaN;
    expect(code(() => fitUmap(bad, 64))).toMatch(/^INVALID_VECTORS.*row 7.*column 3/);
    expect(code(() => fitUmap(v, 60))).toMatch(/^INVALID_VECTORS.*multiple of dim/);
    expect(code(() => fitUmap(v, 0))).toMatch(/^INVALID_DIM/);
    expect(code(() => fitUmap(v.slice(0, 64), 64))).toMatch(/^TOO_FEW_POINTS/);
    expect(code(() => fitUmap(v, 64, { nNeighbors: 1 }))).toMatch(/^INVALID_PARAM.*nNeighbors/);
    expect(code(() => fitUmap(v, 64, { minDist: 2 }))).toMatch(/^INVALID_PARAM.*minDist/);
    expect(code(() => fitUmap(v, 64, { nComponents: 0 }))).toMatch(/^INVALID_PARAM.*nComponents/);
    expect(code(() => fitUmap(v, 64, { setOpMixRatio: 1.5 }))).toMatch(/^INVALID_PARAM.*setOpMixRatio/);
    expect(code(() => fitUmap(v, 64, { seed: 0.5 }))).toMatch(/^INVALID_PARAM.*seed/);
    const knn = exactKnn(v, v, 64, 14, { excludeSelf: true });
    expect(code(() => fitUmap(v, 64, { nNeighbors: 20 }, { knn }))).toMatch(/^INVALID_KNN.*knn.k \(14\)/);
    const withSelf = { ...knn, indices: knn.indices.slice() };
    withSelf.indices[3 * 14] = 3;
    expect(code(() => fitUmap(v, 64, {}, { knn: withSelf }))).toMatch(/^INVALID_KNN.*row 3 lists the point itself/);
    const unsorted = { ...knn, distances: knn.distances.slice() };
    unsorted.distances[5 * 14 + 2] = 99;
    expect(code(() => fitUmap(v, 64, {}, { knn: unsorted }))).toMatch(/^INVALID_KNN.*row 5 column 3/);
    expect(code(() => fitUmap(v, 64, {}, { initial: new Float32Array(7) }))).toMatch(/^INVALID_INITIAL/);
  });
});
