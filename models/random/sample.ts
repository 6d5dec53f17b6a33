import type { RandomStream } from './RandomStream';

/**
 * `k` distinct items drawn uniformly (partial Fisher-Yates), returned in ascending order of their position in
 * `items`, so that only the choice, not the order, depends on the generator. All items when k >= items.length.
 *
 * @example sampleInOrder(ids, 500, SplitMix32.fromSeed(42));
 */
export function sampleInOrder(items: Int32Array, k: number, random: RandomStream): Int32Array {
  if (k >= items.length) return items.slice();
  const positions = new Int32Array(items.length);
  for (let i = 0; i < items.length; i++) positions[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + random.intBelow(items.length - i);
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
 *
 * @example sampleWithoutReplacement(rows, 100, SplitMix32.fromSeed(0));
 */
export function sampleWithoutReplacement(items: ArrayLike<number>, k: number, random: RandomStream): Int32Array {
  const pool = Int32Array.from(items);
  if (k >= pool.length) return pool;
  for (let i = 0; i < k; i++) {
    const j = i + random.intBelow(pool.length - i);
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, k);
}

/**
 * Shuffles `items` in place, every order equally likely (Fisher-Yates from the end), and returns it.
 *
 * @example shuffleInPlace(Uint32Array.from({ length: n }, (_, i) => i), rng); // a random permutation of 0..n-1
 */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(items: T, random: RandomStream): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.intBelow(i + 1);
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
  return items;
}
