import { describe, expect, it } from 'vitest';
import { cutHeight, cutHierarchy, layoutDendrogram } from './toolsHierarchyCut';
import { fakeMerge, fakeTopic } from './toolsFixture';

// Four topics: 0+1 join first (node 4), then 2+3 (node 5), then both pairs (node 6).
const topics = [fakeTopic(0, 10), fakeTopic(1, 5), fakeTopic(2, 20), fakeTopic(3, 1)];
const merges = [fakeMerge(0, 0, 1, 0.1, 15), fakeMerge(1, 2, 3, 0.3, 21), fakeMerge(2, 4, 5, 0.9, 36)];

describe('cutHierarchy', () => {
  it('reads n topics as n groups of one when no merge is kept', () => {
    const groups = cutHierarchy(topics, merges, 4);
    expect(groups.map((g) => g.topics)).toEqual([[2], [0], [1], [3]]);
    expect(groups[0]).toMatchObject({ node: 2, size: 20, label: 't2 (1.0)' });
  });

  it('keeps the closest merges first, so 3 groups join only topics 0 and 1', () => {
    const groups = cutHierarchy(topics, merges, 3);
    expect(groups).toHaveLength(3);
    expect(groups.find((g) => g.node === 4)).toEqual({ node: 4, topics: [0, 1], size: 15, label: 'm0' });
  });

  it('reads a complete tree as one group holding every topic in leaf order', () => {
    const groups = cutHierarchy(topics, merges, 1);
    expect(groups).toEqual([{ node: 6, topics: [0, 1, 2, 3], size: 36, label: 'm2' }]);
  });

  it('cannot go below what the merges allow (a forest stays a forest)', () => {
    const groups = cutHierarchy(topics, merges.slice(0, 1), 1);
    expect(groups).toHaveLength(3);
  });

  it('drops a malformed merge and everything after it instead of throwing', () => {
    const bad = [fakeMerge(0, 0, 1, 0.1, 15), fakeMerge(1, 0, 2, 0.2, 30), fakeMerge(2, 4, 3, 0.3, 16)];
    const groups = cutHierarchy(topics, bad, 1);
    expect(groups.map((g) => g.node).sort()).toEqual([2, 3, 4]);
  });
});

describe('layoutDendrogram', () => {
  it('orders leaves so that each merge joins neighbours and sits between its children', () => {
    const layout = layoutDendrogram(4, merges);
    expect(layout.order).toEqual([0, 1, 2, 3]);
    expect(layout.x.get(4)).toBe(0.5);
    expect(layout.x.get(5)).toBe(2.5);
    expect(layout.x.get(6)).toBe(1.5);
    expect(layout.height.get(6)).toBe(0.9);
    expect(layout.maxHeight).toBe(0.9);
  });

  it('places topics no merge reaches after the trees', () => {
    const layout = layoutDendrogram(4, [fakeMerge(0, 3, 1, 0.2, 6)]);
    expect(layout.order).toEqual([3, 1, 0, 2]);
    expect(layout.x.get(4)).toBe(0.5);
  });

  it('handles a deep chain without recursion', () => {
    const n = 3000;
    const chain = Array.from({ length: n - 1 }, (_, k) => fakeMerge(k, k === 0 ? 0 : n + k - 1, k + 1, k, k + 2));
    const layout = layoutDendrogram(n, chain);
    expect(layout.order).toHaveLength(n);
    expect(new Set(layout.order).size).toBe(n);
  });
});

describe('cutHeight', () => {
  it('draws the cut halfway between the last merge kept and the next', () => {
    expect(cutHeight(merges, 4, 2)).toBeCloseTo(0.6);
    expect(cutHeight(merges, 4, 4)).toBeNull();
    expect(cutHeight(merges, 4, 1)).toBeNull();
  });
});
