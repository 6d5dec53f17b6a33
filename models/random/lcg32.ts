import { RandomStream } from './RandomStream';

/**
 * A 32-bit linear congruential generator (state = state * a + c mod 2^32). Weak in its low bits and in many
 * dimensions, but fast and trivially reproducible: kept for the test data recorded with it; prefer the other
 * generators for anything new.
 *
 * @example
 * const rng = Lcg32.numericalRecipes(1);
 * rng.uniform(-1, 1);
 */
export class Lcg32 extends RandomStream {
  private state: number;

  /**
   * @param state the starting state (taken modulo 2^32)
   * @param multiplier `a`
   * @param increment `c`, odd for the full period
   */
  constructor(
    state: number,
    private readonly multiplier: number,
    private readonly increment: number,
  ) {
    super();
    this.state = state >>> 0;
  }

  /** Numerical Recipes' constants (a = 1664525, c = 1013904223). */
  static numericalRecipes(seed: number): Lcg32 {
    return new Lcg32(seed, 1664525, 1013904223);
  }

  /** The ANSI C example `rand()` constants (a = 1103515245, c = 12345), over the whole 32-bit state. */
  static ansiC(seed: number): Lcg32 {
    return new Lcg32(seed, 1103515245, 12345);
  }

  uint32(): number {
    this.state = (Math.imul(this.state, this.multiplier) + this.increment) >>> 0;
    return this.state;
  }
}
