import { RandomStream } from './RandomStream';

/**
 * mulberry32: one 32-bit word of state, so a checkpoint can store it ({@link state}) and a resumed run draws the
 * same numbers as an uninterrupted one (`new Mulberry32(saved.state)`).
 *
 * @example
 * const rng = Mulberry32.fromSeed(42);
 * rng.intBelow(10); // 0..9
 * const again = new Mulberry32(rng.state); // continues the same sequence
 */
export class Mulberry32 extends RandomStream {
  private s: number;

  /** @param state the raw starting state (e.g. a saved {@link state}); {@link fromSeed} mixes a seed first */
  constructor(state: number) {
    super();
    this.s = state >>> 0;
  }

  /** A stream from a seed (taken modulo 2^32) mixed so that nearby seeds (1, 2, 3) start far apart. */
  static fromSeed(seed: number): Mulberry32 {
    return new Mulberry32(Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b));
  }

  /** The whole state: `new Mulberry32(state)` continues from here. */
  get state(): number {
    return this.s;
  }

  uint32(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
}
