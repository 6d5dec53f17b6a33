import { describe, expect, it } from 'vitest';
import { findAbParams } from './curve';

/** Squared error of the fitted curve against umap-learn's target membership curve. */
function sse(a: number, b: number, spread: number, minDist: number): number {
  let s = 0;
  for (let i = 0; i < 300; i++) {
    const x = (3 * spread * i) / 299;
    const y = x < minDist ? 1 : Math.exp(-(x - minDist) / spread);
    s += (1 / (1 + a * Math.pow(x, 2 * b)) - y) ** 2;
  }
  return s;
}

describe('findAbParams', () => {
  it("reproduces umap-learn's curve for its defaults (min_dist 0.1, spread 1: a ~ 1.577, b ~ 0.895)", () => {
    const { a, b } = findAbParams(1, 0.1);
    expect(a).toBeCloseTo(1.577, 3);
    expect(b).toBeCloseTo(0.895, 3);
  });

  for (const [spread, minDist] of [
    [1, 0.001],
    [1, 0.5],
    [1, 0.99],
    [2, 0.3],
  ] as const) {
    it(`reaches a least-squares minimum (spread ${spread}, minDist ${minDist})`, () => {
      const { a, b } = findAbParams(spread, minDist);
      const best = sse(a, b, spread, minDist);
      for (const [da, db] of [
        [1e-3, 0],
        [-1e-3, 0],
        [0, 1e-3],
        [0, -1e-3],
      ]) {
        expect(sse(a * (1 + da!), b * (1 + db!), spread, minDist)).toBeGreaterThan(best);
      }
    });
  }

  it('makes the curve flatter near 0 and steeper later as minDist grows (b rises)', () => {
    expect(findAbParams(1, 0.99).b).toBeGreaterThan(findAbParams(1, 0.5).b);
    expect(findAbParams(1, 0.5).b).toBeGreaterThan(findAbParams(1, 0.1).b);
  });
});
