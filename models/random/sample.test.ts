import { describe, expect, it } from 'vitest';
import { sampleInOrder } from './sample';
import { SplitMix32 } from './splitmix32';

describe('sampleInOrder', () => {
  const items = Int32Array.from({ length: 20 }, (_, i) => 100 + i);

  it('draws k distinct items, in their original order', () => {
    const s = sampleInOrder(items, 7, SplitMix32.fromSeed(1));
    expect(s.length).toBe(7);
    expect(new Set(s).size).toBe(7);
    for (let i = 1; i < s.length; i++) expect(s[i]!).toBeGreaterThan(s[i - 1]!);
    for (const x of s) expect(items.includes(x)).toBe(true);
  });

  it('returns every item when k is not smaller', () => {
    expect([...sampleInOrder(items, 20, SplitMix32.fromSeed(1))]).toEqual([...items]);
    expect([...sampleInOrder(items, 50, SplitMix32.fromSeed(1))]).toEqual([...items]);
  });

  it('gives every item about the same chance', () => {
    const hits = new Array<number>(20).fill(0);
    const random = SplitMix32.fromSeed(9);
    for (let rep = 0; rep < 2000; rep++) for (const x of sampleInOrder(items, 5, random)) hits[x - 100]!++;
    // expected 500 each
    for (const h of hits) expect(Math.abs(h - 500)).toBeLessThan(100);
  });
});
