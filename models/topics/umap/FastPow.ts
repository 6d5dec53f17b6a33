/** Mantissa bins of the table: linear interpolation over 1/256 of an octave keeps the error near 3e-6 for b <= 2. */
const BINS = 256;

/**
 * x^b for a fixed b and x > 0, to a few parts per million, several times faster than Math.pow (whose
 * transcendental calls dominated the SGD loop). With x = m 2^e (m in [1, 2), read through a float64 bit view),
 * x^b = (2^e)^b m^b: the first factor from a table per exponent, the second interpolated linearly in a table
 * over m. The tables are built with Math.pow, so results are the same on every platform. The SGD gradient is a
 * noisy estimate anyway; a relative error of 1e-5 in it changes nothing measurable.
 */
export class FastPow {
  private readonly f64 = new Float64Array(1);
  private readonly i32: Int32Array;
  /** (2^e)^b for biased exponents 0..2047. */
  private readonly octave = new Float64Array(2048);
  /** m^b at m = 1 + i / BINS, i = 0..BINS. */
  private readonly mantissa = new Float64Array(BINS + 1);

  constructor(readonly b: number) {
    this.i32 = new Int32Array(this.f64.buffer);
    for (let e = 1; e < 2047; e++) this.octave[e] = Math.pow(2, (e - 1023) * b);
    for (let i = 0; i <= BINS; i++) this.mantissa[i] = Math.pow(1 + i / BINS, b);
  }

  /** x^b for finite x > 0 (0 for x <= 0; subnormal x through Math.pow). */
  pow(x: number): number {
    if (!(x > 0)) return 0;
    const f64 = this.f64;
    f64[0] = x;
    // Little-endian: i32[1] holds the sign, the 11 exponent bits and the top 20 mantissa bits.
    const hi = this.i32[1]!;
    const biased = hi >>> 20;
    if (biased === 0 || biased === 2047) return Math.pow(x, this.b);
    // m - 1 in [0, 1) from the top 20 mantissa bits and the low word (only the top bits matter here).
    const pos = ((hi & 0x000fffff) + (this.i32[0]! >>> 0) / 4294967296) * (BINS / 1048576);
    const i = pos | 0;
    const lo = this.mantissa[i]!;
    return this.octave[biased]! * (lo + (pos - i) * (this.mantissa[i + 1]! - lo));
  }
}
