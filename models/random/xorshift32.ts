import type { RandomStream } from './RandomStream';

/**
 * One step of Marsaglia's xorshift32 (13, 17, 5): the next state, which is also the output. A plain function on a
 * number, for loops where a method call per draw would cost (UMAP's negative sampling draws about a million a fit).
 *
 * @param state a non-zero 32-bit integer (zero maps to zero forever)
 * @returns the next state, a non-zero signed 32-bit integer (`>>> 0` for the unsigned value)
 * @example
 * let s = xorshift32Seed(rng);
 * s = xorshift32(s);
 * const index = ((s >>> 0) * (n / 4294967296)) | 0;
 */
export function xorshift32(state: number): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return state;
}

/** A non-zero starting state for {@link xorshift32}, drawn from `random`. */
export function xorshift32Seed(random: RandomStream): number {
  return random.uint32() | 1;
}
