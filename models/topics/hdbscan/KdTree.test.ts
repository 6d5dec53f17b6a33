import { describe, expect, it } from 'vitest';
import { Mulberry32 } from '../../random';
import { KdTree } from './KdTree';
import { kdSearchScratch, kNearest } from './kdSearch';

describe('KdTree data round trip', () => {
  const dims = 3;
  const random = new Mulberry32(5).toFunction();
  const points = Float64Array.from({ length: 500 * dims }, () => random() * 10);
  const tree = KdTree.build(points, dims, 8);

  it('gives arrays that own their buffers, so a structured clone copies no more than the tree', () => {
    const data = tree.toData();
    for (const a of [data.coords, data.index, data.start, data.end, data.left, data.right, data.lo, data.hi])
      expect(a.byteLength).toBe(a.buffer.byteLength);
    expect(tree.nodeCount).toBeGreaterThan(1);
  });

  it('searches a tree rebuilt from cloned data exactly as the original tree', () => {
    const copy = KdTree.fromData(structuredClone(tree.toData()));
    expect(copy.nodeCount).toBe(tree.nodeCount);
    const k = 4;
    const a = kdSearchScratch(tree, k);
    const b = kdSearchScratch(copy, k);
    const query = Float64Array.from({ length: 50 * dims }, () => random() * 12 - 1);
    for (let i = 0; i < 50; i++) {
      expect(kNearest(copy, b, query, i * dims, k, -1)).toBe(kNearest(tree, a, query, i * dims, k, -1));
      expect(Array.from(b.heap)).toEqual(Array.from(a.heap));
      expect(Array.from(b.heapPos)).toEqual(Array.from(a.heapPos));
    }
  });
});
