import { describe, expect, it } from 'vitest';
import { FastPow } from './FastPow';
import { Xoshiro128StarStar } from '../../random';

describe('FastPow', () => {
  for (const b of [0.7915, 0.895, 1.334, 1.916, 2.5]) {
    it(`matches Math.pow to 1e-5 relative over 1e-30..1e30 (b = ${b})`, () => {
      const p = new FastPow(b);
      const r = new Xoshiro128StarStar(1);
      for (let i = 0; i < 20000; i++) {
        const x = Math.exp((r.next() - 0.5) * 138);
        expect(Math.abs(p.pow(x) / Math.pow(x, b) - 1)).toBeLessThan(1e-5);
      }
      for (const x of [1, 2, 0.5, 1 - 1e-12, 1 + 1e-12, 1.5, Math.SQRT2])
        expect(Math.abs(p.pow(x) / Math.pow(x, b) - 1)).toBeLessThan(1e-5);
    });
  }

  it('handles 0, subnormal and huge inputs (beyond float32 too)', () => {
    const p = new FastPow(1.5);
    expect(p.pow(0)).toBe(0);
    expect(p.pow(1e-310)).toBe(Math.pow(1e-310, 1.5));
    expect(p.pow(1e300)).toBe(Infinity);
    // Outside float32's normal range the table is bypassed, not clamped.
    for (const x of [1e-40, 1e-39, 4e38, 1e39]) expect(p.pow(x)).toBe(Math.pow(x, 1.5));
  });
});
