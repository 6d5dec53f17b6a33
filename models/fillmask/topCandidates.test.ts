import { describe, expect, it } from 'vitest';
import { topCandidates } from './topCandidates';

describe('topCandidates', () => {
  it('ranks ids by softmax probability over the whole row, leaving excluded ids out of the ranking only', () => {
    const logits = Float32Array.of(1, 3, 2, 5, 0);
    const top = topCandidates(logits, 3, new Set([3]));
    expect(top.map((c) => c.id)).toEqual([1, 2, 0]);
    const z = [1, 3, 2, 5, 0].reduce((s, v) => s + Math.exp(v), 0);
    expect(top[0]!.score).toBeCloseTo(Math.exp(3) / z, 6);
    expect(top[2]!.score).toBeCloseTo(Math.exp(1) / z, 6);
  });

  it('stays finite for large logits and breaks ties by the lower id', () => {
    const top = topCandidates(Float32Array.of(1000, 1000, 999), 2, new Set());
    expect(top.map((c) => c.id)).toEqual([0, 1]);
    expect(top[0]!.score).toBeCloseTo(1 / (2 + Math.exp(-1)), 6);
  });
});
