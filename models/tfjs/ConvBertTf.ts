import * as tf from '@tensorflow/tfjs';
import {
  CheckpointError,
  expectedConvBertWeights,
  formatShape,
  sameShape,
  TIED_LM_HEAD_WEIGHT,
  type ConvBertConfig,
  type Tensor,
} from '../checkpoint';
import { randomConvBertWeights, type ConvBertWeights, type Pooling, type TokenBatch } from '../convbert';
import { ConvBertEmbeddingsTf } from './ConvBertEmbeddingsTf';
import { ConvBertLayerTf } from './ConvBertLayerTf';
import { ConvBertMlmHeadTf } from './ConvBertMlmHeadTf';
import type { SelfAttentionTrace } from './ConvBertSelfAttentionTf';
import { ConvBertTfError } from './errors';
import { activationFor } from './ops/activations';
import type { Dropout, ForwardContext, ParameterLookup } from './parameters';
import { toHfLayout, toTfLayout } from './weightLayout';

/** How the convolution branch treats padded positions; see {@link EncodeOptions.convPadding}. */
export type ConvPadding = 'masked' | 'hf';

export interface EncodeOptions {
  /** Apply dropout (default false: deterministic, HF's eval mode). */
  training?: boolean;
  /**
   * Seed of the dropout masks (each dropout site draws from `dropoutSeed` plus its index): the same seed gives the
   * same masks, so a resumed training run replays exactly. Default: unseeded (tfjs's own random source).
   */
  dropoutSeed?: number;
  /** Dropout rate at every HF dropout site (embeddings, attention probabilities, both residual branches); default 0.1 when training, ignored otherwise. */
  dropout?: number;
  /**
   * `masked` (default): zero the convolution inputs at padded positions, so each row's output equals its
   * sequence run alone (DESIGN.md "Padding"). `hf`: convolve over padding as HF does, so outputs depend on the
   * batch's longest row.
   */
  convPadding?: ConvPadding;
  /** Also return every layer's output (`hiddenStates`). */
  hiddenStates?: boolean;
  /**
   * Debugging aid: called with each layer's self-attention intermediates. The tensors live only during the
   * call (read them, or `tf.keep` them and dispose them later).
   */
  selfAttentionTrace?: (layer: number, trace: SelfAttentionTrace) => void;
}

export interface EncodeResult {
  /** `[batch, length, hidden]`, padded positions included. */
  lastHiddenState: tf.Tensor3D;
  /**
   * With `hiddenStates: true`: `numHiddenLayers + 1` tensors `[batch, length, hidden]`; entry 0 is the embeddings
   * (after `embeddings_project`), entry i the output of layer i, as HF's `output_hidden_states`.
   */
  hiddenStates?: tf.Tensor3D[];
}

/** Building a model that uses some variables of another one (ELECTRA's generator shares the discriminator's embeddings). */
export interface SharedVariablesOptions {
  /**
   * HF name -> an existing variable (same TensorFlow.js layout and shape) used instead of a new one; the given
   * weights for those names are ignored. The lending model keeps ownership: this model's `dispose` leaves them.
   */
  sharedVariables?: ReadonlyMap<string, tf.Variable>;
}

const FLOAT32_LOWEST = -3.4028234663852886e38;
const WEIGHTS_SOURCE = '<ConvBertWeights>';
let nextModelNumber = 0;

/**
 * HF's ConvBERT encoder (transformers 4.57 `ConvBertModel`, optionally with the `ConvBertForMaskedLM` head) in
 * TensorFlow.js, trainable on the wasm backend. Parameters are `tf.Variable`s known by their HF names; dense
 * and convolution weights are stored transposed for fast products (see `weightLayout.ts`), and
 * {@link exportWeights} gives them back in torch layout.
 *
 * @example
 * await initTfBackend();
 * const model = ConvBertTf.fromWeights(loadHfConvBertCheckpoint('models/convbert-small'));
 * const cls = tf.tidy(() => model.pool(model.encode(batch).lastHiddenState, batch.attentionMask, 'cls'));
 */
export class ConvBertTf {
  readonly config: ConvBertConfig;
  /** HF name -> variable, in module order. The tied LM decoder has no variable of its own. */
  readonly variables: ReadonlyMap<string, tf.Variable>;
  private readonly hfShapes: ReadonlyMap<string, readonly number[]>;
  private readonly embeddings: ConvBertEmbeddingsTf;
  private readonly layers: ConvBertLayerTf[];
  private readonly head: ConvBertMlmHeadTf | null;
  /** Variables borrowed from another model ({@link SharedVariablesOptions}): that model disposes them. */
  private readonly borrowed: ReadonlySet<string>;
  private disposed = false;

  private constructor(
    config: ConvBertConfig,
    variables: Map<string, tf.Variable>,
    hfShapes: Map<string, readonly number[]>,
    withHead: boolean,
    borrowed: ReadonlySet<string> = new Set(),
  ) {
    this.config = config;
    this.variables = variables;
    this.hfShapes = hfShapes;
    this.borrowed = borrowed;
    const param: ParameterLookup = <R extends tf.Rank>(name: string) => {
      const v = variables.get(name);
      if (v === undefined) throw new ConvBertTfError(`no variable "${name}"`, { where: 'ConvBertTf' });
      return v as tf.Variable<R>;
    };
    const activation = activationFor(config.hiddenAct);
    if (activation === null)
      throw new CheckpointError(`activation "${config.hiddenAct}" is not implemented in the TensorFlow.js ConvBERT`, {
        file: WEIGHTS_SOURCE,
        field: 'hidden_act',
      });
    this.embeddings = new ConvBertEmbeddingsTf(param, config);
    this.layers = Array.from(
      { length: config.numHiddenLayers },
      (_, i) => new ConvBertLayerTf(param, i, config, activation),
    );
    this.head = withHead ? new ConvBertMlmHeadTf(param, config) : null;
  }

  /**
   * Builds the model from HF-layout weights (a loaded checkpoint, a `randomConvBertWeights` draw, our model
   * format). Values are copied: later changes to `weights` do not reach the model.
   *
   * @throws CheckpointError naming the tensor when a weight is missing, unexpected, not float32 or of the wrong
   *   shape, or the config is one HF's ConvBERT cannot run (even kernel, `head_ratio` other than 2)
   * @example
   * const model = ConvBertTf.fromWeights(loadHfConvBertCheckpoint('test/fixtures/convbert-tiny'));
   */
  static fromWeights(weights: ConvBertWeights, options: SharedVariablesOptions = {}): ConvBertTf {
    const { config } = weights;
    const shared = options.sharedVariables ?? new Map<string, tf.Variable>();
    checkArchitecture(config);
    const withHead = weights.mlmHead !== null;
    const expected = expectedConvBertWeights(config, { mlmHead: withHead });
    const given = new Map<string, Tensor>(weights.encoder);
    for (const [name, t] of weights.mlmHead ?? []) if (name !== TIED_LM_HEAD_WEIGHT) given.set(name, t);
    const unexpected = [...given.keys()].filter((name) => !expected.some((w) => w.name === name));
    if (unexpected.length > 0)
      throw new CheckpointError(`unexpected weights: ${unexpected.join(', ')}`, {
        file: WEIGHTS_SOURCE,
        tensor: unexpected[0]!,
      });

    const arrays = expected.map(({ name, shape }) => {
      const t = given.get(name);
      if (t === undefined) throw new CheckpointError('missing weight', { file: WEIGHTS_SOURCE, tensor: name });
      if (t.dtype !== 'float32')
        throw new CheckpointError(`must be float32, got ${t.dtype}`, { file: WEIGHTS_SOURCE, tensor: name });
      if (!sameShape(t.shape, shape))
        throw new CheckpointError(`shape ${formatShape(t.shape)}, expected ${formatShape(shape)}`, {
          file: WEIGHTS_SOURCE,
          tensor: name,
        });
      return { name, shape, array: toTfLayout({ ...t, name }) };
    });
    const modelNumber = nextModelNumber++;
    const variables = new Map<string, tf.Variable>();
    const hfShapes = new Map<string, readonly number[]>();
    try {
      for (const { name, shape, array } of arrays) {
        const borrowed = shared.get(name);
        if (borrowed !== undefined) {
          if (!sameShape(borrowed.shape, array.shape)) {
            throw new CheckpointError(
              `shared variable has shape ${formatShape(borrowed.shape)}, this model needs ${formatShape(array.shape)}`,
              { file: WEIGHTS_SOURCE, tensor: name },
            );
          }
          variables.set(name, borrowed);
        } else {
          // Variable names are process-wide in tfjs: the model number keeps two models apart.
          variables.set(
            name,
            tf.tidy(() =>
              tf.variable(tf.tensor(array.data, array.shape, 'float32'), true, `convbert${modelNumber}/${name}`),
            ),
          );
        }
        hfShapes.set(name, shape);
      }
      const unused = [...shared.keys()].filter((name) => !variables.has(name));
      if (unused.length > 0)
        throw new CheckpointError('shared variable this model does not have', {
          file: WEIGHTS_SOURCE,
          tensor: unused[0]!,
        });
      return new ConvBertTf(config, variables, hfShapes, withHead, new Set(shared.keys()));
    } catch (e) {
      for (const [name, v] of variables) if (!shared.has(name)) v.dispose();
      throw e;
    }
  }

  /**
   * A freshly initialised model, HF's way: weights normal with std 0.02, biases 0, LayerNorm weights 1, the pad
   * token's embedding row 0. Deterministic by seed.
   *
   * @param options `mlmHead`: also create the masked-LM head
   * @example
   * const model = ConvBertTf.random(readConvBertConfig(LINCOLN_SMALL_CONFIG), 42, { mlmHead: true });
   */
  static random(
    config: ConvBertConfig,
    seed: number,
    options: { mlmHead?: boolean } & SharedVariablesOptions = {},
  ): ConvBertTf {
    const weights = randomConvBertWeights(config, seed, options);
    const word = weights.encoder.get('embeddings.word_embeddings.weight');
    if (word?.dtype === 'float32' && config.padTokenId !== null)
      word.data.fill(0, config.padTokenId * config.embeddingSize, (config.padTokenId + 1) * config.embeddingSize);
    return ConvBertTf.fromWeights(
      weights,
      options.sharedVariables === undefined ? {} : { sharedVariables: options.sharedVariables },
    );
  }

  /** Whether the model has the masked-LM head ({@link mlmLogits}). */
  get hasMlmHead(): boolean {
    return this.head !== null;
  }

  /**
   * Runs the encoder on a right-padded batch. Returned tensors belong to the caller (dispose them, or call
   * inside `tf.tidy`).
   *
   * @throws ConvBertTfError naming the field and row of an invalid batch (ids outside the vocabulary, rows
   *   longer than `max_position_embeddings`, arrays of the wrong length)
   * @example
   * const { lastHiddenState } = model.encode(padTokenBatch([[3, 52, 4]], 0));
   * const trainingPass = model.encode(batch, { training: true, dropout: 0.1 });
   */
  encode(batch: TokenBatch, options: EncodeOptions = {}): EncodeResult {
    this.checkAlive('encode');
    this.checkBatch(batch);
    const training = options.training === true;
    const rate = training ? (options.dropout ?? 0.1) : 0;
    if (!(rate >= 0 && rate < 1))
      throw new ConvBertTfError(`dropout must be in [0, 1), got ${rate}`, {
        where: 'ConvBertTf.encode',
        field: 'dropout',
      });
    const masked = (options.convPadding ?? 'masked') === 'masked';
    const wantStates = options.hiddenStates === true;
    const { batchSize: B, length: L } = batch;
    const H = this.config.hiddenSize;

    const seed = options.dropoutSeed;
    let site = 0;
    return tf.tidy(() => {
      const dropout: Dropout =
        rate > 0
          ? (x) => tf.dropout(x, rate, undefined, seed === undefined ? undefined : seed + site++) as typeof x
          : (x) => x;
      const mask = tf.tensor2d(batch.attentionMask, [B, L], 'float32');
      const ctx: ForwardContext = {
        batch: B,
        length: L,
        attentionBias: tf.reshape(tf.mul(tf.sub(1, mask), FLOAT32_LOWEST), [B, 1, 1, L]),
        convMask: masked ? tf.reshape(mask, [B * L, 1]) : null,
        dropout,
      };
      const ids = tf.tensor1d(batch.inputIds, 'int32');
      const types = tf.tensor1d(batch.tokenTypeIds, 'int32');
      let hidden = this.embeddings.apply(ids, types, ctx);
      const states: tf.Tensor3D[] = [];
      const as3d = (t: tf.Tensor2D) => tf.reshape(t, [B, L, H]) as tf.Tensor3D;
      if (wantStates) states.push(as3d(hidden));
      this.layers.forEach((layer, i) => {
        const trace = options.selfAttentionTrace;
        hidden = layer.apply(hidden, ctx, trace === undefined ? undefined : (t) => trace(i, t));
        if (wantStates) states.push(as3d(hidden));
      });
      const result: EncodeResult = { lastHiddenState: as3d(hidden) };
      if (wantStates) result.hiddenStates = states;
      return result as unknown as tf.TensorContainer;
    }) as unknown as EncodeResult;
  }

  /**
   * One vector per row: `cls` takes position 0 (the Twitch model's sentence embedding), `mean` averages the
   * positions whose mask is 1.
   *
   * @param lastHiddenState `[batch, length, hidden]`
   * @param mask `[batch, length]` attention mask, as a tensor or a row-major array (`TokenBatch.attentionMask`)
   * @returns `[batch, hidden]`
   */
  pool(lastHiddenState: tf.Tensor3D, mask: tf.Tensor2D | Int32Array, pooling: Pooling): tf.Tensor2D {
    const [B, L, H] = lastHiddenState.shape;
    if (pooling === 'cls') return tf.tidy(() => tf.reshape(tf.slice(lastHiddenState, [0, 0, 0], [B, 1, H]), [B, H]));
    if (mask instanceof Int32Array ? mask.length !== B * L : !sameShape(mask.shape, [B, L])) {
      throw new ConvBertTfError(`mask must be [${B}, ${L}] like the hidden states`, {
        where: 'ConvBertTf.pool',
        field: 'mask',
      });
    }
    return tf.tidy(() => {
      const m =
        mask instanceof Int32Array
          ? tf.tensor3d(mask, [B, L, 1], 'float32')
          : tf.expandDims(tf.cast(mask, 'float32'), 2);
      const summed = tf.sum(tf.mul(lastHiddenState, m), 1);
      return tf.div(summed, tf.maximum(tf.sum(m, 1), 1e-9)) as tf.Tensor2D;
    });
  }

  /**
   * Masked-LM logits of `ConvBertForMaskedLM`. Pass only the rows to predict (as `[rows, hidden]`, gathered
   * with `gatherRows`) to save the vocabulary-sized product on the others.
   *
   * @param hidden `[batch, length, hidden]` or `[rows, hidden]`
   * @returns `[batch, length, vocab]` or `[rows, vocab]`
   * @throws ConvBertTfError when the model has no MLM head
   */
  mlmLogits<T extends tf.Tensor2D | tf.Tensor3D>(hidden: T): T {
    this.checkAlive('mlmLogits');
    const head = this.head;
    if (head === null)
      throw new ConvBertTfError('this model has no MLM head (build it with mlmHead weights)', {
        where: 'ConvBertTf.mlmLogits',
      });
    return tf.tidy(() => {
      if (hidden.rank === 2) return head.apply(hidden as tf.Tensor2D);
      const [B, L, H] = (hidden as tf.Tensor3D).shape;
      return tf.reshape(head.apply(tf.reshape(hidden, [B * L, H])), [B, L, this.config.vocabSize]);
    }) as T;
  }

  /** Every parameter, in module order (for `optimizer.minimize` or `tf.variableGrads`). */
  trainableVariables(): tf.Variable[] {
    this.checkAlive('trainableVariables');
    return [...this.variables.values()];
  }

  /**
   * The current parameters under HF names in torch layouts, as `writeSafetensors` and the ONNX builder take
   * them. Copies: the result does not change when training goes on.
   */
  exportWeights(): ConvBertWeights {
    this.checkAlive('exportWeights');
    const encoder = new Map<string, Tensor>();
    const mlmHead = this.head === null ? null : new Map<string, Tensor>();
    for (const [name, v] of this.variables) {
      const t = toHfLayout(name, this.hfShapes.get(name)!, { shape: v.shape, data: v.dataSync() as Float32Array });
      (name.startsWith('generator_') ? mlmHead! : encoder).set(name, t);
    }
    return { config: this.config, encoder, mlmHead };
  }

  /** Frees every variable it owns (not those borrowed through `sharedVariables`); the model cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const [name, v] of this.variables) if (!this.borrowed.has(name)) v.dispose();
  }

  private checkAlive(where: string): void {
    if (this.disposed) throw new ConvBertTfError('the model was disposed', { where: `ConvBertTf.${where}` });
  }

  private checkBatch(batch: TokenBatch): void {
    const where = 'ConvBertTf.encode';
    const { batchSize: B, length: L } = batch;
    if (!Number.isInteger(B) || B < 1 || !Number.isInteger(L) || L < 1)
      throw new ConvBertTfError(`empty or invalid batch ${B} x ${L}`, { where });
    if (L > this.config.maxPositionEmbeddings) {
      throw new ConvBertTfError(`length ${L} exceeds max_position_embeddings ${this.config.maxPositionEmbeddings}`, {
        where,
        field: 'length',
      });
    }
    const fields = [
      ['inputIds', batch.inputIds, this.config.vocabSize],
      ['tokenTypeIds', batch.tokenTypeIds, this.config.typeVocabSize],
      ['attentionMask', batch.attentionMask, 2],
    ] as const;
    for (const [field, values, limit] of fields) {
      if (values.length !== B * L)
        throw new ConvBertTfError(`${values.length} values for a ${B} x ${L} batch`, { where, field });
      for (let i = 0; i < values.length; i++) {
        const value = values[i]!;
        if (value < 0 || value >= limit) {
          throw new ConvBertTfError(`value ${value} at position ${i % L} is outside [0, ${limit})`, {
            where,
            field,
            row: Math.floor(i / L),
          });
        }
      }
    }
  }
}

/** Refuses configs HF's ConvBERT itself cannot run, before any variable is made. */
function checkArchitecture(config: ConvBertConfig): void {
  const fail = (field: string, message: string) => new CheckpointError(message, { file: WEIGHTS_SOURCE, field });
  if (config.convKernelSize % 2 !== 1)
    throw fail(
      'conv_kernel_size',
      `must be odd (HF's convolution branch changes the length otherwise), got ${config.convKernelSize}`,
    );
  if (2 * config.derived.allHeadSize !== config.hiddenSize) {
    throw fail(
      'head_ratio',
      `attention and convolution heads (2 x ${config.derived.allHeadSize}) must fill hidden_size ${config.hiddenSize}`,
    );
  }
}
