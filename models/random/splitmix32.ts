import { mix32 } from './mix32';
import { RandomStream } from './RandomStream';

/**
 * splitmix32: a Weyl sequence (state += golden ratio) through {@link mix32}. One 32-bit word of state, so any
 * integer is a valid state; also what the four-word generators use to spread a seed over their state.
 *
 * @example
 * const rng = SplitMix32.fromSeed(42);
 * rng.next(); // the same on every run
 */
export class SplitMix32 extends RandomStream {
  private state: number;

  /** @param state the raw starting state (any 32-bit integer); {@link fromSeed} hashes a seed first */
  constructor(state: number) {
    super();
    this.state = state | 0;
  }

  /** A stream from a seed (taken modulo 2^32) hashed by {@link mix32}, so nearby seeds start far apart. */
  static fromSeed(seed: number): SplitMix32 {
    return new SplitMix32(mix32(seed >>> 0));
  }

  uint32(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    return mix32(this.state);
  }
}
