import { describe, expect, it } from 'vitest';
import { purity } from './purity';

describe('purity', () => {
  it('is the share of clustered points in their cluster’s majority class, noise skipped', () => {
    expect(purity(['a', 'a', 'b', 'b'], [0, 0, 0, 1])).toBe(0.75);
    expect(purity(['a', 'a', 'b', 'b', 'c'], [0, 1, 2, 2, -1])).toBe(1);
    expect(purity(['a', 'b'], [-1, -1])).toBe(0);
  });
  it('refuses misaligned inputs', () => {
    expect(() => purity(['a'], [0, 1])).toThrow(/1 true labels for 2/);
  });
});
