import { thrownCode } from '../testing/thrownCode';
import { describe, expect, it } from 'vitest';
import { Mulberry32 } from '../../random';
import { KnnParamError } from './errors';
import { exactKnn } from './exactKnn';
import type { KnnGraph, KnnMetric } from './KnnGraph';

/** Deterministic standard normals (mulberry32 + Box-Muller) so failures reproduce. */
function gaussian(count: number, seed: number): Float32Array {
  const rng = new Mulberry32(seed);
  return Float32Array.from({ length: count }, () => rng.normalOnce());
}

/** The obvious O(m n dim) search: every distance, full sort by (distance, index). */
function naiveKnn(
  q: Float32Array,
  d: Float32Array,
  dim: number,
  k: number,
  metric: KnnMetric,
  excludeSelf: boolean,
): KnnGraph {
  const m = q.length / dim;
  const n = d.length / dim;
  const row = (a: Float32Array, r: number) => Array.from(a.subarray(r * dim, (r + 1) * dim));
  const unit = (v: number[]) => {
    const norm = Math.hypot(...v);
    return norm === 0 ? null : v.map((x) => x / norm);
  };
  const dist = (a: number[], b: number[]) => {
    if (metric === 'euclidean') return Math.sqrt(a.reduce((s, x, t) => s + (x - b[t]!) ** 2, 0));
    const ua = unit(a);
    const ub = unit(b);
    if (!ua || !ub) return 1;
    return ua.reduce((s, x, t) => s + (x - ub[t]!) ** 2, 0) / 2;
  };
  const indices = new Int32Array(m * k);
  const distances = new Float32Array(m * k);
  for (let i = 0; i < m; i++) {
    const all = [];
    for (let j = 0; j < n; j++) if (!(excludeSelf && i === j)) all.push({ j, d: dist(row(q, i), row(d, j)) });
    all.sort((x, y) => x.d - y.d || x.j - y.j);
    all.slice(0, k).forEach((c, t) => {
      indices[i * k + t] = c.j;
      distances[i * k + t] = c.d;
    });
  }
  return { n: m, k, indices, distances };
}

/** Same neighbours, allowing a swap only between candidates at (numerically) equal distance. */
function expectSameGraph(got: KnnGraph, want: KnnGraph): void {
  expect([got.n, got.k]).toEqual([want.n, want.k]);
  for (let e = 0; e < want.indices.length; e++) {
    expect(got.distances[e]).toBeCloseTo(want.distances[e]!, 5);
    if (got.indices[e] !== want.indices[e]) expect(Math.abs(got.distances[e]! - want.distances[e]!)).toBeLessThan(1e-9);
  }
}

describe('exactKnn', () => {
  const dim = 20;
  const data = gaussian(203 * dim, 1);
  const queries = gaussian(37 * dim, 2);

  for (const metric of ['cosine', 'euclidean'] as const) {
    it(`equals a naive search (${metric}, separate queries)`, () => {
      expectSameGraph(exactKnn(queries, data, dim, 9, { metric }), naiveKnn(queries, data, dim, 9, metric, false));
    });

    it(`equals a naive search (${metric}, self kNN with and without the point itself)`, () => {
      expectSameGraph(
        exactKnn(data, data, dim, 12, { metric, excludeSelf: true }),
        naiveKnn(data, data, dim, 12, metric, true),
      );
      expectSameGraph(exactKnn(data, data, dim, 12, { metric }), naiveKnn(data, data, dim, 12, metric, false));
    });
  }

  it('gives the same lists whether the data is passed once (symmetric scan) or as a copy, across cache tiles', () => {
    const big = gaussian(600 * 256, 3); // 256-d: tiles of 256 rows, so several tiles and blocks
    const a = exactKnn(big, big, 256, 10, { excludeSelf: true });
    const b = exactKnn(big.slice(), big, 256, 10, { excludeSelf: true });
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    for (let e = 0; e < a.distances.length; e++) expect(a.distances[e]).toBeCloseTo(b.distances[e]!, 6);
  });

  it('lists exact duplicates (and scaled copies, for cosine) at distance 0 but never the row itself', () => {
    const rows = gaussian(30 * dim, 4);
    for (const c of [3, 7, 11, 12]) rows.copyWithin(c * dim, 3 * dim, 4 * dim); // rows 3, 7, 11, 12 identical
    for (let t = 0; t < dim; t++) rows[20 * dim + t] = 2 * rows[3 * dim + t]!; // row 20 = 2 x row 3
    const cos = exactKnn(rows, rows, dim, 6, { excludeSelf: true });
    expect(Array.from(cos.indices.subarray(7 * 6, 7 * 6 + 4))).toEqual([3, 11, 12, 20]);
    expect(Array.from(cos.distances.subarray(7 * 6, 7 * 6 + 4))).toEqual([0, 0, 0, 0]);
    expect(cos.distances[7 * 6 + 4]).toBeGreaterThan(0);
    const euc = exactKnn(rows, rows, dim, 6, { metric: 'euclidean', excludeSelf: true });
    expect(Array.from(euc.indices.subarray(12 * 6, 12 * 6 + 3))).toEqual([3, 7, 11]);
    expect(Array.from(euc.distances.subarray(12 * 6, 12 * 6 + 3))).toEqual([0, 0, 0]);
    for (let i = 0; i < 30; i++) {
      expect(Array.from(cos.indices.subarray(i * 6, i * 6 + 6))).not.toContain(i);
      expect(Array.from(euc.indices.subarray(i * 6, i * 6 + 6))).not.toContain(i);
    }
    const withSelf = exactKnn(rows, rows, dim, 1);
    expect(withSelf.distances.every((x) => x === 0)).toBe(true);
  });

  it('puts zero vectors at cosine distance 1 from everything, other zero vectors and itself included', () => {
    const rows = gaussian(12 * 4, 5);
    rows.fill(0, 2 * 4, 4 * 4); // rows 2 and 3 are zero
    const g = exactKnn(rows, rows, 4, 11, { excludeSelf: true });
    for (const z of [2, 3])
      expect(Array.from(g.distances.subarray(z * 11, z * 11 + 11)).every((x) => x === 1)).toBe(true);
    const self = exactKnn(rows, rows, 4, 12);
    expect(Array.from(self.distances.subarray(2 * 12, 3 * 12)).every((x) => x === 1)).toBe(true);
    expect(Array.from(g.distances).every(Number.isFinite)).toBe(true);
  });

  it('rejects bad input with typed errors naming the parameter or row', () => {
    const code = (f: () => unknown) => thrownCode(f, KnnParamError);
    expect(code(() => exactKnn(data, data, dim, 203, { excludeSelf: true }))).toMatch(/^INVALID_K/);
    expect(code(() => exactKnn(queries, data, dim, 204))).toMatch(/^INVALID_K/);
    expect(code(() => exactKnn(queries, data, dim, 0))).toMatch(/^INVALID_K/);
    expect(code(() => exactKnn(queries, data, 7, 3))).toMatch(/^INVALID_VECTORS.*multiple of dim/);
    expect(code(() => exactKnn(queries, data, 0, 3))).toMatch(/^INVALID_DIM/);
    expect(code(() => exactKnn(queries, data, dim, 3, { excludeSelf: true }))).toMatch(/^INVALID_EXCLUDE_SELF/);
    expect(code(() => exactKnn(queries, data, dim, 3, { metric: 'manhattan' as KnnMetric }))).toMatch(
      /^INVALID_METRIC/,
    );
    const bad = data.slice();
    bad[5 * dim + 2] = NaN;
    expect(code(() => exactKnn(queries, bad, dim, 3))).toMatch(/^INVALID_VECTORS.*data row 5/);
  });
});
