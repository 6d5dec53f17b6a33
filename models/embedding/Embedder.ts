/**
 * Turns chat messages into fixed-size vectors. Every embedder (the bag-of-words baseline now, ConvBERT next) has
 * this shape, so the topic pipeline and the embed service can swap them.
 */
export interface Embedder {
  /** What produced the vectors, e.g. `bow-v1` or `convbert:<model name>@<version>`: stored next to results. */
  readonly id: string;
  readonly dimension: number;
  /**
   * One vector per text, in order. A text with no usable content gets the zero vector (callers treat it as
   * noise), never an error.
   */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** Releases workers or native sessions. */
  close(): Promise<void>;
}
