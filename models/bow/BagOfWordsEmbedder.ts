import type { Embedder } from '../embedding/Embedder';
import { mix32 } from '../random';
import { FEATURE_BUCKETS, hashedFeatures } from './textFeatures';

/** Each hashed feature lands on this many output dimensions (a sparse random projection). */
const PROJECTIONS = 4;
const PROJECTION_SCALE = 1 / Math.sqrt(PROJECTIONS);

/** The serialised document frequencies of a fitted baseline. */
export interface BagOfWordsIdf {
  version: 1;
  documents: number;
  /** [bucket, number of documents containing it], buckets ascending. */
  df: [number, number][];
}

export interface BagOfWordsOptions {
  /** Output size; 256 matches ConvBERT-small, so the topic pipeline can swap embedders. */
  dimension?: number;
  idf?: BagOfWordsIdf;
}

/**
 * The baseline every model must beat, and the fallback when no model is installed: hashed words and character
 * n-grams, weighted by sublinear TF x IDF, projected to `dimension` by a fixed sparse random projection (it keeps
 * cosine similarities close to those of the sparse vectors), L2-normalised. Deterministic, no training needed;
 * `fit` learns IDF from a corpus.
 *
 * @example
 * const bow = BagOfWordsEmbedder.fit(archivedTexts);
 * const [a, b] = await bow.embed(['bonjour tout le monde', 'bonjoru tt le monde']);
 */
export class BagOfWordsEmbedder implements Embedder {
  readonly id = 'bow-v1';
  readonly dimension: number;
  private readonly idf: Float32Array | null;
  private readonly fitted: BagOfWordsIdf | null;

  constructor(options: BagOfWordsOptions = {}) {
    this.dimension = options.dimension ?? 256;
    if (!Number.isInteger(this.dimension) || this.dimension < 2)
      throw new RangeError(`dimension must be an integer >= 2, got ${this.dimension}`);
    this.fitted = options.idf ?? null;
    this.idf = options.idf ? idfTable(options.idf) : null;
  }

  /**
   * Learns document frequencies from a corpus (one message per text).
   * @param texts the corpus; iterated once
   */
  static fit(texts: Iterable<string>, options: Omit<BagOfWordsOptions, 'idf'> = {}): BagOfWordsEmbedder {
    const df = new Map<number, number>();
    let documents = 0;
    for (const text of texts) {
      documents++;
      for (const bucket of hashedFeatures(text).keys()) df.set(bucket, (df.get(bucket) ?? 0) + 1);
    }
    const sorted = [...df.entries()].sort((a, b) => a[0] - b[0]);
    return new BagOfWordsEmbedder({ ...options, idf: { version: 1, documents, df: sorted } });
  }

  /** The fitted IDF (null when unfitted), to store next to a model and pass back as `options.idf`. */
  idfJson(): BagOfWordsIdf | null {
    return this.fitted;
  }

  /** One vector, synchronously (the baseline is cheap enough to run on the caller's thread). */
  embedOne(text: string): Float32Array {
    const out = new Float32Array(this.dimension);
    for (const [bucket, count] of hashedFeatures(text)) {
      const weight = (1 + Math.log(count)) * (this.idf ? this.idf[bucket]! : 1) * PROJECTION_SCALE;
      for (let j = 0; j < PROJECTIONS; j++) {
        const r = mix32(bucket * PROJECTIONS + j);
        out[r % this.dimension]! += r & 0x80000000 ? -weight : weight;
      }
    }
    let norm = 0;
    for (let i = 0; i < out.length; i++) norm += out[i]! * out[i]!;
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let i = 0; i < out.length; i++) out[i]! *= inv;
    }
    return out;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedOne(t));
  }

  async close(): Promise<void> {}
}

/** Smoothed IDF as scikit-learn defines it: ln((1 + n) / (1 + df)) + 1; unseen buckets get the maximum. */
function idfTable(idf: BagOfWordsIdf): Float32Array {
  if (idf.version !== 1 || !Number.isInteger(idf.documents) || idf.documents < 0 || !Array.isArray(idf.df)) {
    throw new RangeError('bag-of-words IDF: expected { version: 1, documents, df: [bucket, count][] }');
  }
  const table = new Float32Array(FEATURE_BUCKETS).fill(Math.log(1 + idf.documents) + 1);
  for (const [bucket, count] of idf.df) {
    if (!(bucket >= 0 && bucket < FEATURE_BUCKETS) || !(count >= 0))
      throw new RangeError(`bag-of-words IDF: bad entry [${bucket}, ${count}]`);
    table[bucket] = Math.log((1 + idf.documents) / (1 + count)) + 1;
  }
  return table;
}
