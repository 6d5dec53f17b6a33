import { thrownCode } from '../testing/thrownCode';
import { describe, expect, it } from 'vitest';
import { exactKnn } from '../knn';
import { UmapParamError } from './errors';
import { fitUmap } from './fitUmap';
import { syntheticClusters } from './syntheticClusters';
import { labelCentroids, nearestCentroidAccuracy } from './testMetrics';
import { transformUmap } from './transformUmap';

const dim = 64;
const all = syntheticClusters({ n: 720, clusters: 6, dim, seed: 11 });
const nTrain = 600;
const train = all.vectors.slice(0, nTrain * dim);
const trainLabels = all.labels.slice(0, nTrain);
const held = all.vectors.slice(nTrain * dim);
const heldLabels = all.labels.slice(nTrain);

/** Fraction of new points whose 10 nearest training points in the layout are mostly of their cluster. */
function landsWithCluster(model: { embedding: Float32Array; nComponents: number }, placed: Float32Array): number {
  const dims = model.nComponents;
  const knn = exactKnn(placed, model.embedding, dims, 10, { metric: 'euclidean' });
  let ok = 0;
  for (let i = 0; i < heldLabels.length; i++) {
    let same = 0;
    for (let j = 0; j < 10; j++) if (trainLabels[knn.indices[i * 10 + j]!] === heldLabels[i]) same++;
    if (same > 5) ok++;
  }
  return ok / heldLabels.length;
}

describe('transformUmap', () => {
  for (const nComponents of [2, 10]) {
    it(`lands held-out points of a known cluster with that cluster (${nComponents}-D)`, () => {
      const model = fitUmap(train, dim, { nComponents, nEpochs: 120, seed: 2 });
      const placed = transformUmap(model, held);
      expect(placed).toHaveLength(heldLabels.length * nComponents);
      expect(
        nearestCentroidAccuracy(
          placed,
          nComponents,
          heldLabels,
          labelCentroids(model.embedding, nComponents, trainLabels),
        ),
      ).toBeGreaterThanOrEqual(0.95);
      expect(landsWithCluster(model, placed)).toBeGreaterThanOrEqual(0.95);
    });
  }

  const model = fitUmap(train, dim, { nEpochs: 60, seed: 4 });

  it('does not move the training points and is deterministic', () => {
    const before = model.embedding.slice();
    const a = transformUmap(model, held);
    const b = transformUmap(model, held);
    expect(Array.from(model.embedding)).toEqual(Array.from(before));
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('accepts precomputed neighbours among the training vectors', () => {
    const knn = exactKnn(held, train, dim, 20);
    expect(Array.from(transformUmap(model, held, { knn }))).toEqual(Array.from(transformUmap(model, held)));
  });

  it('puts a copy of a training vector next to it and a zero vector somewhere finite', () => {
    const copies = train.slice(5 * dim, 6 * dim);
    const [x, y] = transformUmap(model, copies);
    const spread = Math.max(...model.embedding) - Math.min(...model.embedding);
    expect(Math.hypot(x! - model.embedding[10]!, y! - model.embedding[11]!)).toBeLessThan(spread / 10);
    expect(Array.from(transformUmap(model, new Float32Array(dim))).every(Number.isFinite)).toBe(true);
  });

  it('returns an empty layout for no new points and rejects bad input with typed errors', () => {
    expect(transformUmap(model, new Float32Array(0))).toHaveLength(0);
    const code = (f: () => unknown) => thrownCode(f, UmapParamError);
    expect(code(() => transformUmap(model, new Float32Array(dim + 1)))).toMatch(/^INVALID_VECTORS.*multiple of dim/);
    const bad = held.slice(0, 3 * dim);
    bad[2 * dim] = Infinity;
    expect(code(() => transformUmap(model, bad))).toMatch(/^INVALID_VECTORS.*newVectors row 2/);
    expect(code(() => transformUmap({ ...model, embedding: new Float32Array(3) }, held))).toMatch(
      /^INVALID_MODEL.*embedding/,
    );
    expect(code(() => transformUmap(model, held, { knn: exactKnn(held, train, dim, 5) }))).toMatch(/^INVALID_KNN/);
  });
});
