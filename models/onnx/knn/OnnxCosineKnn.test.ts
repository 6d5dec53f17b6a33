import { describe, expect, it } from 'vitest';
import { Lcg32 } from '../../random';
import { OnnxCosineKnn } from './OnnxCosineKnn';

function lcg(seed: number): () => number {
  const rng = Lcg32.numericalRecipes(seed);
  return () => rng.next() - 0.5;
}

/** Cosine distances of one query to every data row, computed the plain way. */
function naiveDistances(q: Float32Array, data: Float32Array, dim: number): number[] {
  const n = data.length / dim;
  const nq = Math.hypot(...q);
  return Array.from({ length: n }, (_, i) => {
    const row = data.subarray(i * dim, (i + 1) * dim);
    const nd = Math.hypot(...row);
    if (nq === 0 || nd === 0) return 1;
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += q[j]! * row[j]!;
    return Math.max(0, 1 - dot / (nq * nd));
  });
}

describe('OnnxCosineKnn', () => {
  const dim = 16;
  const n = 300;
  const rand = lcg(7);
  const data = new Float32Array(n * dim).map(() => rand());
  // Rows 10..19 are copies of row 5 (exact duplicates), row 20 is a zero vector.
  for (let i = 10; i < 20; i++) data.copyWithin(i * dim, 5 * dim, 6 * dim);
  data.fill(0, 20 * dim, 21 * dim);

  it('finds the same neighbours and distances as a naive cosine search', async () => {
    const k = 12;
    const knn = await OnnxCosineKnn.create(data, dim, k, { rowsPerRun: 64 });
    const queries = data.slice(0, 40 * dim);
    const graph = await knn.search(queries);
    knn.close();
    expect(graph.n).toBe(40);
    expect(graph.k).toBe(k);
    for (let r = 0; r < 40; r++) {
      const expected = naiveDistances(queries.subarray(r * dim, (r + 1) * dim), data, dim)
        .sort((a, b) => a - b)
        .slice(0, k);
      const got = Array.from(graph.distances.subarray(r * k, (r + 1) * k));
      for (let j = 0; j < k; j++) expect(got[j]).toBeCloseTo(expected[j]!, 5);
      for (let j = 0; j < k; j++) {
        const id = graph.indices[r * k + j]!;
        const d = naiveDistances(
          queries.subarray(r * dim, (r + 1) * dim),
          data.subarray(id * dim, (id + 1) * dim),
          dim,
        )[0]!;
        expect(d).toBeCloseTo(got[j]!, 5);
      }
    }
  });

  it('leaves each row itself out of its own neighbours but keeps its exact duplicates at distance 0', async () => {
    const k = 6;
    const knn = await OnnxCosineKnn.create(data, dim, k + 1);
    const graph = await knn.selfNeighbours();
    knn.close();
    knn.close(); // a second close is harmless
    expect(graph.k).toBe(k);
    for (let i = 0; i < n; i++) expect(Array.from(graph.indices.subarray(i * k, (i + 1) * k))).not.toContain(i);
    // Row 5 has ten identical copies: its 6 neighbours are copies, all at distance ~0.
    const row5 = Array.from(graph.indices.subarray(5 * k, 6 * k));
    for (const id of row5) expect(id >= 10 && id < 20).toBe(true);
    for (const d of graph.distances.subarray(5 * k, 6 * k)) expect(d).toBe(0);
    // The zero vector is at distance 1 from everything.
    for (const d of graph.distances.subarray(20 * k, 21 * k)) expect(d).toBeCloseTo(1, 6);
  });

  it('refuses data with a non-finite value, naming the row', async () => {
    const bad = data.slice();
    bad[3 * dim + 2] = Number.NaN;
    await expect(OnnxCosineKnn.create(bad, dim, 5)).rejects.toThrow(/row 3/);
  });
});
