/**
 * A seeded generator of floats in [0, 1) for the tracker's tests (mulberry32): the same seed gives the same
 * sequence, so a failing random scenario can be replayed.
 *
 * @param seed any integer.
 * @example
 * const random = seededRandom(7);
 * random() === seededRandom(7)(); // true
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
