import { mix32 } from './mix32';
import { RandomStream } from './RandomStream';

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): four words of state and a counter, so no short
 * cycles. The seed, up to 2^53, is spread over the state by a splitmix32-like sequence (the seed's high word is mixed
 * into every step) and the first 12 outputs are discarded.
 *
 * @example
 * const rng = new Sfc32(42);
 * rng.int(1, 6);
 */
export class Sfc32 extends RandomStream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * @param seed any finite number; integers up to 2^53 are fully used, fractions are truncated.
   * @throws RangeError when the seed is not finite.
   */
  constructor(seed: number) {
    super();
    if (!Number.isFinite(seed)) throw new RangeError(`Sfc32: seed must be a finite number, got ${seed}`);
    const s = Math.trunc(seed);
    let x = (s >>> 0) ^ 0x9e3779b9;
    const hi = Math.floor(s / 4294967296) >>> 0;
    const spread = (): number => {
      x = (x + 0x9e3779b9) | 0;
      return mix32(x ^ hi);
    };
    this.a = spread();
    this.b = spread();
    this.c = spread();
    this.d = spread() | 1;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const a = this.a,
      b = this.b,
      c = this.c,
      d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.c = (r + t) | 0;
    return t >>> 0;
  }
}
