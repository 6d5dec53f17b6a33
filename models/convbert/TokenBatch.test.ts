import { describe, expect, it } from 'vitest';
import { padTokenBatch } from './TokenBatch';

describe('padTokenBatch', () => {
  it('right-pads every row to the longest with the pad id and masks the padding', () => {
    const b = padTokenBatch(
      [
        [5, 9, 6],
        [5, 6],
      ],
      1,
      [
        [0, 0, 0],
        [0, 1],
      ],
    );
    expect(b.length).toBe(3);
    expect(Array.from(b.inputIds)).toEqual([5, 9, 6, 5, 6, 1]);
    expect(Array.from(b.attentionMask)).toEqual([1, 1, 1, 1, 1, 0]);
    expect(Array.from(b.tokenTypeIds)).toEqual([0, 0, 0, 0, 1, 0]);
  });

  it('refuses type ids whose length differs from the tokens', () => {
    expect(() => padTokenBatch([[5, 6]], 0, [[0]])).toThrow(/row 0: 1 type ids for 2 tokens/);
  });
});
