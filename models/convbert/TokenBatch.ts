/**
 * A right-padded batch of token sequences, row-major `[batchSize, length]`. `attentionMask` is 1 on real
 * tokens and 0 on padding; every model path (ONNX, TensorFlow.js) takes this one shape.
 */
export interface TokenBatch {
  batchSize: number;
  /** Padded length: the longest sequence of the batch. */
  length: number;
  inputIds: Int32Array;
  attentionMask: Int32Array;
  tokenTypeIds: Int32Array;
}

/**
 * Pads sequences to the longest one with `padId` (mask 0, type 0).
 *
 * @param sequences token ids per message (at least one id each: the `<cls> ... <sep>` template guarantees it)
 * @param padId the model's pad token id
 * @param typeIds optional token type ids per message, same lengths as `sequences`
 * @example
 * const batch = padTokenBatch([[5, 9, 6], [5, 6]], 0);
 * batch.length; // 3
 * Array.from(batch.attentionMask); // [1, 1, 1, 1, 1, 0]
 */
export function padTokenBatch(
  sequences: readonly ArrayLike<number>[],
  padId: number,
  typeIds?: readonly ArrayLike<number>[],
): TokenBatch {
  const batchSize = sequences.length;
  let length = 0;
  for (const s of sequences) length = Math.max(length, s.length);
  const inputIds = new Int32Array(batchSize * length).fill(padId);
  const attentionMask = new Int32Array(batchSize * length);
  const tokenTypeIds = new Int32Array(batchSize * length);
  sequences.forEach((seq, row) => {
    const types = typeIds?.[row];
    if (types !== undefined && types.length !== seq.length) {
      throw new RangeError(`row ${row}: ${types.length} type ids for ${seq.length} tokens`);
    }
    const base = row * length;
    for (let i = 0; i < seq.length; i++) {
      inputIds[base + i] = seq[i]!;
      attentionMask[base + i] = 1;
      if (types !== undefined) tokenTypeIds[base + i] = types[i]!;
    }
  });
  return { batchSize, length, inputIds, attentionMask, tokenTypeIds };
}
