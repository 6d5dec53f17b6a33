import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, samePartition } from './partition';

describe('partition helpers', () => {
  it('accepts relabelled partitions and rejects noise changes', () => {
    expect(samePartition([0, 0, 1, -1], [3, 3, 0, -1])).toBe(true);
    expect(samePartition([0, 0, 1, -1], [3, 3, 3, -1])).toBe(false);
    expect(samePartition([0, 0, 1, -1], [3, 3, 0, 0])).toBe(false);
    expect(samePartition([0, 0, 1, -1], [3, 3, 0, 0], [3])).toBe(true);
  });
  it('gives ARI 1 for identical partitions and < 1 otherwise', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, -1], [5, 5, 2, 2, -1])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeLessThan(1);
  });
});
