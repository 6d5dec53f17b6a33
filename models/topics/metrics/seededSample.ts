/**
 * A seeded uniform generator in [0, 1) (mulberry32): small and fast; its quality is ample for choosing samples.
 *
 * @param seed any number; its integer part (mod 2^32) selects the stream
 */
export function seededUniform(seed: number): () => number {
  let s = Math.trunc(seed) >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `k` distinct values of `items`, chosen uniformly at random (partial Fisher-Yates on a copy), in draw order.
 * All of them, in their order, when k >= items.length.
 */
export function sampleWithoutReplacement(items: ArrayLike<number>, k: number, uniform: () => number): Int32Array {
  const pool = Int32Array.from(items);
  if (k >= pool.length) return pool;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(uniform() * (pool.length - i));
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, k);
}
