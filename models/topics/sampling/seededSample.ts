/** Murmur3's 32-bit finaliser: spreads every input bit over the output. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * A seeded uniform generator on [0, 1): a Weyl sequence passed through `mix32`. Enough for sampling messages;
 * the same seed always gives the same sequence.
 * @param seed any integer (taken modulo 2^32)
 */
export function seededUniform(seed: number): () => number {
  let state = mix32(seed >>> 0);
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    return mix32(state) / 4294967296;
  };
}

/** A seed for one stream of a seeded computation (e.g. one topic), independent of the other streams. */
export function subSeed(seed: number, stream: number): number {
  return mix32((seed >>> 0) ^ mix32(Math.imul(stream + 1, 0x9e3779b9)));
}

/**
 * `k` distinct items drawn uniformly (partial Fisher-Yates), returned in ascending order of their position in
 * `items`, so that only the choice, not the order, depends on the generator. All items when k >= items.length.
 */
export function sampleInOrder(items: Int32Array, k: number, random: () => number): Int32Array {
  if (k >= items.length) return items.slice();
  const positions = new Int32Array(items.length);
  for (let i = 0; i < items.length; i++) positions[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (items.length - i));
    const p = positions[j]!;
    positions[j] = positions[i]!;
    positions[i] = p;
  }
  const picked = positions.slice(0, k).sort();
  for (let i = 0; i < k; i++) picked[i] = items[picked[i]!]!;
  return picked;
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
