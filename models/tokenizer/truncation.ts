import type { SequenceTokens } from './postProcessor';

/**
 * How many tokens of each sequence a pair keeps when only `budget` fit (HF's `longest_first`, right side): the
 * shorter sequence is kept whole if it fits in half the budget, the longer one gets the rest; otherwise each gets
 * half, the longer one the odd token (the second one on a tie).
 *
 * @example
 * pairLengths(11, 10, 7); // [4, 3]
 * pairLengths(2, 10, 7);  // [2, 5]
 */
export function pairLengths(n1: number, n2: number, budget: number): [number, number] {
  if (n1 + n2 <= budget) return [n1, n2];
  const swap = n1 > n2;
  const shorter = swap ? n2 : n1;
  let short = shorter;
  let long = shorter > budget ? shorter : Math.max(shorter, budget - shorter);
  if (short + long > budget) {
    short = Math.floor(budget / 2);
    long = short + (budget % 2);
  }
  return swap ? [long, short] : [short, long];
}

/** Keeps the first `n` tokens of a sequence. */
export function truncateSequence(seq: SequenceTokens, n: number): SequenceTokens {
  if (seq.ids.length <= n) return seq;
  return { ids: seq.ids.slice(0, n), tokens: seq.tokens.slice(0, n), offsets: seq.offsets.slice(0, n) };
}
