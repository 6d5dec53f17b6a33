import { describe, expect, it } from 'vitest';
import { Lcg32 } from '../../random';
import { BestMergeQueue } from './BestMergeQueue';
import { GroupPairs } from './GroupPairs';
import { rowCosine, sparseTextRows } from './sparseTextVectors';
import { windowCosines } from './windowCosines';

describe('GroupPairs', () => {
  it('moves and sums pairs as a map of maps does, through random merges, drops and reused edge ids', () => {
    const rand = Lcg32.numericalRecipes(7).toFunction();
    const slots = 400;
    const pairs = new GroupPairs(slots);
    const reference = Array.from({ length: slots }, () => new Map<number, number>());
    let alive = Array.from({ length: slots }, (_, g) => g);
    const pick = () => alive[Math.floor(rand() * alive.length)]!;
    for (let step = 0; step < 20000 && alive.length > 2; step++) {
      const r = rand();
      const a = pick();
      const b = pick();
      if (a === b) continue;
      if (r < 0.8) {
        if (reference[a]!.has(b)) continue;
        const sum = Math.floor(rand() * 1000);
        pairs.add(a, b, sum);
        reference[a]!.set(b, sum);
        reference[b]!.set(a, sum);
      } else if (r < 0.97) {
        const moved = pairs.absorb(a, b);
        const expected = new Map<number, number>();
        for (const [z, s] of reference[b]!) {
          reference[z]!.delete(b);
          if (z === a) continue;
          const total = (reference[a]!.get(z) ?? 0) + s;
          reference[a]!.set(z, total);
          reference[z]!.set(a, total);
          expected.set(z, total);
        }
        reference[a]!.delete(b);
        reference[b]!.clear();
        const got = new Map(Array.from({ length: moved }, (_, k) => [pairs.partner(k), pairs.sum(k)] as const));
        expect(got).toEqual(expected);
        alive = alive.filter((g) => g !== b);
      } else {
        pairs.drop(a);
        for (const z of reference[a]!.keys()) reference[z]!.delete(a);
        reference[a]!.clear();
        alive = alive.filter((g) => g !== a);
      }
    }
    expect(alive.length).toBeLessThan(slots);
  });
});

describe('BestMergeQueue', () => {
  it('puts first the entry with the least distance, then names, through sets, moves and removals', () => {
    const rand = Lcg32.numericalRecipes(3).toFunction();
    const slots = 40;
    const queue = new BestMergeQueue(slots);
    const entries = new Map<number, { d: number; lo: number; hi: number; partner: number; stale: boolean }>();
    const before = (x: { d: number; lo: number; hi: number }, y: { d: number; lo: number; hi: number }) =>
      x.d !== y.d ? x.d < y.d : x.lo !== y.lo ? x.lo < y.lo : x.hi <= y.hi;
    for (let step = 0; step < 5000; step++) {
      const g = Math.floor(rand() * slots);
      const r = rand();
      if (r < 0.6) {
        const e = {
          d: Math.floor(rand() * 5) / 4,
          lo: Math.floor(rand() * 10),
          hi: 100 + g, // two groups never name the same pair
          partner: Math.floor(rand() * slots),
          stale: rand() < 0.3,
        };
        expect(queue.improves(g, e.d, e.lo, e.hi)).toBe(!entries.has(g) || before(e, entries.get(g)!));
        queue.set(g, e.d, e.lo, e.hi, e.partner, e.stale);
        entries.set(g, e);
      } else if (r < 0.9) {
        queue.remove(g);
        entries.delete(g);
      } else if (entries.has(g)) {
        queue.markStale(g);
        entries.get(g)!.stale = true;
      }
      expect(queue.size).toBe(entries.size);
      if (entries.size === 0) continue;
      const first = [...entries.values()].reduce((x, y) => (before(x, y) ? x : y));
      const top = queue.top();
      expect(entries.get(top)).toEqual(first);
      expect([queue.partner(top), queue.isStale(top), queue.has(top)]).toEqual([first.partner, first.stale, true]);
    }
  });
});

describe('windowCosines', () => {
  it('gives, bit for bit, the cosines of comparing each pair of rows within the window', () => {
    const texts = [
      'la chasse est ouverte',
      'les chasseurs',
      'mdr',
      'la loi sur la chasse',
      'MDRRR',
      'ouverte la chasse',
    ];
    const rows = sparseTextRows(texts);
    const cosines = windowCosines(rows);
    const out = new Float64Array(8);
    for (let j = 0; j < texts.length; j++) {
      const from = Math.max(0, j - 3);
      cosines(j, from, out);
      for (let i = from; i < j; i++) expect(out[i - from]).toBe(rowCosine(rows, i, j));
    }
    expect(() => cosines(0, 0, out)).toThrow(/out of turn/);
  });
});
