/**
 * FNV-1a, 32 bits, over a string's UTF-16 code units: a stable hash for seeds and fake ids (the same on every run
 * and machine). Its low bits are weak for short strings: take {@link fnv1a32Mixed} for `% n` or thresholds.
 *
 * @param basis the starting value; another basis gives another hash family (used to chain labels)
 * @example fnv1a32('zerator').toString(36);
 */
export function fnv1a32(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * {@link fnv1a32} followed by an avalanche step, so every output bit depends on every input character: for choices
 * that must not depend on order, such as a held-out split by threshold.
 *
 * @example fnv1a32Mixed('stream-7#12') % 100; // the same on every run and machine
 */
export function fnv1a32Mixed(text: string): number {
  let h = fnv1a32(text);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}
