import { describe, expect, it } from 'vitest';
import { Lcg32 } from '../../random';
import { closestLinked } from './closestLinked';
import { rowCosine, sparseTextRows } from './sparseTextVectors';

const WORDS = ['gg', 'mdr', 'la chasse', 'le vote', 'KEKW', 'oui', 'non', 'trop fort', 'la loi', 'ptdr', 'wsh', 'bien'];

describe('closestLinked', () => {
  it('picks the linked message a pair-by-pair scan picks, ties to the earliest, none beyond the time range', () => {
    const rand = Lcg32.numericalRecipes(11).toFunction();
    const n = 1500;
    const texts = Array.from({ length: n }, () =>
      Array.from({ length: 1 + Math.floor(rand() * 3) }, () => WORDS[Math.floor(rand() * WORDS.length)]!).join(' '),
    );
    // A busy stretch, a calm one, and a last message alone after a gap longer than the range.
    let t = 0;
    const times = Float64Array.from({ length: n }, (_, i) => (t += i === n - 1 ? 200 : i < 600 ? 0.05 : 1.3 * rand()));
    const rows = sparseTextRows(texts);
    const linked: number[] = [];
    const unlinked: number[] = [];
    for (let k = 0; k < n; k++) (rand() < 0.3 && k !== n - 1 ? linked : unlinked).push(k);
    // Quantised, so that ties happen.
    const distance = (i: number, j: number, cosine: number) =>
      Math.round((0.5 * (1 - cosine) + 0.5 * Math.min(1, Math.abs(times[j]! - times[i]!) / 120)) * 20) / 20;
    const within = 30;

    const got = closestLinked(rows, times, linked, unlinked, within, distance);

    const expected = unlinked.map((k) => {
      let best = -1;
      let bestDistance = Infinity;
      linked.forEach((j, a) => {
        if (Math.abs(times[j]! - times[k]!) > within) return;
        const d = distance(k, j, rowCosine(rows, k, j));
        if (d < bestDistance) [best, bestDistance] = [a, d];
      });
      return best;
    });
    expect(Array.from(got)).toEqual(expected);
    expect(expected.at(-1)).toBe(-1);
    expect(new Set(expected).size).toBeGreaterThan(50);
  });

  it('gives every cosine exactly as rowCosine does (the same sums, in the same order)', () => {
    const texts = ['la chasse à courre', 'la chasse', 'chasse à la loi', 'KEKW KEKW', 'rien à voir', 'la loi'];
    const rows = sparseTextRows(texts);
    const times = Float64Array.from(texts, (_, i) => i);
    const seen: number[] = [];
    closestLinked(rows, times, [1, 3, 5], [0, 2, 4], 10, (i, j, cosine) => {
      seen.push(cosine - rowCosine(rows, i, j));
      return 0;
    });
    expect(seen).toHaveLength(9);
    expect(seen.every((d) => d === 0)).toBe(true);
  });
});
