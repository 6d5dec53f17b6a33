import { describe, expect, it } from 'vitest';
import { exactKnn } from '../knn';
import { neighbourPreservation } from './quality';
import { Xoshiro128StarStar } from '../../random';

describe('neighbourPreservation', () => {
  const r = new Xoshiro128StarStar(9);
  const points = Float32Array.from({ length: 300 * 2 }, () => r.normalFromComplement());
  const reference = exactKnn(points, points, 2, 10, { metric: 'euclidean', excludeSelf: true });

  it('is 1 for a layout with the same neighbourhoods (a scaled, shifted copy)', () => {
    expect(
      neighbourPreservation(
        reference,
        points.map((x) => 3 * x + 1),
        2,
      ),
    ).toBe(1);
  });

  it('is near k / n for an unrelated layout, and compares only the first k columns when asked', () => {
    const unrelated = Float32Array.from({ length: 300 * 2 }, () => r.normalFromComplement());
    expect(neighbourPreservation(reference, unrelated, 2)).toBeLessThan(0.1);
    expect(neighbourPreservation(reference, points, 2, 5)).toBe(1);
  });
});
