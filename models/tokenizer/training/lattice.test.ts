import { describe, expect, it } from 'vitest';
import { WordLattice } from './lattice';
import { PieceTrie, codePointsOf } from './pieceTrie';

const pieces = ['▁', 'a', 'b', '😀', '▁a', 'ab', '▁ab', 'b😀'];
const scores = Float64Array.from([-1.2, -2, -2.5, -3, -1.7, -2.2, -3.1, -2.9]);

/** Every segmentation of `word` into the pieces, by brute force. */
function segmentations(word: string): number[][] {
  if (word.length === 0) return [[]];
  const out: number[][] = [];
  pieces.forEach((p, id) => {
    if (word.startsWith(p)) for (const rest of segmentations(word.slice(p.length))) out.push([id, ...rest]);
  });
  return out;
}

function pathScore(path: number[]): number {
  return path.reduce((s, id) => s + scores[id]!, 0);
}

describe('WordLattice', () => {
  const lattice = new WordLattice(new PieceTrie(pieces.map(codePointsOf)), 16);

  it.each(['▁ab😀', '▁abab', '▁a', 'b😀b😀a'])(
    'gives the log-sum over all segmentations and the exact posterior counts of %s',
    (word) => {
      const cps = codePointsOf(word);
      const expected = new Float64Array(pieces.length);
      const logZ = lattice.expectedCounts(cps, 0, cps.length, scores, 3, expected);
      const all = segmentations(word);
      const z = all.reduce((s, path) => s + Math.exp(pathScore(path)), 0);
      expect(logZ).toBeCloseTo(Math.log(z), 10);
      const brute = new Float64Array(pieces.length);
      for (const path of all) for (const id of path) brute[id]! += (3 * Math.exp(pathScore(path))) / z;
      for (let id = 0; id < pieces.length; id++) expect(expected[id]).toBeCloseTo(brute[id]!, 10);
    },
  );

  it('finds the best segmentation, and the best one without the whole-word piece when asked', () => {
    const cps = codePointsOf('▁ab');
    const best = [...segmentations('▁ab')].sort((x, y) => pathScore(y) - pathScore(x))[0]!;
    const out: number[] = [];
    expect(lattice.viterbi(cps, 0, cps.length, scores, out)).toBeCloseTo(pathScore(best), 12);
    expect(out).toEqual(best);
    const without: number[] = [];
    lattice.viterbi(cps, 0, cps.length, scores, without, true);
    expect(without).not.toEqual([pieces.indexOf('▁ab')]);
    expect(without.map((id) => pieces[id]).join('')).toBe('▁ab');
  });

  it('reports no segmentation when a character has no piece', () => {
    const cps = codePointsOf('▁z');
    expect(lattice.expectedCounts(cps, 0, cps.length, scores, 1, new Float64Array(pieces.length))).toBe(-Infinity);
    expect(lattice.viterbi(cps, 0, cps.length, scores, [])).toBe(-Infinity);
  });
});
