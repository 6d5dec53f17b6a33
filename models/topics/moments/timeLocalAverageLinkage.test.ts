import { describe, expect, it } from 'vitest';
import { Lcg32 } from '../../random';
import { timeLocalAverageLinkage } from './timeLocalAverageLinkage';

/**
 * The linkage as documented, by brute force (O(n^3)): savings of the compared pairs summed in units of 2^-24, the
 * closest two groups merged first, ties to the pair whose groups' first points come first.
 */
function bruteForceLinkage(
  elapsed: number[],
  d: (i: number, j: number) => number,
  o: { maxGapSeconds: number; cut: number; minSaving: number },
): number[] {
  const n = elapsed.length;
  const saving = (i: number, j: number) => {
    if (elapsed[j]! - elapsed[i]! > o.maxGapSeconds) return 0;
    const s = 1 - d(i, j);
    return s > o.minSaving ? Math.round(s * 2 ** 24) : 0;
  };
  let groups = Array.from({ length: n }, (_, i) => [i]);
  for (;;) {
    let best: [number, number, number] | null = null;
    for (let a = 0; a < groups.length; a++)
      for (let b = a + 1; b < groups.length; b++) {
        let s = 0;
        for (const i of groups[a]!) for (const j of groups[b]!) s += saving(Math.min(i, j), Math.max(i, j));
        if (s === 0) continue;
        const mean = 1 - (s * 2 ** -24) / (groups[a]!.length * groups[b]!.length);
        const [x, y] = [groups[a]![0]!, groups[b]![0]!].sort((p, q) => p - q);
        const bx = best && [groups[best[1]]![0]!, groups[best[2]]![0]!].sort((p, q) => p - q);
        if (!best || mean < best[0] || (mean === best[0] && (x! < bx![0]! || (x === bx![0] && y! < bx![1]!))))
          best = [mean, a, b];
      }
    if (!best || !(best[0] < o.cut)) break;
    groups[best[1]] = [...groups[best[1]]!, ...groups[best[2]]!].sort((p, q) => p - q);
    groups = groups.filter((_, k) => k !== best[2]);
  }
  const out = new Array<number>(n);
  for (const g of groups) for (const i of g) out[i] = g[0]!;
  return out;
}

describe('timeLocalAverageLinkage, block by block', () => {
  it('equals brute-force average linkage on random streams full of ties, whatever the block size', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rand = Lcg32.numericalRecipes(seed).toFunction();
      const n = 10 + Math.floor(rand() * 40);
      // Whole seconds and distances from a few levels: equal distances everywhere, as chat's whole-second times give.
      let t = 0;
      const elapsed = Array.from({ length: n }, () => (t += Math.floor(rand() * 4)));
      const table = Array.from({ length: n * n }, () => Math.floor(rand() * 6) / 5);
      const d = (i: number, j: number) => table[i * n + j]!;
      const options = { maxGapSeconds: 6, cut: 0.3 + rand() * 0.5, minSaving: rand() < 0.5 ? 0 : 0.2 };
      const expected = bruteForceLinkage(elapsed, d, options);
      for (const blockSeconds of [0.5, 1, 3, 7, 1e9])
        expect([...timeLocalAverageLinkage(elapsed, d, { ...options, blockSeconds })], `seed ${seed}`).toEqual(
          expected,
        );
    }
  });

  it('equals brute force on longer streams, where groups grow large and best merges go stale', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const rand = Lcg32.numericalRecipes(100 + seed).toFunction();
      const n = 120 + Math.floor(rand() * 60);
      let t = 0;
      const elapsed = Array.from({ length: n }, () => (t += Math.floor(rand() * 3)));
      const table = Array.from({ length: n * n }, () => Math.floor(rand() * 9) / 8);
      const d = (i: number, j: number) => table[i * n + j]!;
      const options = { maxGapSeconds: 12, cut: 0.75 + rand() * 0.2, minSaving: 0.1 };
      const expected = bruteForceLinkage(elapsed, d, options);
      expect(new Set(expected).size, 'some groups are large').toBeLessThan(n / 4);
      for (const blockSeconds of [1, 5, 1e9])
        expect([...timeLocalAverageLinkage(elapsed, d, { ...options, blockSeconds })], `seed ${seed}`).toEqual(
          expected,
        );
    }
  });

  it('compares each pair within the gap once, and no other', () => {
    const elapsed = [0, 1, 2, 5, 9, 9, 30];
    const seen = new Map<string, number>();
    timeLocalAverageLinkage(
      elapsed,
      (i, j) => {
        seen.set(`${i},${j}`, (seen.get(`${i},${j}`) ?? 0) + 1);
        return 0.5;
      },
      { maxGapSeconds: 4, cut: 0.1, blockSeconds: 2 },
    );
    expect([...seen.keys()].sort()).toEqual(['0,1', '0,2', '1,2', '1,3', '2,3', '3,4', '3,5', '4,5']);
    expect([...seen.values()].every((c) => c === 1)).toBe(true);
  });
});
