import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, MetricsInputError, noiseRate, normalizedMutualInformation } from './index';

describe('normalizedMutualInformation', () => {
  it('is 1 for the same partition under any renaming, numbers or strings', () => {
    expect(normalizedMutualInformation([0, 0, 1, 1, 2], [0, 0, 1, 1, 2])).toBe(1);
    expect(normalizedMutualInformation([0, 0, 1, 1, 2], [7, 7, -1, -1, 3])).toBe(1);
    expect(normalizedMutualInformation(['chess', 'chess', 'food'], Int32Array.of(1, 1, 0))).toBe(1);
  });

  it('is 0 for independent partitions', () => {
    expect(normalizedMutualInformation([0, 0, 1, 1], [0, 1, 0, 1])).toBe(0);
  });

  it('gives the hand-computed value: MI = 2/3 ln 2, H = ln 2 and ln 3', () => {
    // Contingency [[2, 1, 0], [0, 1, 2]]: only the 2-cells carry information, each 1/3 ln 2.
    const expected = ((2 / 3) * Math.LN2) / ((Math.LN2 + Math.log(3)) / 2);
    expect(normalizedMutualInformation([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(expected, 14);
    expect(normalizedMutualInformation([0, 0, 1, 1, 2, 2], [0, 0, 0, 1, 1, 1])).toBeCloseTo(expected, 14);
  });

  it('follows scikit-learn on single-cluster and empty labellings', () => {
    expect(normalizedMutualInformation([3, 3, 3], ['a', 'a', 'a'])).toBe(1);
    expect(normalizedMutualInformation([], [])).toBe(1);
    expect(normalizedMutualInformation([3, 3, 3, 3], [0, 0, 1, 1])).toBe(0);
  });

  it('refuses labellings of different lengths', () => {
    expect(() => normalizedMutualInformation([0, 1], [0])).toThrow(MetricsInputError);
  });
});

describe('adjustedRandIndex', () => {
  it('takes number or string labels, comparing them by identity only', () => {
    expect(adjustedRandIndex(['a', 'a', 'b', 'b'], [5, 5, -1, -1])).toBe(1);
    // ('1,2', '3') and ('1', '2,3') would both be the pair key "1,2,3" if labels were joined as text.
    expect(adjustedRandIndex(['1,2', '1,2', '1', '1'], ['3', '3', '2,3', '2,3'])).toBe(1);
    // Hand-computed: contingency [[2, 1, 0], [0, 1, 2]]: index = 1 + 1 = 2 pairs together in both; row pairs
    // 3 + 3 = 6, column pairs 1 + 1 + 1 = 3, expected 6 * 3 / 15 = 1.2, max (6 + 3) / 2 = 4.5.
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], ['x', 'x', 'y', 'y', 'z', 'z'])).toBeCloseTo(
      (2 - 1.2) / (4.5 - 1.2),
      14,
    );
    expect(() => adjustedRandIndex([0], [0, 1])).toThrow(MetricsInputError);
  });
});

describe('noiseRate', () => {
  it('is the fraction of -1 labels, 0 for no labels', () => {
    expect(noiseRate(Int32Array.of(0, -1, 1, -1))).toBe(0.5);
    expect(noiseRate([2, 3])).toBe(0);
    expect(noiseRate([])).toBe(0);
  });
});
