import { hashedFeatures } from '../../bow/textFeatures';

/** L2-normalised sparse rows: indices ascending, one row per message. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/**
 * TF-IDF vectors of the messages over the hashed word and character-n-gram features of the bag-of-words baseline,
 * with the IDF of this very set of messages (a stream, a live window). The IDF matters: without it the words every
 * message uses ("de", "le", "c'est") dominate the cosine; the baseline embedder ships unfitted for that reason.
 *
 * @param texts the messages
 * @example
 * const v = sparseTextVectors(['la chasse', 'les chasseurs']); sparseCosine(v[0]!, v[1]!); // > 0: shared n-grams
 */
export function sparseTextVectors(texts: readonly string[]): SparseVector[] {
  const features = texts.map((t) => hashedFeatures(t));
  const df = new Map<number, number>();
  for (const f of features) for (const k of f.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const n = texts.length;
  return features.map((f) => {
    const entries = [...f].sort((a, b) => a[0] - b[0]);
    const indices = new Int32Array(entries.length);
    const values = new Float32Array(entries.length);
    let norm = 0;
    entries.forEach(([k, count], i) => {
      const w = (1 + Math.log(count)) * (Math.log((1 + n) / (1 + df.get(k)!)) + 1);
      indices[i] = k;
      values[i] = w;
      norm += w * w;
    });
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < values.length; i++) values[i]! /= norm;
    return { indices, values };
  });
}

/** Cosine of two normalised sparse vectors (0 when either is empty). */
export function sparseCosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.indices.length && j < b.indices.length) {
    const x = a.indices[i]!;
    const y = b.indices[j]!;
    if (x === y) s += a.values[i++]! * b.values[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}
