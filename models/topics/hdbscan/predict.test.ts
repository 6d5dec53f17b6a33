import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hdbscan, type HdbscanParams } from './hdbscan';
import { approximatePredict, hdbscanPredictionData, leaveOneOutPredict, type HdbscanPredictionData } from './predict';
import { HdbscanPredictError } from './predictErrors';
import { Mulberry32 } from '../../random';

interface FixtureCase {
  id: string;
  implementation: string;
  error?: string;
  params: {
    min_cluster_size: number;
    min_samples: number;
    cluster_selection_method: 'eom' | 'leaf';
    cluster_selection_epsilon: number;
    allow_single_cluster: boolean;
  };
}
interface Fixture {
  n_points: number;
  n_dims: number;
  points: number[][];
  true_labels: number[];
  cases: FixtureCase[];
}
const load = (name: string): Fixture =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/hdbscan/${name}.json`, import.meta.url), 'utf8')) as Fixture;
const toParams = (p: FixtureCase['params']): HdbscanParams => ({
  minClusterSize: p.min_cluster_size,
  minSamples: p.min_samples,
  clusterSelectionMethod: p.cluster_selection_method,
  clusterSelectionEpsilon: p.cluster_selection_epsilon,
  allowSingleCluster: p.allow_single_cluster,
});

/** Test data generator (mulberry32 + Box-Muller): seeded, so every run sees the same points. */
function gaussianSource(seed: number) {
  const rng = new Mulberry32(seed);
  return () => rng.normalOnce();
}

/** `perBlob` points around each centre (sd `sd`), row-major, with the blob of each row. */
function blobs(centres: number[][], perBlob: number, sd: number, seed: number) {
  const gauss = gaussianSource(seed);
  const dims = centres[0]!.length;
  const points = new Float64Array(centres.length * perBlob * dims);
  const blob = new Int32Array(centres.length * perBlob);
  let r = 0;
  for (let b = 0; b < centres.length; b++) {
    for (let i = 0; i < perBlob; i++, r++) {
      blob[r] = b;
      for (let d = 0; d < dims; d++) points[r * dims + d] = centres[b]![d]! + sd * gauss();
    }
  }
  return { points, blob, dims };
}

/** The fitted label most of a blob's training points got. */
function majorityLabel(labels: Int32Array, blob: Int32Array, b: number): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) if (blob[i] === b) counts.set(labels[i]!, (counts.get(labels[i]!) ?? 0) + 1);
  return [...counts].sort((x, y) => y[1] - x[1])[0]![0];
}

function fitAndData(points: Float64Array, dims: number, params: HdbscanParams) {
  const fit = hdbscan(points, dims, params);
  return { fit, data: hdbscanPredictionData(points, dims, fit, params) };
}

const PRODUCT: HdbscanParams = {
  minClusterSize: 5,
  minSamples: 1,
  clusterSelectionEpsilon: 0.5,
  clusterSelectionMethod: 'eom',
};

describe('approximatePredict on the scikit-learn fixtures', () => {
  for (const name of ['blobs2d', 'duplicates', 'varied_density', 'single_blob']) {
    it(`${name}: training points predict to their own fitted label and probability; left out, to the same label`, () => {
      const fx = load(name);
      const points = Float64Array.from(fx.points.flat());
      let pooledAgree = 0;
      let pooledMembers = 0;
      for (const c of fx.cases.filter((x) => x.implementation.startsWith('sklearn') && x.error === undefined)) {
        const params = toParams(c.params);
        const { fit, data } = fitAndData(points, fx.n_dims, params);

        // Each training point is an exact duplicate of itself, so it takes its own place in the tree.
        const self = approximatePredict(data, points);
        expect(Array.from(self.labels), c.id).toEqual(Array.from(fit.labels));
        expect(Array.from(self.probabilities), c.id).toEqual(Array.from(fit.probabilities));

        // Left out of the search, a point is placed from its neighbours alone: the real test of the placement.
        const loo = leaveOneOutPredict(data);
        let agree = 0;
        let members = 0;
        let noiseKept = 0;
        let noise = 0;
        for (let i = 0; i < fx.n_points; i++) {
          if (fit.labels[i]! >= 0) {
            members++;
            if (loo.labels[i] === fit.labels[i]) agree++;
          } else {
            noise++;
            if (loo.labels[i] === -1) noiseKept++;
          }
        }
        if (members > 0)
          expect(agree / members, `${c.id}: ${agree}/${members}`).toBeGreaterThanOrEqual(
            c.params.min_samples === 1 ? 0.99 : 0.9,
          );
        if (noise > 0) expect(noiseKept / noise, c.id).toBeGreaterThanOrEqual(0.95);
        pooledAgree += agree;
        pooledMembers += members;
      }
      expect(pooledAgree / pooledMembers).toBeGreaterThanOrEqual(0.98);
    });
  }
});

describe('approximatePredict on new points', () => {
  it('places held-out points of known blobs in their blob cluster, and far points in noise (blobs2d)', () => {
    const fx = load('blobs2d');
    const trainRows: number[] = [];
    const testRows: number[] = [];
    fx.points.forEach((_, i) => (i % 5 === 0 ? testRows : trainRows).push(i));
    const gather = (rows: number[]) => Float64Array.from(rows.flatMap((i) => fx.points[i]!));
    const train = gather(trainRows);
    const trainBlob = Int32Array.from(trainRows, (i) => fx.true_labels[i]!);
    const params: HdbscanParams = { minClusterSize: 15, minSamples: 5 };
    const { fit, data } = fitAndData(train, 2, params);
    expect(fit.nClusters).toBe(4);

    const blobTest = testRows.filter((i) => fx.true_labels[i]! >= 0);
    const pred = approximatePredict(data, gather(blobTest));
    let right = 0;
    blobTest.forEach((row, j) => {
      if (pred.labels[j] === majorityLabel(fit.labels, trainBlob, fx.true_labels[row]!)) right++;
    });
    expect(right / blobTest.length).toBeGreaterThanOrEqual(0.95);

    const far = approximatePredict(data, Float64Array.of(100, 100, -60, 4, 5, 400));
    expect(Array.from(far.labels)).toEqual([-1, -1, -1]);
    expect(Array.from(far.probabilities)).toEqual([0, 0, 0]);
  });

  it('with the product parameters (min_samples 1, epsilon 0.5) on 11-d blobs', () => {
    const centres = Array.from({ length: 6 }, (_, b) =>
      Array.from({ length: 11 }, (_, d) => (d === b ? 6 : 0) + (d === 10 ? b : 0)),
    );
    const train = blobs(centres, 60, 0.3, 11);
    const held = blobs(centres, 20, 0.3, 12);
    const { fit, data } = fitAndData(train.points, 11, PRODUCT);
    expect(fit.nClusters).toBeGreaterThanOrEqual(6);
    const pred = approximatePredict(data, held.points);
    let right = 0;
    for (let i = 0; i < held.blob.length; i++)
      if (pred.labels[i] === majorityLabel(fit.labels, train.blob, held.blob[i]!)) right++;
    expect(right / held.blob.length).toBeGreaterThanOrEqual(0.95);
    for (const p of pred.probabilities) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });

  it('finds the same neighbour by tree search (11-d) and brute force (20-d) as a linear scan', () => {
    for (const dims of [11, 20]) {
      const centres = Array.from({ length: 4 }, (_, b) =>
        Array.from({ length: dims }, (_, d) => (d % 4 === b ? 3 : 0)),
      );
      // A sparse blob over dense ones: the nearest training point is often not the nearest in reachability.
      const dense = blobs(centres, 60, 0.3, 21 + dims);
      const sparse = blobs([centres[0]!.map((x) => x + 1)], 60, 2, 41 + dims);
      const train = { points: Float64Array.from([...dense.points, ...sparse.points]) };
      const queries = blobs(centres, 40, 1.2, 31 + dims);
      for (const minSamples of [1, 4, 10]) {
        const { data } = fitAndData(train.points, dims, { minClusterSize: 8, minSamples });
        const pred = approximatePredict(data, queries.points);
        const naive = naivePredict(data, train.points, queries.points);
        expect(Array.from(pred.labels), `dims ${dims}, minSamples ${minSamples}`).toEqual(Array.from(naive.labels));
        expect(Array.from(pred.probabilities)).toEqual(Array.from(naive.probabilities));
      }
    }
  });

  it("gives an exact duplicate of a training point that point's label and probability, even among hundreds of copies", () => {
    const fx = load('duplicates');
    const points = Float64Array.from(fx.points.flat());
    for (const c of fx.cases.filter(
      (x) => x.id === 'sklearn_mcs5_ms5_eom_eps0' || x.id === 'sklearn_mcs5_ms1_eom_eps0.5',
    )) {
      const { fit, data } = fitAndData(points, fx.n_dims, toParams(c.params));
      // One row of each planted group (the duplicate groups included), predicted as three copies each.
      const rows = [...new Set(fx.true_labels)].map((t) => fx.true_labels.indexOf(t));
      const queries = Float64Array.from(rows.flatMap((r) => [...fx.points[r]!, ...fx.points[r]!, ...fx.points[r]!]));
      const pred = approximatePredict(data, queries);
      rows.forEach((r, j) => {
        for (let copy = 0; copy < 3; copy++) {
          expect(pred.labels[3 * j + copy]).toBe(fit.labels[r]);
          expect(pred.probabilities[3 * j + copy]).toBe(fit.probabilities[r]);
        }
      });
    }

    const plusOne = blobs([[0, 0, 0]], 40, 1, 5);
    const withCopies = new Float64Array(plusOne.points.length + 300 * 3);
    withCopies.set(plusOne.points);
    for (let i = 0; i < 300; i++) withCopies.set([8, 8, 8], plusOne.points.length + 3 * i);
    const { fit, data } = fitAndData(withCopies, 3, PRODUCT);
    const copyLabel = fit.labels[40]!;
    expect(copyLabel).toBeGreaterThanOrEqual(0);
    const pred = approximatePredict(data, Float64Array.of(8, 8, 8, 8, 8, 8.001));
    expect(Array.from(pred.labels)).toEqual([copyLabel, copyLabel]);
    expect(pred.probabilities[0]).toBe(1);
    expect(Number.isFinite(pred.probabilities[1]!)).toBe(true);
  });

  it('reproduces a hand-worked 1-D example (see the comment in predict.ts)', () => {
    const train = Float64Array.of(0, 0.1, 0.2, 5, 5.1, 5.2);
    const { fit, data } = fitAndData(train, 1, { minClusterSize: 3, minSamples: 1 });
    const a = fit.labels[0]!;
    const b = fit.labels[3]!;
    expect(new Set([a, b]).size).toBe(2);
    const pred = approximatePredict(data, Float64Array.of(0.15, -1, 2.4, -10, 5.15));
    expect(Array.from(pred.labels)).toEqual([a, a, a, -1, b]);
    const expected = [1, 0.1, 1 / 2.2 / 10, 0, 1];
    expected.forEach((p, i) => expect(pred.probabilities[i]).toBeCloseTo(p, 12));
  });

  it('labels nothing when the fit found no cluster, and predicts through the root when it is the single cluster', () => {
    const fx = load('single_blob');
    const points = Float64Array.from(fx.points.flat());
    const none = fitAndData(points, 2, { minClusterSize: 15, minSamples: 15 });
    expect(none.fit.nClusters).toBe(0);
    expect(Array.from(approximatePredict(none.data, Float64Array.of(5, 5, 5.1, 4.9)).labels)).toEqual([-1, -1]);

    const single = fitAndData(points, 2, {
      minClusterSize: 15,
      minSamples: 5,
      allowSingleCluster: true,
      clusterSelectionEpsilon: 0.5,
    });
    expect(single.fit.nClusters).toBe(1);
    const pred = approximatePredict(single.data, Float64Array.of(5.05, 4.95, 40, 40));
    expect(Array.from(pred.labels)).toEqual([0, -1]);
  });

  it('survives structured cloning (what posting it from a worker does) with identical predictions', () => {
    const { points } = blobs(
      [
        [0, 0],
        [5, 5],
      ],
      50,
      0.5,
      3,
    );
    const { data } = fitAndData(points, 2, PRODUCT);
    const cloned = structuredClone(data) as HdbscanPredictionData;
    const queries = blobs(
      [
        [0, 0],
        [5, 5],
        [2.5, 2.5],
      ],
      10,
      1,
      4,
    ).points;
    expect(approximatePredict(cloned, queries)).toEqual(approximatePredict(data, queries));
  });
});

describe('approximatePredict input errors', () => {
  const { points } = blobs(
    [
      [0, 0],
      [5, 5],
    ],
    20,
    0.5,
    9,
  );
  const { fit, data } = fitAndData(points, 2, PRODUCT);

  const codeOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(HdbscanPredictError);
      return { code: (e as HdbscanPredictError).code, message: (e as Error).message };
    }
    throw new Error('expected a throw');
  };

  it('names the incomplete row when the length is not a multiple of dims', () => {
    const e = codeOf(() => approximatePredict(data, Float64Array.of(1, 2, 3)));
    expect(e.code).toBe('INVALID_POINTS');
    expect(e.message).toMatch(/row 1/);
  });

  it('names the row and column of a NaN or infinite value', () => {
    const e = codeOf(() => approximatePredict(data, Float64Array.of(0, 0, 1, 1, 2, 2, 3, NaN)));
    expect(e.message).toMatch(/row 3, column 1/);
    expect(codeOf(() => approximatePredict(data, Float64Array.of(Infinity, 0))).message).toMatch(/row 0/);
  });

  it('refuses prediction data built from points that do not match the fit', () => {
    expect(codeOf(() => hdbscanPredictionData(points.subarray(2), 2, fit, PRODUCT)).code).toBe('RESULT_MISMATCH');
    expect(codeOf(() => hdbscanPredictionData(points, 0, fit, PRODUCT)).code).toBe('INVALID_DIMS');
    expect(codeOf(() => approximatePredict({ ...data, nPoints: data.nPoints + 1 }, Float64Array.of(0, 0))).code).toBe(
      'INVALID_PREDICTION_DATA',
    );
  });

  it('returns empty arrays for no points', () => {
    const pred = approximatePredict(data, new Float64Array(0));
    expect(pred.labels.length).toBe(0);
    expect(pred.probabilities.length).toBe(0);
  });
});

/**
 * Independent restatement of the placement rules with a linear scan over all training points (original order),
 * used to check the tree search: same neighbour, same cluster, same probability.
 */
function naivePredict(data: HdbscanPredictionData, train: Float64Array, queries: Float64Array) {
  const { dims, nPoints: n } = data;
  const core = new Float64Array(n);
  for (let p = 0; p < n; p++) core[data.search.index[p]!] = data.coreDistances[p]!;
  const m = queries.length / dims;
  const labels = new Int32Array(m).fill(-1);
  const probabilities = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const dist = Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let d = 0; d < dims; d++) s += (queries[i * dims + d]! - train[j * dims + d]!) ** 2;
      return Math.sqrt(s);
    });
    const sorted = [...dist].sort((x, y) => x - y);
    const queryCore = data.minSamples > 1 ? sorted[data.minSamples - 2]! : 0;
    let best = -1;
    for (let j = 0; j < n; j++) {
      const mr = Math.max(core[j]!, queryCore, dist[j]!);
      const bmr = best < 0 ? Infinity : Math.max(core[best]!, queryCore, dist[best]!);
      if (mr < bmr || (mr === bmr && dist[j]! < dist[best]!)) best = j;
    }
    let cluster = data.pointCluster[best]!;
    const lambda = Math.min(1 / Math.max(core[best]!, queryCore, dist[best]!), data.pointLambda[best]!);
    if (lambda < data.pointLambda[best]!)
      while (cluster !== 0 && data.clusterBirthLambda[cluster]! >= lambda) cluster = data.clusterParent[cluster]!;
    const label = data.clusterLabel[cluster]!;
    if (label < 0 || (data.singleClusterLambda !== null && lambda < data.singleClusterLambda)) continue;
    labels[i] = label;
    const death = data.labelDeathLambda[label]!;
    probabilities[i] = death === 0 ? 1 : Math.min(lambda, death) / death;
  }
  return { labels, probabilities };
}
