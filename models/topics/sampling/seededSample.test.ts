import { describe, expect, it } from 'vitest';
import { sampleInOrder, seededUniform, subSeed } from './seededSample';

describe('seededUniform', () => {
  it('repeats for a seed, differs between seeds, stays in [0, 1)', () => {
    const a = seededUniform(5);
    const b = seededUniform(5);
    const c = seededUniform(6);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
  });

  it('gives distinct sub-seeds to distinct streams', () => {
    expect(new Set([0, 1, 2, 3, 4].map((t) => subSeed(42, t))).size).toBe(5);
  });
});

describe('sampleInOrder', () => {
  const items = Int32Array.from({ length: 20 }, (_, i) => 100 + i);

  it('draws k distinct items, in their original order', () => {
    const s = sampleInOrder(items, 7, seededUniform(1));
    expect(s.length).toBe(7);
    expect(new Set(s).size).toBe(7);
    for (let i = 1; i < s.length; i++) expect(s[i]!).toBeGreaterThan(s[i - 1]!);
    for (const x of s) expect(items.includes(x)).toBe(true);
  });

  it('returns every item when k is not smaller', () => {
    expect([...sampleInOrder(items, 20, seededUniform(1))]).toEqual([...items]);
    expect([...sampleInOrder(items, 50, seededUniform(1))]).toEqual([...items]);
  });

  it('gives every item about the same chance', () => {
    const hits = new Array<number>(20).fill(0);
    const random = seededUniform(9);
    for (let rep = 0; rep < 2000; rep++) for (const x of sampleInOrder(items, 5, random)) hits[x - 100]!++;
    // expected 500 each
    for (const h of hits) expect(Math.abs(h - 500)).toBeLessThan(100);
  });
});
