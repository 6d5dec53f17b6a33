/**
 * A small seeded generator (splitmix32) for the trainer's only random choice, the held-out sample: the same seed
 * always picks the same messages.
 *
 * @example
 * const next = seededRandom(42);
 * next(); // a number in [0, 1), the same for every run with seed 42
 */
export function seededRandom(seed: number): () => number {
  let state = (Math.trunc(seed) ^ Math.trunc(seed / 4294967296) ^ 0x2545f491) | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}
