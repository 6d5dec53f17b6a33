import { describe, expect, it } from 'vitest';
import { Lcg32 } from '../../random';
import { findMoments, momentOfTopics } from './findMoments';
import { rowCosine, sparseTextRows } from './sparseTextVectors';
import { timeLocalAverageLinkage } from './timeLocalAverageLinkage';

/** Textbook average linkage (O(n^3)): merge the closest pair of groups while their mean distance is below the cut. */
function naiveAverageLinkage(n: number, d: (i: number, j: number) => number, cut: number): number[] {
  let groups = Array.from({ length: n }, (_, i) => [i]);
  for (;;) {
    let best = Infinity;
    let pair: [number, number] = [-1, -1];
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        let s = 0;
        for (const i of groups[a]!) for (const j of groups[b]!) s += d(Math.min(i, j), Math.max(i, j));
        const mean = s / (groups[a]!.length * groups[b]!.length);
        if (mean < best) [best, pair] = [mean, [a, b]];
      }
    }
    if (!(best < cut)) break;
    groups[pair[0]] = [...groups[pair[0]]!, ...groups[pair[1]]!];
    groups = groups.filter((_, k) => k !== pair[1]);
  }
  const out = new Array<number>(n);
  for (const g of groups) for (const i of g) out[i] = Math.min(...g);
  return out;
}

function seeded(seed: number) {
  return Lcg32.numericalRecipes(seed).toFunction();
}

describe('timeLocalAverageLinkage', () => {
  it('is exact average linkage when every pair is within the time limit', () => {
    for (const seed of [1, 2, 3]) {
      const rand = seeded(seed);
      const n = 40;
      const x = Array.from({ length: n }, () => [rand() * 4, rand() * 4]);
      const elapsed = Array.from({ length: n }, (_, i) => i);
      const d = (i: number, j: number) => Math.min(1, Math.hypot(x[i]![0]! - x[j]![0]!, x[i]![1]! - x[j]![1]!) / 3);
      expect([...timeLocalAverageLinkage(elapsed, d, { maxGapSeconds: 1e9, cut: 0.35 })]).toEqual(
        naiveAverageLinkage(n, d, 0.35),
      );
    }
  });

  it('with a saving floor, treats pairs almost unrelated as never compared', () => {
    // 0.85 is within 0.2 of unrelated: dropped, the two points stay apart under a cut they would otherwise pass.
    expect([...timeLocalAverageLinkage([0, 1], () => 0.85, { maxGapSeconds: 10, cut: 0.9 })]).toEqual([0, 0]);
    expect([...timeLocalAverageLinkage([0, 1], () => 0.85, { maxGapSeconds: 10, cut: 0.9, minSaving: 0.2 })]).toEqual([
      0, 1,
    ]);
  });

  it('counts pairs beyond the time limit as unrelated', () => {
    // Three identical points; the third is 100 s later. Without the limit all three join; with it the third pair
    // distances count as 1, so the mean from {0,1} to 2 is 1 and it stays alone.
    const d = () => 0;
    expect([...timeLocalAverageLinkage([0, 1, 101], d, { maxGapSeconds: 1e9, cut: 0.5 })]).toEqual([0, 0, 0]);
    expect([...timeLocalAverageLinkage([0, 1, 101], d, { maxGapSeconds: 50, cut: 0.5 })]).toEqual([0, 0, 2]);
  });

  it('refuses times out of order', () => {
    expect(() => timeLocalAverageLinkage([2, 1], () => 0, { maxGapSeconds: 10, cut: 0.5 })).toThrow(/ascend/);
  });
});

describe('sparseTextRows', () => {
  it('gives shared inflections a positive cosine and unrelated words none', () => {
    const rows = sparseTextRows(['la chasse', 'les chasseurs', 'baguette']);
    expect(rowCosine(rows, 0, 1)).toBeGreaterThan(0.1);
    expect(rowCosine(rows, 0, 2)).toBe(0);
    expect(rowCosine(rows, 0, 0)).toBeCloseTo(1, 6);
  });
});

describe('findMoments', () => {
  const params = { textWeight: 0.5, timeScaleSeconds: 120, maxGapSeconds: 240, cut: 0.6, minSize: 3 };

  it('keeps a laughing wave with what it laughs at, a side thread apart, and the same words 20 minutes later apart', () => {
    const msgs: [number, string][] = [];
    // A slip at 100 s and the wave of reactions after it (no word in common with the slip).
    msgs.push([100, 'il a vraiment dit ça en direct ?'], [101, 'il a dit quoi là ?']);
    for (let k = 0; k < 20; k++) msgs.push([102 + k * 2, ['mdr', 'LUL', 'ptdr', 'oula', 'MDRRRR', 'xD'][k % 6]!]);
    // A counting game running beside it for two minutes, with its own words.
    for (let k = 0; k < 20; k++) msgs.push([103 + k * 6, `sloubi ${k + 1}`]);
    // The same reactions to something else, twenty minutes later.
    msgs.push([1300, 'il a dit quoi encore'], [1301, 'encore une fois il a dit ça']);
    for (let k = 0; k < 6; k++) msgs.push([1302 + k * 2, ['mdr', 'LUL', 'ptdr'][k % 3]!]);
    msgs.sort((a, b) => a[0] - b[0]);
    const { labels, nMoments } = findMoments(
      msgs.map((m) => m[0]),
      msgs.map((m) => m[1]),
      params,
    );
    const of = (pred: (m: [number, string]) => boolean) => [
      ...new Set(msgs.flatMap((m, i) => (pred(m) ? [labels[i]!] : []))),
    ];
    const slip = of((m) => m[0] < 1000 && !m[1].startsWith('sloubi'));
    const counting = of((m) => m[1].startsWith('sloubi'));
    const later = of((m) => m[0] > 1000);
    expect(slip).toHaveLength(1);
    expect(counting).toHaveLength(1);
    expect(later).toHaveLength(1);
    expect(new Set([slip[0], counting[0], later[0]]).size).toBe(3);
    expect(slip[0]).toBeGreaterThanOrEqual(0);
    expect(nMoments).toBe(3);
  });

  it("links a chat busier than the density cap on a sample and gives every other message its closest linked one's moment", () => {
    const msgs: [number, string][] = [];
    // Two bursts of 20 messages a second, 20 minutes apart, each with two threads of their own words.
    for (const start of [0, 1200])
      for (let k = 0; k < 400; k++)
        msgs.push([start + k / 20, k % 2 === 0 ? `allez les bleus ${k}` : `quel arbitre nul ${k}`]);
    const { labels } = findMoments(
      msgs.map((m) => m[0]),
      msgs.map((m) => m[1]),
      params,
    );
    expect([...labels].every((l) => l >= 0)).toBe(true);
    const first = new Set(labels.slice(0, 400));
    const second = new Set(labels.slice(400));
    for (const m of first) expect(second.has(m)).toBe(false);
  });

  it('numbers moments by their first message and leaves groups under minSize out', () => {
    const { labels } = findMoments([500, 0, 1, 2, 501], ['gg', 'gg', 'gg', 'gg', 'gg'], params);
    expect([...labels]).toEqual([-1, 0, 0, 0, -1]);
  });
});

describe('momentOfTopics', () => {
  it('gives each fine topic the moment holding most of its messages', () => {
    const topics = Int32Array.from([0, 0, 0, 1, 1, -1, 2]);
    const moments = Int32Array.from([3, 3, 1, 1, 2, 1, -1]);
    expect([...momentOfTopics(topics, moments, 3)]).toEqual([3, 1, -1]);
  });
});
