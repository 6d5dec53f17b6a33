import { describe, expect, it } from 'vitest';
import { overallShares, typeShares } from './toolsTypeShares';
import { fakeAnalysis, fakeTopic } from './toolsFixture';

const topics = [fakeTopic(0, 3, 'a', 'question'), fakeTopic(1, 2, 'b', 'emote-wave'), fakeTopic(2, 1, 'c')];
// Bins of 60 s: bin 0 holds two questions and one noise message, bin 2 two emote waves and an untyped topic.
const analysis = fakeAnalysis(topics, [
  [5, 0, 'q?'],
  [10, 0, 'q2?'],
  [20, -1, 'noise'],
  [130, 1, 'KEKW'],
  [140, 1, 'KEKW'],
  [150, 2, 'x'],
  [200, 0, 'q3?'],
]);

describe('typeShares', () => {
  it('counts each bin by the type of its topics, leaving noise out', () => {
    const shares = typeShares(analysis, 100);
    expect(shares.bins).toHaveLength(4);
    expect(shares.bins[0]!.counts.question).toBe(2);
    expect(shares.bins[0]!.total).toBe(2);
    expect(shares.bins[1]!.total).toBe(0);
    expect(shares.bins[2]!.counts['emote-wave']).toBe(2);
  });

  it('counts a topic without a type as other and lists only the types that occur, in contract order', () => {
    const shares = typeShares(analysis, 100);
    expect(shares.bins[2]!.counts.other).toBe(1);
    expect(shares.types).toEqual(['emote-wave', 'question', 'other']);
    expect(shares.typed).toBe(true);
  });

  it('merges neighbouring bins to stay within the column budget, keeping every message', () => {
    const shares = typeShares(analysis, 2);
    expect(shares.bins).toHaveLength(2);
    expect(shares.bins[0]).toMatchObject({ start: 0, end: 120, total: 2 });
    expect(shares.bins[1]).toMatchObject({ start: 120, end: 240, total: 4 });
  });

  it('says when no topic has a type (an older document)', () => {
    const old = fakeAnalysis([fakeTopic(0, 1)], [[1, 0, 'x']]);
    expect(typeShares(old, 10).typed).toBe(false);
  });
});

describe('overallShares', () => {
  it('gives each type its share of all topic messages', () => {
    const all = overallShares(typeShares(analysis, 100));
    expect(all.question).toBeCloseTo(3 / 6);
    expect(all['emote-wave']).toBeCloseTo(2 / 6);
    expect(all.greeting).toBe(0);
  });
});
