import { FEATURE_BUCKETS, hashedFeatures } from '../../bow/textFeatures';

/**
 * L2-normalised sparse rows packed end to end: row r is `indices` (ascending) / `values` from `offsets[r]` to
 * `offsets[r + 1]`.
 */
export interface SparseRows {
  offsets: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/**
 * TF-IDF vectors of the messages over the hashed word and character-n-gram features of the bag-of-words baseline,
 * with the IDF of this very set of messages (a stream, a live window), packed in three typed arrays (a long stream
 * holds millions of features; an object per message would cost more than its numbers). The IDF matters: without it
 * the words every message uses ("de", "le", "c'est") dominate the cosine; the baseline embedder ships unfitted for
 * that reason.
 *
 * @param texts the messages
 * @example
 * const rows = sparseTextRows(['la chasse', 'les chasseurs']); rowCosine(rows, 0, 1); // > 0: shared n-grams
 */
export function sparseTextRows(texts: readonly string[]): SparseRows {
  const n = texts.length;
  const offsets = new Int32Array(n + 1);
  let indices = new Int32Array(Math.max(16, n * 32));
  let counts = new Int32Array(indices.length);
  // Document frequency per hashed bucket: a flat array reads faster than a map of the few hundred thousand in use.
  const df = new Int32Array(FEATURE_BUCKETS);
  // Chat repeats itself ("MDR", "KEKW", copy-pasta): a text seen before copies the features of its first row.
  const firstRow = new Map<string, number>();
  let packed = new Float64Array(256);
  for (let r = 0; r < n; r++) {
    const text = texts[r]!;
    const at = offsets[r]!;
    const seen = firstRow.get(text);
    const features = seen === undefined ? hashedFeatures(text) : null;
    const length = features ? features.size : offsets[seen! + 1]! - offsets[seen!]!;
    if (at + length > indices.length) {
      const grownLength = Math.max(indices.length * 2, at + length);
      indices = grown(indices, grownLength);
      counts = grown(counts, grownLength);
    }
    if (features) {
      firstRow.set(text, r);
      // Each feature and its count as one number (bucket * 2^32 + count): a numeric sort of those orders the buckets.
      if (packed.length < length) packed = new Float64Array(2 * length);
      let k = 0;
      for (const [bucket, count] of features) packed[k++] = bucket * 2 ** 32 + count;
      packed.subarray(0, length).sort();
      for (let e = 0; e < length; e++) {
        const bucket = Math.floor(packed[e]! / 2 ** 32);
        indices[at + e] = bucket;
        counts[at + e] = packed[e]! - bucket * 2 ** 32;
      }
    } else {
      indices.copyWithin(at, offsets[seen!]!, offsets[seen! + 1]!);
      counts.copyWithin(at, offsets[seen!]!, offsets[seen! + 1]!);
    }
    for (let e = at; e < at + length; e++) df[indices[e]!]!++;
    offsets[r + 1] = at + length;
  }
  const total = offsets[n]!;
  const values = new Float32Array(total);
  for (let r = 0; r < n; r++) {
    const start = offsets[r]!;
    const end = offsets[r + 1]!;
    let norm = 0;
    for (let e = start; e < end; e++) {
      const w = (1 + Math.log(counts[e]!)) * (Math.log((1 + n) / (1 + df[indices[e]!]!)) + 1);
      values[e] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let e = start; e < end; e++) values[e]! /= norm;
  }
  return { offsets, indices: indices.slice(0, total), values };
}

/** Cosine of rows r and q of packed normalised rows (0 when either is empty). */
export function rowCosine(rows: SparseRows, r: number, q: number): number {
  const { offsets, indices, values } = rows;
  let i = offsets[r]!;
  let j = offsets[q]!;
  const iEnd = offsets[r + 1]!;
  const jEnd = offsets[q + 1]!;
  let s = 0;
  while (i < iEnd && j < jEnd) {
    const x = indices[i]!;
    const y = indices[j]!;
    if (x === y) s += values[i++]! * values[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

function grown(a: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(length);
  b.set(a);
  return b;
}
