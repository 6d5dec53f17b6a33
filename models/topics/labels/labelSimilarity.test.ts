import { describe, expect, it } from 'vitest';
import { labelSimilarity } from './labelSimilarity';

describe('labelSimilarity', () => {
  const a = [
    { term: 'boss', score: 0.6 },
    { term: 'phase', score: 0.3 },
  ];

  it('is 1 for the same terms in the same proportions and 0 for no common term', () => {
    expect(
      labelSimilarity(
        a,
        a.map((t) => ({ ...t, score: t.score * 3 })),
      ),
    ).toBeCloseTo(1, 12);
    expect(labelSimilarity(a, [{ term: 'pizza', score: 1 }])).toBe(0);
    expect(labelSimilarity(a, [])).toBe(0);
  });

  it('is the cosine of the term-score vectors', () => {
    const b = [
      { term: 'boss', score: 0.2 },
      { term: 'gg', score: 0.1 },
    ];
    expect(labelSimilarity(a, b)).toBeCloseTo((0.6 * 0.2) / (Math.hypot(0.6, 0.3) * Math.hypot(0.2, 0.1)), 12);
    expect(labelSimilarity(b, a)).toBeCloseTo(labelSimilarity(a, b), 12);
  });
});
