import { readFile } from 'node:fs/promises';
import type { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import type { TokenBatch } from '../convbert';
import { CONVBERT_ONNX_INPUTS, CONVBERT_ONNX_METADATA } from './convbert/convBertOnnxContract';
import { InferenceError } from './errors';
import {
  CUDA_INSTALL_HINT,
  CUDA_RUNTIME_HINT,
  cudaAvailability,
  type CudaAvailability,
  type ExecutionProviderChoice,
} from './executionProvider';
import { readOnnxMetadata } from './protobuf/readOnnxMetadata';
import { validateTokenBatch } from './validateTokenBatch';
import { errorMessage } from '../errors/errorMessage';

export interface OnnxConvBertSessionOptions {
  /** Intra-op threads (default 1). Inter-op parallelism is off: the graph is one chain. */
  threads?: number;
  /** Default `cpu`. `auto` takes CUDA when it is installed and a session can be created on it. */
  executionProvider?: ExecutionProviderChoice;
  /**
   * How CUDA's presence is checked before a session is asked for (default `cudaAvailability`). A test stands in a
   * check that says yes, to see what happens when the install has CUDA but ONNX Runtime cannot use it (no GPU).
   */
  cudaCheck?: () => Promise<CudaAvailability>;
  /** Model sizes for input checks, when the model does not carry them in its metadata (models not built here). */
  vocabSize?: number;
  maxPositions?: number;
  typeVocabSize?: number;
}

/** One output of {@link OnnxConvBertSession.run}: row-major values and their dimensions. */
export interface OnnxOutput {
  data: Float32Array;
  dims: number[];
}

/**
 * A ConvBERT ONNX model (as {@link buildConvBertOnnx} writes it) loaded in ONNX Runtime: checks every batch
 * against the model's sizes, then runs it. Sequential execution, all graph optimisations.
 *
 * @example
 * const session = await OnnxConvBertSession.create(buildConvBertOnnx(weights), { threads: 2 });
 * const { cls } = await session.run(padTokenBatch([[3, 52, 4], [3, 4]], 0), ['cls']);
 * cls!.dims; // [2, hidden]
 * await session.close();
 */
export class OnnxConvBertSession {
  /** The model's outputs (`cls`, `mean_pooled`, `last_hidden_state`, and `logits` or debug outputs if built with them). */
  readonly outputNames: readonly string[];
  private closed = false;

  private constructor(
    private readonly session: InferenceSession,
    private readonly ort: typeof import('onnxruntime-node'),
    /** The model file, or `<bytes>`: how errors name the model. */
    readonly model: string,
    /** The execution provider actually used. */
    readonly executionProvider: 'cpu' | 'cuda',
    readonly threads: number,
    readonly vocabSize: number,
    readonly maxPositions: number,
    readonly typeVocabSize: number,
  ) {
    this.outputNames = [...session.outputNames];
  }

  /**
   * Loads a model from bytes or from a `.onnx` path.
   *
   * @throws InferenceError when the file cannot be read, is not an ONNX model, lacks the sizes (neither in its
   *   metadata nor in `options`), asks for CUDA where it is unavailable, or ONNX Runtime refuses it
   */
  static async create(
    model: Uint8Array | string,
    options: OnnxConvBertSessionOptions = {},
  ): Promise<OnnxConvBertSession> {
    const label = typeof model === 'string' ? model : '<bytes>';
    const threads = options.threads ?? 1;
    if (!Number.isInteger(threads) || threads < 1)
      throw new InferenceError(`threads must be a positive integer, got ${threads}`, { model: label });
    let bytes: Uint8Array;
    try {
      bytes = typeof model === 'string' ? new Uint8Array(await readFile(model)) : model;
    } catch (cause) {
      throw new InferenceError('cannot read the model file', { model: label, cause });
    }
    let metadata: Record<string, string>;
    try {
      metadata = readOnnxMetadata(bytes);
    } catch (cause) {
      throw new InferenceError('not an ONNX model (the protobuf does not parse)', { model: label, cause });
    }
    const size = (option: number | undefined, key: string, optionName: string): number => {
      const value = option ?? (metadata[key] !== undefined ? Number(metadata[key]) : undefined);
      if (value === undefined)
        throw new InferenceError(`the model has no "${key}" metadata; pass options.${optionName}`, { model: label });
      if (!Number.isInteger(value) || value < 1)
        throw new InferenceError(`${optionName} must be a positive integer, got ${value}`, { model: label });
      return value;
    };
    const vocabSize = size(options.vocabSize, CONVBERT_ONNX_METADATA.vocabSize, 'vocabSize');
    const maxPositions = size(options.maxPositions, CONVBERT_ONNX_METADATA.maxPositions, 'maxPositions');
    const typeVocabSize = size(options.typeVocabSize, CONVBERT_ONNX_METADATA.typeVocabSize, 'typeVocabSize');

    const requested = options.executionProvider ?? 'cpu';
    if (requested !== 'cpu' && requested !== 'cuda' && requested !== 'auto') {
      throw new InferenceError(`executionProvider must be "cpu", "cuda" or "auto", got ${JSON.stringify(requested)}`, {
        model: label,
      });
    }
    let wantCuda = false;
    if (requested !== 'cpu') {
      const cuda = await (options.cudaCheck ?? cudaAvailability)();
      if (requested === 'cuda' && !cuda.available)
        throw new InferenceError(`CUDA is unavailable: ${cuda.reason}; ${CUDA_INSTALL_HINT}`, { model: label });
      wantCuda = cuda.available;
    }

    const ort = await import('onnxruntime-node');
    const sessionOptions = (provider: 'cpu' | 'cuda'): InferenceSession.SessionOptions => ({
      executionProviders: provider === 'cuda' ? ['cuda', 'cpu'] : ['cpu'],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    const open = async (provider: 'cpu' | 'cuda') =>
      new OnnxConvBertSession(
        await ort.InferenceSession.create(bytes, sessionOptions(provider)),
        ort,
        label,
        provider,
        threads,
        vocabSize,
        maxPositions,
        typeVocabSize,
      );
    try {
      if (wantCuda) {
        try {
          return await open('cuda');
        } catch (cause) {
          // No GPU, or a driver / CUDA mismatch: 'auto' means "CUDA if it works".
          // The install has the provider, so what is missing is at run time: say what ONNX Runtime said.
          if (requested === 'cuda')
            throw new InferenceError(
              `CUDA is unavailable: ONNX Runtime could not create a CUDA session (${errorMessage(cause)}); ${CUDA_RUNTIME_HINT}`,
              { model: label, cause },
            );
        }
      }
      return await open('cpu');
    } catch (cause) {
      if (cause instanceof InferenceError) throw cause;
      throw new InferenceError('ONNX Runtime refused the model', { model: label, cause });
    }
  }

  /**
   * Runs one batch and returns the requested outputs, each as float32 values with their dimensions.
   *
   * @param outputs names from {@link outputNames}; ask only for what you need (each one is copied out of the runtime)
   * @throws InferenceError for a closed session, an unknown output, or a batch that fails the checks of
   *   `validateTokenBatch` (naming the input, row and position), or when ONNX Runtime fails
   */
  async run(batch: TokenBatch, outputs: readonly string[]): Promise<Record<string, OnnxOutput>> {
    const model = this.model;
    if (this.closed) throw new InferenceError('the session is closed', { model });
    if (outputs.length === 0)
      throw new InferenceError(`no output requested (available: ${this.outputNames.join(', ')})`, { model });
    for (const name of outputs) {
      if (!this.outputNames.includes(name))
        throw new InferenceError(`unknown output (available: ${this.outputNames.join(', ')})`, { model, input: name });
    }
    validateTokenBatch(batch, this, model);

    const dims = [batch.batchSize, batch.length];
    const int64 = (data: Int32Array) =>
      new this.ort.Tensor(
        'int64',
        BigInt64Array.from(data, (v) => BigInt(v)),
        dims,
      );
    const feeds = {
      [CONVBERT_ONNX_INPUTS.inputIds]: int64(batch.inputIds),
      [CONVBERT_ONNX_INPUTS.attentionMask]: int64(batch.attentionMask),
      [CONVBERT_ONNX_INPUTS.tokenTypeIds]: int64(batch.tokenTypeIds),
    };
    let results: Record<string, OrtTensor>;
    try {
      results = await this.session.run(feeds, [...new Set(outputs)]);
    } catch (cause) {
      throw new InferenceError(`ONNX Runtime failed on a ${batch.batchSize} x ${batch.length} batch`, { model, cause });
    }
    const out: Record<string, OnnxOutput> = {};
    for (const name of outputs) {
      const t = results[name];
      if (t === undefined || t.type !== 'float32')
        throw new InferenceError(`ONNX Runtime returned ${t === undefined ? 'nothing' : t.type}, expected float32`, {
          model,
          input: name,
        });
      out[name] = { data: t.data as Float32Array, dims: [...t.dims] };
    }
    return out;
  }

  /** Releases the native session; later runs throw. Closing twice is harmless. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.session.release();
  }
}
