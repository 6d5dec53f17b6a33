/**
 * MurmurHash3's 32-bit finaliser: every input bit flips about half of the output bits. The output step of
 * splitmix32 and the seed spreader of the other generators.
 *
 * @param x any 32-bit integer (signed or not: only the bits count)
 * @returns an unsigned 32-bit integer
 * @example mix32(1); // 1364076727
 */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Folds a seed of up to 2^53 into 32 bits (its low word xor its high word), so seeds that differ only above bit 31
 * still give different streams. Fractions are truncated.
 *
 * @returns a signed 32-bit integer
 * @example foldSeed(2 ** 32 + 5) === (5 ^ 1); // true
 */
export function foldSeed(seed: number): number {
  return Math.trunc(seed) ^ Math.trunc(seed / 4294967296);
}
