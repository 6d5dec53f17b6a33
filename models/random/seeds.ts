import { fnv1a32 } from './hash';
import { mix32 } from './mix32';

/**
 * A seed for one stream of a seeded computation (e.g. one topic), independent of the other streams, so that adding
 * or changing one stream does not move the others.
 *
 * @param seed any integer (taken modulo 2^32)
 * @param stream the stream's number, >= 0
 * @returns an unsigned 32-bit seed
 * @example SplitMix32.fromSeed(subSeed(42, topic));
 */
export function subSeed(seed: number, stream: number): number {
  return mix32((seed >>> 0) ^ mix32(Math.imul(stream + 1, 0x9e3779b9)));
}

/**
 * A seed for a sub-stream named by labels (e.g. `deriveSeed(seed, 'block', 12)`): parts of a simulation stay stable
 * when other parts change. Up to 2^44, so it is meant for a generator that uses seeds beyond 32 bits ({@link Sfc32}).
 *
 * @param seed any finite number (fractions are truncated)
 * @example new Sfc32(deriveSeed(seed, 'messages'));
 */
export function deriveSeed(seed: number, ...labels: readonly (string | number)[]): number {
  let h = fnv1a32(String(Math.trunc(seed)));
  for (const label of labels) h = fnv1a32(String(label), h ^ 0x5bd1e995);
  return h * 4096 + (Math.abs(Math.trunc(seed)) % 4096);
}
