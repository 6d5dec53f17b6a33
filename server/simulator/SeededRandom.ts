/**
 * A small, fast, deterministic pseudo-random generator (sfc32, seeded through splitmix32).
 * The simulator draws every random choice from instances of this class, never from `Math.random`, so the same
 * seed always yields the same chat.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  /**
   * @param seed any finite number; integers up to 2^53 are fully used, fractions are truncated.
   * @throws RangeError when the seed is not finite.
   */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`SeededRandom: seed must be a finite number, got ${seed}`);
    const s = Math.trunc(seed);
    let x = (s >>> 0) ^ 0x9e3779b9;
    const hi = Math.floor(s / 4294967296) >>> 0;
    // splitmix32 spreads the seed over the four words of state.
    const mix = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x ^ hi;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix() | 1;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /**
   * A generator for an independent sub-stream, identified by labels (e.g. `derive(seed, 'block', 12)`).
   * Lets parts of the simulation stay stable when other parts change (the schedule does not depend on the rate).
   */
  static derive(seed: number, ...labels: readonly (string | number)[]): SeededRandom {
    let h = hashString(String(Math.trunc(seed)));
    for (const label of labels) h = hashString(String(label), h ^ 0x5bd1e995);
    return new SeededRandom(h * 4096 + (Math.abs(Math.trunc(seed)) % 4096));
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number {
    const a = this.a, b = this.b, c = this.c, d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.c = (r + t) | 0;
    return t >>> 0;
  }

  /** A float uniformly distributed in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** A float uniformly distributed in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** An integer uniformly distributed in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /**
   * A uniformly chosen element.
   * @throws RangeError on an empty array.
   */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('SeededRandom.pick: empty array');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /**
   * An element chosen with probability proportional to its weight.
   * @throws RangeError when lengths differ or no weight is positive.
   */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    if (items.length !== weights.length) throw new RangeError('SeededRandom.weighted: items and weights differ in length');
    let total = 0;
    for (const w of weights) if (w > 0) total += w;
    if (!(total > 0)) throw new RangeError('SeededRandom.weighted: no positive weight');
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      const w = weights[i] as number;
      if (w <= 0) continue;
      r -= w;
      if (r < 0) return items[i] as T;
    }
    for (let i = items.length - 1; i >= 0; i--) if ((weights[i] as number) > 0) return items[i] as T;
    throw new RangeError('SeededRandom.weighted: unreachable');
  }

  /**
   * Index into a cumulative weight table (`cumulative[i]` = sum of weights 0..i), by binary search.
   * @param cumulative non-decreasing, last element > 0
   * @param length how many entries of `cumulative` to use (defaults to all)
   */
  cumulativeIndex(cumulative: ArrayLike<number>, length = cumulative.length): number {
    const r = this.next() * (cumulative[length - 1] as number);
    let lo = 0;
    let hi = length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** A normally distributed float (Box-Muller). */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * z;
    }
    let u = this.next();
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  /** An exponentially distributed float with the given rate (mean `1 / rate`). */
  exponential(rate = 1): number {
    return -Math.log(1 - this.next()) / rate;
  }

  /** A Poisson-distributed integer with mean `lambda` (Knuth's method: meant for small means). */
  poisson(lambda: number): number {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
}

/** FNV-1a 32-bit hash of a string: used to derive seeds and stable fake ids. */
export function hashString(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
