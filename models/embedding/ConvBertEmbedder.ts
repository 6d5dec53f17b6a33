import { padTokenBatch } from '../convbert';
import type { InstalledModel } from '../format';
import type { OnnxConvBertSession } from '../onnx';
import type { UnknownPolicy } from '../tokenizer';
import type { TokenIdsEmbedder } from './Embedder';
import { EmbedInputError, EmbedUnsupportedError, EmbeddingError } from './errors';

/** Where inference runs: ONNX Runtime's CPU or CUDA execution provider; `'auto'` takes CUDA when ORT offers it. */
export type ExecutionProviderChoice = 'cpu' | 'cuda' | 'auto';

/** What {@link ConvBertEmbedder} needs of an installed model (`loadModelDir` gives all of it). */
export type ConvBertEmbedderModel = Pick<
  InstalledModel,
  'id' | 'config' | 'pooling' | 'maxTokens' | 'tokenizer' | 'preprocess'
>;

/** What {@link ConvBertEmbedder} needs of an inference session (`OnnxConvBertSession`; tests pass a fake). */
export type EncoderSession = Pick<OnnxConvBertSession, 'executionProvider' | 'threads' | 'run' | 'close'>;

export interface ConvBertEmbedderOptions {
  /** ONNX Runtime intra-op threads. Default 1. */
  threads?: number;
  /** Default `'cpu'`. */
  executionProvider?: ExecutionProviderChoice;
  /**
   * Size of one ONNX run, in padded tokens: `maxBatchSize` x 24 (the length of a typical busy-chat message with its
   * specials). Sorted by length, short messages then share bigger batches (64 x 24 tokens = 154 messages of 10) and
   * long ones smaller, so every run keeps the matrix products large enough to be efficient. Default 64.
   */
  maxBatchSize?: number;
}

/** Tokens per row the `maxBatchSize` budget is counted at (see {@link ConvBertEmbedderOptions.maxBatchSize}). */
const BUDGET_TOKENS_PER_ROW = 24;

/**
 * The ConvBERT sentence encoder in this thread, on ONNX Runtime.
 *
 * Text path: chat preprocessing (`@mention` -> `<mention>`, URLs -> `<url>`) when the model asks for it, then the
 * model's tokenizer with its `<cls> … <sep>` template, cut at the model's `maxTokens`. Characters no vocab piece
 * covers never throw: they become `<unk>` when the vocab has one, else they are dropped (emoji in a vocab without
 * `<unk>`). A text left with no tokens besides the specials (empty, emoji only, zero-width characters) still gets a
 * vector: the model's vector of the bare template, the same for all such texts.
 *
 * Sequences are sorted by length and cut into batches of `maxBatchSize` (less padding); the ONNX graph zeroes the
 * convolution inputs at padded positions, so a message's vector does not depend on its batch neighbours. Vectors
 * come back in input order; `dimension` is the model's hidden size, pooling the model's (`cls` or `mean`).
 *
 * @example
 * const model = loadModelDir('models/twitch-fr');
 * const embedder = await ConvBertEmbedder.fromModel(model, { threads: 2 });
 * const [v] = await embedder.embed(['@bob regarde ce clip KEKW']);
 * await embedder.close();
 */
export class ConvBertEmbedder implements TokenIdsEmbedder {
  readonly id: string;
  readonly dimension: number;
  readonly executionProvider: 'cpu' | 'cuda';
  readonly threads: number;
  private readonly maxBatchSize: number;
  private readonly output: 'cls' | 'mean_pooled';
  private readonly maxTokens: number;
  private readonly padId: number;
  private readonly onUnknown: UnknownPolicy;

  /**
   * @param model the installed model (its tokenizer, config, pooling and limits)
   * @param session an inference session on the model's ONNX graph (closed by {@link close})
   */
  constructor(
    private readonly model: ConvBertEmbedderModel,
    private readonly session: EncoderSession,
    options: Pick<ConvBertEmbedderOptions, 'maxBatchSize'> = {},
  ) {
    this.id = model.id;
    this.dimension = model.config.hiddenSize;
    this.executionProvider = session.executionProvider;
    this.threads = session.threads;
    this.maxBatchSize = options.maxBatchSize ?? 64;
    if (!Number.isInteger(this.maxBatchSize) || this.maxBatchSize < 1)
      throw new RangeError(`maxBatchSize must be an integer >= 1, got ${options.maxBatchSize}`);
    this.output = model.pooling === 'cls' ? 'cls' : 'mean_pooled';
    this.maxTokens = Math.min(model.maxTokens, model.config.maxPositionEmbeddings);
    this.padId = model.config.padTokenId ?? model.tokenizer?.padId ?? 0;
    this.onUnknown = model.tokenizer?.unknownTokenId != null ? 'unk' : 'skip';
  }

  /**
   * Opens an ONNX Runtime session on the model's graph.
   * @param model from `loadModelDir`
   * @throws whatever `OnnxConvBertSession.create` throws (CUDA asked for but unavailable, unreadable graph)
   */
  static async fromModel(model: InstalledModel, options: ConvBertEmbedderOptions = {}): Promise<ConvBertEmbedder> {
    const { OnnxConvBertSession } = await import('../onnx');
    const session = await OnnxConvBertSession.create(model.onnxPath, {
      threads: options.threads ?? 1,
      executionProvider: options.executionProvider ?? 'cpu',
    });
    return new ConvBertEmbedder(model, session, options);
  }

  /**
   * Loads (and verifies) a model directory, then {@link fromModel}.
   * @throws ModelFormatError for a missing, partial or corrupt model
   */
  static async fromDir(dir: string, options: ConvBertEmbedderOptions = {}): Promise<ConvBertEmbedder> {
    const { loadModelDir } = await import('../format');
    return ConvBertEmbedder.fromModel(loadModelDir(dir), options);
  }

  /**
   * @throws EmbedUnsupportedError when the model has no tokenizer (it embeds token ids only: use {@link embedIds})
   */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const tokenizer = this.model.tokenizer;
    if (tokenizer === null) {
      throw new EmbedUnsupportedError(
        `model ${this.id} has no tokenizer: it embeds token ids only (embedIds, or chat-topics embed --ids)`,
      );
    }
    const options = {
      maxLength: this.maxTokens,
      onUnknown: this.onUnknown,
      preprocess: this.model.preprocess === 'chat',
    };
    // A tokenizer without a template could give no token at all; the pad token alone then stands for "nothing".
    const sequences = texts.map((text) => {
      const ids = tokenizer.encode(text, options).ids;
      return ids.length > 0 ? ids : [this.padId];
    });
    return this.run(sequences, undefined);
  }

  /**
   * Embeds whole model inputs (special tokens included), not cut to `maxTokens`.
   * @throws EmbedInputError naming the row (and position) of an empty sequence, one longer than the model's
   *   positions, or an id outside the vocab
   */
  async embedIds(
    sequences: readonly (readonly number[])[],
    typeIds?: readonly (readonly number[])[],
  ): Promise<Float32Array[]> {
    this.validateIds(sequences, typeIds);
    return this.run(sequences, typeIds);
  }

  async close(): Promise<void> {
    await this.session.close();
  }

  private validateIds(
    sequences: readonly (readonly number[])[],
    typeIds: readonly (readonly number[])[] | undefined,
  ): void {
    const { vocabSize, maxPositionEmbeddings, typeVocabSize } = this.model.config;
    if (typeIds !== undefined && typeIds.length !== sequences.length) {
      throw new EmbedInputError(`${typeIds.length} rows of token type ids for ${sequences.length} sequences`);
    }
    sequences.forEach((seq, row) => {
      if (seq.length === 0)
        throw new EmbedInputError(`row ${row}: empty sequence (a model input has at least one token)`);
      if (seq.length > maxPositionEmbeddings) {
        throw new EmbedInputError(`row ${row}: ${seq.length} tokens, the model has ${maxPositionEmbeddings} positions`);
      }
      seq.forEach((id, position) => {
        if (!Number.isInteger(id) || id < 0 || id >= vocabSize) {
          throw new EmbedInputError(
            `row ${row}, position ${position}: token id ${id} is outside the vocab [0, ${vocabSize})`,
          );
        }
      });
      const types = typeIds?.[row];
      if (types === undefined) return;
      if (types.length !== seq.length)
        throw new EmbedInputError(`row ${row}: ${types.length} token type ids for ${seq.length} tokens`);
      types.forEach((t, position) => {
        if (!Number.isInteger(t) || t < 0 || t >= typeVocabSize) {
          throw new EmbedInputError(
            `row ${row}, position ${position}: token type id ${t} is outside [0, ${typeVocabSize})`,
          );
        }
      });
    });
  }

  private async run(
    sequences: readonly (readonly number[])[],
    typeIds: readonly (readonly number[])[] | undefined,
  ): Promise<Float32Array[]> {
    const order = sequences.map((_, i) => i).sort((a, b) => sequences[a]!.length - sequences[b]!.length);
    const vectors = new Array<Float32Array>(sequences.length);
    const size = this.dimension;
    const budget = this.maxBatchSize * BUDGET_TOKENS_PER_ROW;
    for (let start = 0, end: number; start < order.length; start = end) {
      // Sorted ascending, so the row just added is the batch's longest: rows x its length is the padded size.
      end = start + 1;
      while (end < order.length && (end - start + 1) * sequences[order[end]!]!.length <= budget) end++;
      const rows = order.slice(start, end);
      const batch = padTokenBatch(
        rows.map((r) => sequences[r]!),
        this.padId,
        typeIds === undefined ? undefined : rows.map((r) => typeIds[r]!),
      );
      const result = (await this.session.run(batch, [this.output]))[this.output];
      if (result === undefined || result.data.length !== rows.length * size) {
        throw new EmbeddingError(
          `model ${this.id}: the session returned ${result === undefined ? 'no' : `${result.data.length} values of`} "${this.output}" for ${rows.length} sequences of ${size}`,
        );
      }
      rows.forEach((r, i) => {
        vectors[r] = result.data.slice(i * size, (i + 1) * size);
      });
    }
    return vectors;
  }
}
