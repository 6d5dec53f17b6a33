import { describe, expect, it } from 'vitest';
import { deriveSeed } from './seeds';
import { Sfc32 } from './sfc32';

describe('Sfc32 and the draws of RandomStream', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = new Sfc32(42);
    const b = new Sfc32(42);
    const c = new Sfc32(43);
    const sa = Array.from({ length: 100 }, () => a.uint32());
    expect(Array.from({ length: 100 }, () => b.uint32())).toEqual(sa);
    expect(Array.from({ length: 100 }, () => c.uint32())).not.toEqual(sa);
    expect(new Sfc32(deriveSeed(1, 'x', 2)).next()).toBe(new Sfc32(deriveSeed(1, 'x', 2)).next());
    expect(new Sfc32(deriveSeed(1, 'x', 2)).next()).not.toBe(new Sfc32(deriveSeed(1, 'x', 3)).next());
    expect(new Sfc32(deriveSeed(1, 'x')).next()).not.toBe(new Sfc32(deriveSeed(2, 'x')).next());
  });

  it('rejects non-finite seeds', () => {
    expect(() => new Sfc32(Number.NaN)).toThrow(RangeError);
  });

  it('draws uniform floats in [0, 1) and inclusive integers', () => {
    const r = new Sfc32(7);
    let sum = 0;
    const counts = new Map<number, number>();
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
      const k = r.int(2, 5);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect(outside).toBe(0);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
    expect([...counts.keys()].sort()).toEqual([2, 3, 4, 5]);
    for (const n of counts.values()) expect(Math.abs(n - 25_000)).toBeLessThan(800);
  });

  it('picks, weights, and samples normal, exponential and Poisson variates', () => {
    const r = new Sfc32(3);
    const n = 50_000;
    let heavy = 0;
    let normalSum = 0;
    let normalSq = 0;
    let expSum = 0;
    let poissonSum = 0;
    for (let i = 0; i < n; i++) {
      if (r.weighted(['a', 'b'], [3, 1]) === 'a') heavy++;
      const z = r.normal(10, 2);
      normalSum += z;
      normalSq += (z - 10) ** 2;
      expSum += r.exponential(4);
      poissonSum += r.poisson(1.5);
    }
    expect(heavy / n).toBeCloseTo(0.75, 1);
    expect(normalSum / n).toBeCloseTo(10, 1);
    expect(Math.sqrt(normalSq / n)).toBeCloseTo(2, 1);
    expect(expSum / n).toBeCloseTo(0.25, 2);
    expect(poissonSum / n).toBeCloseTo(1.5, 1);
    expect(['x', 'y', 'z']).toContain(r.pick(['x', 'y', 'z']));
    expect(() => r.pick([])).toThrow(RangeError);
    expect(() => r.weighted(['a'], [0])).toThrow(RangeError);
    const cum = [1, 1, 4];
    const idx = new Set(Array.from({ length: 1000 }, () => r.cumulativeIndex(cum)));
    expect(idx.has(1)).toBe(false);
    expect(idx).toEqual(new Set([0, 2]));
  });
});
