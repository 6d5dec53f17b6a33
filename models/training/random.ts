/**
 * A seedable random source whose whole state is one 32-bit integer (mulberry32), so a checkpoint can store it and
 * a resumed run draws the same numbers as an uninterrupted one. Every random choice of training goes through it.
 *
 * @example
 * const rng = new SeededRandom(42);
 * rng.int(10); // 0..9
 * const again = SeededRandom.fromState(rng.state); // continues the same sequence
 */
export class SeededRandom {
  private s: number;

  constructor(seed: number) {
    // Mix the seed so nearby seeds (1, 2, 3) start far apart.
    this.s = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  }

  /** A generator continuing from a saved {@link state}. */
  static fromState(state: number): SeededRandom {
    const r = new SeededRandom(0);
    r.s = state >>> 0;
    return r;
  }

  /** The state to save; {@link fromState} continues from it. */
  get state(): number {
    return this.s;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A fresh 31-bit seed (for tfjs dropout masks and sub-generators). */
  seed(): number {
    return Math.floor(this.next() * 0x7fffffff);
  }
}

/**
 * A deterministic 32-bit hash of a string (FNV-1a), for choices that must not depend on order (held-out split).
 *
 * @example
 * hashString('stream-7#12') % 100; // the same on every run and machine
 */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche: FNV's low bits are weak for short strings.
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}
