import { describe, expect, it } from 'vitest';
import { Mulberry32 } from '../../random';
import { kdSearchScratch, kNearest } from './kdSearch';
import { nearestMutualReachability, predictionTree } from './predictSearch';

const distance = (a: Float64Array, i: number, b: Float64Array, j: number, dims: number) => {
  let s = 0;
  for (let d = 0; d < dims; d++) s += (a[i * dims + d]! - b[j * dims + d]!) ** 2;
  return Math.sqrt(s);
};

describe('prediction search against a linear scan', () => {
  // 2 and 11 dims use a k-d tree, 20 dims a single leaf (brute force); clumped points exercise pruning.
  for (const dims of [2, 11, 20]) {
    it(`finds the exact k nearest and the smallest mutual reachability (${dims} dims)`, () => {
      const rand = new Mulberry32(dims).toFunction();
      const n = 600;
      const points = new Float64Array(n * dims);
      for (let i = 0; i < n; i++) {
        const centre = (i % 5) * 2;
        for (let d = 0; d < dims; d++) points[i * dims + d] = centre + rand() * (i % 3 === 0 ? 4 : 0.5);
      }
      // Two exact duplicates, so ties are exercised.
      points.copyWithin(dims, 0, dims);
      const tree = predictionTree(points, dims);
      // Arbitrary core distances: the search must not rely on them being consistent with the points.
      const coreByRow = Float64Array.from({ length: n }, () => (rand() < 0.2 ? 0 : rand() * 3));
      const core = Float64Array.from(tree.index, (row) => coreByRow[row]!);
      const k = 6;
      const scratch = kdSearchScratch(tree, k);
      const queries = new Float64Array(80 * dims);
      for (let i = 0; i < queries.length; i++) queries[i] = rand() * 12 - 1;
      queries.set(points.subarray(0, dims), 0);

      for (let qi = 0; qi < 80; qi++) {
        const exclude = qi % 2 === 0 ? -1 : qi; // tree position left out of the search
        const excludedRow = exclude < 0 ? -1 : tree.index[exclude]!;
        const all = Array.from({ length: n }, (_, j) => ({ row: j, d: distance(queries, qi, points, j, dims) })).filter(
          (x) => x.row !== excludedRow,
        );
        const sorted = all.map((x) => x.d).sort((a, b) => a - b);

        expect(kNearest(tree, scratch, queries, qi * dims, k, exclude)).toBe(k);
        const found = Array.from(scratch.heap, Math.sqrt).sort((a, b) => a - b);
        expect(found).toEqual(sorted.slice(0, k));

        // The query's own core distance: none, below or at its neighbours' distances.
        const queryCore = qi % 3 === 0 ? 0 : sorted[qi % 3 === 1 ? 0 : 2]!;
        let best = all[0]!;
        let bestMr = Infinity;
        for (const x of all) {
          const mr = Math.max(coreByRow[x.row]!, queryCore, x.d);
          if (mr < bestMr || (mr === bestMr && (x.d < best.d || (x.d === best.d && x.row < best.row))))
            [best, bestMr] = [x, mr];
        }
        const nb = nearestMutualReachability(tree, scratch, core, queries, qi * dims, queryCore, exclude);
        expect(tree.index[nb.pos]).toBe(best.row);
        expect(nb.reachability).toBe(bestMr);
        expect(nb.distance).toBe(best.d);
      }
    });
  }
});
