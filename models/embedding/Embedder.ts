/**
 * Turns chat messages into fixed-size vectors. Every embedder (the bag-of-words baseline now, ConvBERT next) has
 * this shape, so the topic pipeline and the embed service can swap them.
 */
export interface Embedder {
  /** What produced the vectors, e.g. `bow-v1` or `convbert:<model name>@<version>`: stored next to results. */
  readonly id: string;
  readonly dimension: number;
  /**
   * One vector per text, in order. A text with no usable content still gets a vector, never an error: the zero
   * vector for the bag-of-words baseline (callers treat it as noise), the model's vector of the bare
   * `<cls> <sep>` template for ConvBERT.
   */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** Releases workers or native sessions. */
  close(): Promise<void>;
}

/** An embedder that also takes token ids directly (a transformer model): for fixtures, and for models without a tokenizer. */
export interface TokenIdsEmbedder extends Embedder {
  /**
   * One vector per id sequence, in order. Each sequence is a whole model input (special tokens included), at
   * least one id long.
   * @param typeIds optional token type ids per sequence, same lengths (default all 0)
   */
  embedIds(
    sequences: readonly (readonly number[])[],
    typeIds?: readonly (readonly number[])[],
  ): Promise<Float32Array[]>;
}

/** Whether `embedder` can embed token ids. */
export function canEmbedIds(embedder: Embedder): embedder is TokenIdsEmbedder {
  return typeof (embedder as Partial<TokenIdsEmbedder>).embedIds === 'function';
}
