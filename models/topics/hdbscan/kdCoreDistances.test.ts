import { describe, expect, it } from 'vitest';
import { coreDistances } from './coreDistances';
import { kdNearestNeighbours } from './kdCoreDistances';
import { KdTree } from './KdTree';
import { Mulberry32 } from '../../random';

/** Points on a coarse grid (many equal distances) with some exact copies. */
function gridPoints(n: number, dims: number, seed: number): Float64Array {
  const r = new Mulberry32(seed).toFunction();
  const p = new Float64Array(n * dims);
  for (let i = 0; i < n; i++) {
    const copyOf = i > 0 && r() < 0.2 ? Math.floor(r() * i) : -1;
    for (let d = 0; d < dims; d++) p[i * dims + d] = copyOf >= 0 ? p[copyOf * dims + d]! : Math.round(r() * 6);
  }
  return p;
}

describe('kdNearestNeighbours', () => {
  for (const [n, dims, k] of [
    [300, 2, 12],
    [400, 11, 12],
    [50, 3, 50],
    [200, 5, 1],
  ] as const) {
    it(`gives each point its k nearest, sorted, with the brute-force distances (n=${n}, ${dims}-D, k=${k})`, () => {
      const points = gridPoints(n, dims, n + dims);
      const tree = KdTree.build(points, dims);
      const { neighbors, distances } = kdNearestNeighbours(tree, k);
      for (let kk = 1; kk <= k; kk++) {
        const core = coreDistances(points, dims, kk);
        for (let p = 0; p < n; p++) expect(distances[p * k + kk - 1]).toBe(core[tree.index[p]!]);
      }
      for (let p = 0; p < n; p++) {
        const row = Array.from(neighbors.subarray(p * k, p * k + k));
        expect(new Set(row).size).toBe(k);
        // The point itself is in its row unless k copies of it already fill the row.
        if (distances[p * k + k - 1]! > 0) expect(row).toContain(p);
        for (let x = 0; x < k; x++) {
          const a = tree.index[p]!;
          const b = tree.index[row[x]!]!;
          let s = 0;
          for (let d = 0; d < dims; d++) s += (points[a * dims + d]! - points[b * dims + d]!) ** 2;
          expect(distances[p * k + x]).toBe(Math.sqrt(s));
          if (x > 0) expect(distances[p * k + x]!).toBeGreaterThanOrEqual(distances[p * k + x - 1]!);
        }
      }
    });
  }
});
