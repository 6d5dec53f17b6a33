import { foldSeed } from './mix32';
import { RandomStream } from './RandomStream';
import { SplitMix32 } from './splitmix32';

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/**
 * xoshiro128** (Blackman and Vigna): four words of state, fast, and good in every bit; the seed is spread over the
 * state by {@link SplitMix32}.
 *
 * @example
 * const rng = new Xoshiro128StarStar(42);
 * rng.normalFromComplement();
 */
export class Xoshiro128StarStar extends RandomStream {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** @param seed an integer up to 2^53; different seeds give unrelated streams. */
  constructor(seed: number) {
    super();
    const spread = new SplitMix32(foldSeed(seed) ^ 0x9e3779b9);
    this.s0 = spread.uint32() | 0;
    this.s1 = spread.uint32() | 0;
    this.s2 = spread.uint32() | 0;
    this.s3 = spread.uint32() | 1; // never the all-zero state
  }

  uint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }
}
