/**
 * A seeded source of random numbers and the draws built on it. A generator (mulberry32, sfc32, ...) supplies
 * {@link uint32}; every other draw derives from it here, so each draw is written once and the same seed gives the
 * same sequence of draws whatever the caller. The derivations are fixed: recorded streams (UMAP layouts, training
 * batches, the simulator's chat, samples) depend on every one of them.
 *
 * @example
 * const rng = new Sfc32(42);
 * rng.int(1, 6); // a die roll
 * rng.pick(['a', 'b']);
 */
export abstract class RandomStream {
  /** The second value of the last Box-Muller pair, NaN when none is kept. */
  private spareNormal = NaN;

  /** A uniformly distributed unsigned 32-bit integer: the generator's own output. */
  abstract uint32(): number;

  /** A float uniformly distributed in [0, 1), in steps of 2^-32. */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** {@link next} as a plain function, for code that takes a `() => number`. */
  toFunction(): () => number {
    return () => this.next();
  }

  /** A float uniformly distributed in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** An integer uniformly distributed in [0, n). */
  intBelow(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer uniformly distributed in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + this.intBelow(max - min + 1);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A fresh non-negative 31-bit seed, for a sub-generator or a library that takes an integer seed. */
  nextSeed(): number {
    return Math.floor(this.next() * 0x7fffffff);
  }

  /**
   * A uniformly chosen element.
   * @throws RangeError on an empty array.
   */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('RandomStream.pick: empty array');
    return items[this.intBelow(items.length)] as T;
  }

  /**
   * An element chosen with probability proportional to its weight (weights <= 0 are never chosen).
   * @throws RangeError when lengths differ or no weight is positive.
   */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    if (items.length !== weights.length)
      throw new RangeError('RandomStream.weighted: items and weights differ in length');
    let total = 0;
    for (const w of weights) if (w > 0) total += w;
    if (!(total > 0)) throw new RangeError('RandomStream.weighted: no positive weight');
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      const w = weights[i] as number;
      if (w <= 0) continue;
      r -= w;
      if (r < 0) return items[i] as T;
    }
    // Rounding left r just above zero: the last positive weight.
    for (let i = items.length - 1; i >= 0; i--) if ((weights[i] as number) > 0) return items[i] as T;
    throw new RangeError('RandomStream.weighted: unreachable');
  }

  /**
   * Index into a cumulative weight table (`cumulative[i]` = sum of weights 0..i), by binary search.
   * @param cumulative non-decreasing, last used element > 0
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

  /**
   * A normally distributed float (Box-Muller on u in (0, 1), a drawn 0 drawn again; the pair's second value is kept
   * for the next call). The simulator's variant; see {@link normalFromComplement} for UMAP's.
   */
  normal(mean = 0, sd = 1): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = NaN;
      return mean + sd * z;
    }
    let u = this.next();
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    // (sd * r) * cos, in this order: the recorded streams were computed so.
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  /**
   * A standard normal float (Box-Muller on 1 - u, which is never 0, so nothing is redrawn; the pair's second value
   * is kept for the next call). The same distribution as {@link normal} but another sequence: UMAP's layouts were
   * recorded with this one.
   */
  normalFromComplement(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = NaN;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(1 - this.next()));
    const theta = 2 * Math.PI * this.next();
    this.spareNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /**
   * A normally distributed float with mean 0: Box-Muller's cosine value alone (on 1 - u; the sine is dropped, so
   * every value costs two draws). Initial weights and test data were recorded with this one.
   *
   * @param sd the standard deviation, applied before the cosine (`(sd * r) * cos`), as the recorded values were
   */
  normalOnce(sd = 1): number {
    return sd * Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
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
