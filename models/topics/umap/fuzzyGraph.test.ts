import { describe, expect, it } from 'vitest';
import { exactKnn } from '../knn';
import { fuzzyUnion } from './fuzzyUnion';
import { Xoshiro128StarStar } from '../../random';
import { membershipStrengths, smoothKnnDistances } from './smoothKnnDistances';
import type { SparseGraph } from './SparseGraph';

function randomRows(n: number, dim: number, seed: number): Float32Array {
  const r = new Xoshiro128StarStar(seed);
  return Float32Array.from({ length: n * dim }, () => r.normalFromComplement());
}

function dense(g: SparseGraph): number[][] {
  const m = Array.from({ length: g.rows }, () => new Array<number>(g.cols).fill(0));
  for (let i = 0; i < g.rows; i++)
    for (let e = g.rowPtr[i]!; e < g.rowPtr[i + 1]!; e++) m[i]![g.colIndex[e]!]! += g.weights[e]!;
  return m;
}

describe('smoothKnnDistances', () => {
  const n = 120;
  const k = 14;
  const v = randomRows(n, 8, 1);
  const knn = exactKnn(v, v, 8, k, { excludeSelf: true, metric: 'euclidean' });

  it('finds sigma so that each row sums to log2(nNeighbors), with the nearest neighbour fully connected', () => {
    const smooth = smoothKnnDistances(knn.distances, n, k, { nNeighbors: k + 1, localConnectivity: 1, skipColumns: 0 });
    const w = membershipStrengths(knn.distances, n, k, smooth);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < k; j++) sum += w[i * k + j]!;
      expect(sum).toBeCloseTo(Math.log2(k + 1), 3);
      expect(smooth.rhos[i]).toBe(knn.distances[i * k]);
      expect(w[i * k]).toBe(1);
      expect(w[i * k + 1]).toBeLessThan(1);
    }
  });

  it('interpolates rho for fractional local connectivity and uses no rho at 0', () => {
    const half = smoothKnnDistances(knn.distances, n, k, { nNeighbors: k + 1, localConnectivity: 1.5, skipColumns: 0 });
    const none = smoothKnnDistances(knn.distances, n, k, { nNeighbors: k + 1, localConnectivity: 0, skipColumns: 0 });
    for (let i = 0; i < n; i++) {
      expect(half.rhos[i]).toBeCloseTo((knn.distances[i * k]! + knn.distances[i * k + 1]!) / 2, 5);
      expect(none.rhos[i]).toBe(0);
    }
  });

  it('gives rows of exact duplicates a finite positive sigma (floored) and weight 1 to the duplicates', () => {
    // Row 0: ten neighbours at distance 0, then real ones; row 1: all zero (a pile of identical messages).
    const d = Float32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 0.6, 0.7, 0.8, ...new Array<number>(14).fill(0)]);
    const smooth = smoothKnnDistances(d, 2, 14, { nNeighbors: 15, localConnectivity: 1, skipColumns: 0 });
    const w = membershipStrengths(d, 2, 14, smooth);
    expect(smooth.rhos[0]).toBeCloseTo(0.5, 6);
    expect(smooth.sigmas[0]).toBeGreaterThan(0);
    expect(Array.from(w).every((x) => Number.isFinite(x) && x >= 0 && x <= 1)).toBe(true);
    expect(Array.from(w.subarray(0, 11))).toEqual(new Array<number>(11).fill(1));
    expect(Array.from(w.subarray(14))).toEqual(new Array<number>(14).fill(1));
  });
});

describe('fuzzyUnion', () => {
  const n = 60;
  const k = 6;
  const v = randomRows(n, 5, 2);
  const knn = exactKnn(v, v, 5, k, { excludeSelf: true });
  const smooth = smoothKnnDistances(knn.distances, n, k, { nNeighbors: k + 1, localConnectivity: 1, skipColumns: 0 });
  const w = membershipStrengths(knn.distances, n, k, smooth);
  const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) a[i]![knn.indices[i * k + j]!] = w[i * k + j]!;

  for (const mix of [1, 0, 0.3]) {
    it(`equals mix (A + A^T - A o A^T) + (1 - mix) A o A^T on the dense matrix (mix ${mix})`, () => {
      const got = dense(fuzzyUnion(n, k, knn.indices, w, mix));
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const x = a[i]![j]!;
          const y = a[j]![i]!;
          expect(got[i]![j]).toBeCloseTo(mix * (x + y - x * y) + (1 - mix) * x * y, 6);
        }
      }
    });
  }

  it('stores a symmetric graph without zero weights or self loops', () => {
    const g = fuzzyUnion(n, k, knn.indices, w, 1);
    const m = dense(g);
    for (let i = 0; i < n; i++) {
      expect(m[i]![i]).toBe(0);
      for (let j = 0; j < n; j++) expect(m[i]![j]).toBe(m[j]![i]);
    }
    expect(Array.from(g.weights).every((x) => x > 0)).toBe(true);
  });
});
