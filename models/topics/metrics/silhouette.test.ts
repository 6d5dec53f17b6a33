import { describe, expect, it } from 'vitest';
import { MetricsInputError } from './errors';
import { Mulberry32, sampleWithoutReplacement, SplitMix32 } from '../../random';
import { clusterSilhouettes, silhouetteSamples } from './silhouette';

/** mulberry32 + Box-Muller: seeded test data. */
function gaussianSource(seed: number) {
  const rng = new Mulberry32(seed);
  return { uniform: rng.toFunction(), gauss: () => rng.normalOnce() };
}

/** The textbook definition, pair by pair, written independently of the implementation. */
function naiveSilhouettes(points: Float64Array, dims: number, labels: Int32Array): number[] {
  const n = labels.length;
  const dist = (i: number, j: number) =>
    Math.sqrt(
      Array.from({ length: dims }, (_, t) => (points[i * dims + t]! - points[j * dims + t]!) ** 2).reduce(
        (x, y) => x + y,
        0,
      ),
    );
  const clusters = [...new Set(Array.from(labels).filter((l) => l >= 0))];
  return Array.from({ length: n }, (_, i) => {
    const li = labels[i]!;
    if (li < 0 || clusters.length < 2) return NaN;
    const meanTo = (c: number) => {
      const others = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i && labels[j] === c);
      return others.reduce((s, j) => s + dist(i, j), 0) / others.length;
    };
    if (labels.filter((l) => l === li).length === 1) return 0;
    const a = meanTo(li);
    const b = Math.min(...clusters.filter((c) => c !== li).map(meanTo));
    return Math.max(a, b) === 0 ? 0 : (b - a) / Math.max(a, b);
  });
}

function randomClustering(n: number, dims: number, k: number, seed: number) {
  const { uniform, gauss } = gaussianSource(seed);
  const labels = Int32Array.from({ length: n }, () => (uniform() < 0.15 ? -1 : Math.floor(uniform() * k) * 3));
  const points = new Float64Array(n * dims);
  labels.forEach((l, i) => {
    for (let d = 0; d < dims; d++) points[i * dims + d] = (l < 0 ? 0 : (l / 3) * (d % 2 === 0 ? 2 : -1)) + gauss();
  });
  return { points, labels };
}

describe('silhouetteSamples', () => {
  it('gives the hand-computed values of two clusters on a line, a singleton 0 and noise NaN', () => {
    // 0,1 | 4,6 | 20 alone | 100 noise. For 0: a = 1, b = (4 + 6) / 2 = 5, s = 4/5; for 6: a = 2, b = 11/2, s = 7/11.
    const s = silhouetteSamples(Float64Array.of(0, 1, 4, 6, 20, 100), 1, Int32Array.of(0, 0, 1, 1, 2, -1));
    const expected = [0.8, 0.75, 3 / 7, 7 / 11, 0];
    expected.forEach((v, i) => expect(s[i]).toBeCloseTo(v, 14));
    expect(s[5]).toBeNaN();
  });

  it('is undefined (NaN) for every point with fewer than two clusters', () => {
    const s = silhouetteSamples(Float64Array.of(0, 1, 2, 50), 1, Int32Array.of(4, 4, 4, -1));
    expect(Array.from(s).every(Number.isNaN)).toBe(true);
  });

  it('matches a naive pair-by-pair implementation (sparse label ids, noise, several dims)', () => {
    for (const [n, dims, k, seed] of [
      [120, 3, 4, 1],
      [200, 11, 7, 2],
      [60, 1, 2, 3],
    ] as const) {
      const { points, labels } = randomClustering(n, dims, k, seed);
      const got = silhouetteSamples(points, dims, labels);
      const want = naiveSilhouettes(points, dims, labels);
      want.forEach((w, i) => (Number.isNaN(w) ? expect(got[i]).toBeNaN() : expect(got[i]).toBeCloseTo(w, 12)));
    }
  });

  it('treats identical points as distance 0 (a cluster of copies scores 1 against a distant one)', () => {
    const s = silhouetteSamples(Float64Array.of(0.1 + 0.2, 0.1 + 0.2, 0.3, 7, 7), 1, Int32Array.of(0, 0, 0, 1, 1));
    // 0.1 + 0.2 !== 0.3 in floating point, so the first point's a is tiny but not 0.
    expect(s[3]).toBe(1);
    expect(s[4]).toBe(1);
    expect(s[0]).toBeGreaterThan(0.999);
  });

  it('estimates from a seeded sample per cluster: close to exact, reproducible, and exact when no cluster exceeds the cap', () => {
    const { points, labels } = randomClustering(1500, 4, 3, 7);
    const exact = silhouetteSamples(points, 4, labels);
    const sampled = silhouetteSamples(points, 4, labels, { maxPointsPerCluster: 60, seed: 5 });
    let maxErr = 0;
    let sumErr = 0;
    let count = 0;
    labels.forEach((l, i) => {
      if (l < 0) return expect(sampled[i]).toBeNaN();
      const e = Math.abs(sampled[i]! - exact[i]!);
      maxErr = Math.max(maxErr, e);
      sumErr += e;
      count++;
    });
    // 60 of ~500 points per cluster: a sampled mean distance is off by about 1/8 of the distances' spread.
    expect(sumErr / count).toBeLessThan(0.05);
    expect(maxErr).toBeLessThan(0.2);
    expect(maxErr).toBeGreaterThan(0); // it did sample
    expect(silhouetteSamples(points, 4, labels, { maxPointsPerCluster: 60, seed: 5 })).toEqual(sampled);
    expect(silhouetteSamples(points, 4, labels, { maxPointsPerCluster: 60, seed: 6 })).not.toEqual(sampled);
    expect(silhouetteSamples(points, 4, labels, { maxPointsPerCluster: 2000 })).toEqual(exact);
  });

  it('estimates exactly the textbook formula over the chosen samples (white box: the same draws as the implementation)', () => {
    const { points, labels } = randomClustering(700, 3, 3, 8);
    const cap = 40;
    // Clusters in order of first appearance, rows ascending, one generator for all: how silhouette.ts draws.
    const uniform = SplitMix32.fromSeed(9);
    const order = [...new Set(Array.from(labels).filter((l) => l >= 0))];
    const sample = new Map(
      order.map((c) => [
        c,
        sampleWithoutReplacement(
          Array.from(labels.keys()).filter((i) => labels[i] === c),
          cap,
          uniform,
        ),
      ]),
    );
    const dist = (i: number, j: number) => Math.hypot(...[0, 1, 2].map((t) => points[i * 3 + t]! - points[j * 3 + t]!));
    const meanTo = (i: number, c: number) => {
      const refs = Array.from(sample.get(c)!).filter((j) => j !== i);
      return refs.reduce((acc, j) => acc + dist(i, j), 0) / refs.length;
    };
    const got = silhouetteSamples(points, 3, labels, { maxPointsPerCluster: cap, seed: 9 });
    labels.forEach((l, i) => {
      if (l < 0) return;
      const a = meanTo(i, l);
      const b = Math.min(...order.filter((c) => c !== l).map((c) => meanTo(i, c)));
      expect(got[i]).toBeCloseTo((b - a) / Math.max(a, b), 12);
    });
  });

  it('refuses bad input with a typed error naming the row or option', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(MetricsInputError);
        return (e as MetricsInputError).message;
      }
      throw new Error('expected a throw');
    };
    expect(err(() => silhouetteSamples(Float64Array.of(0, 1, 2), 2, Int32Array.of(0, 1)))).toMatch(/labels.length/);
    expect(err(() => silhouetteSamples(Float64Array.of(0, 1, NaN, 2), 1, Int32Array.of(0, 0, 1, 1)))).toMatch(/row 2/);
    expect(err(() => silhouetteSamples(Float64Array.of(0, 1), 1, Int32Array.of(0, -2)))).toMatch(/labels\[1\]/);
    expect(
      err(() => silhouetteSamples(Float64Array.of(0, 1), 1, Int32Array.of(0, 1), { maxPointsPerCluster: 1 })),
    ).toMatch(/maxPointsPerCluster/);
  });
});

describe('clusterSilhouettes', () => {
  it('averages per cluster and over the non-noise points', () => {
    const samples = Float64Array.of(0.8, 0.75, 3 / 7, 7 / 11, NaN);
    const labels = Int32Array.of(0, 0, 1, 1, -1);
    const { perCluster, overall } = clusterSilhouettes(samples, labels, 3);
    expect(perCluster[0]).toBeCloseTo(0.775, 14);
    expect(perCluster[1]).toBeCloseTo((3 / 7 + 7 / 11) / 2, 14);
    expect(perCluster[2]).toBeNaN();
    expect(overall).toBeCloseTo((0.8 + 0.75 + 3 / 7 + 7 / 11) / 4, 14);
    expect(clusterSilhouettes(Float64Array.of(NaN), Int32Array.of(-1), 0).overall).toBeNaN();
    expect(() => clusterSilhouettes(samples, Int32Array.of(0, 0, 1, 3, -1), 3)).toThrow(/labels\[3\]/);
  });
});
