import type { ConvBertConfig } from './convbertConfig';
import { CheckpointError } from './errors';
import { formatShape, sameShape, type Tensor } from './Tensor';

/** A weight the model needs, under its normalised name (no `convbert.` prefix). */
export interface ExpectedWeight {
  name: string;
  shape: number[];
}

/** Prefix HF puts before encoder weights in `ConvBertFor*` checkpoints; bare `ConvBertModel` files have none. */
export const CONVBERT_PREFIX = 'convbert.';
/** Buffers older transformers releases saved with the weights; not parameters, always skipped. */
export const SKIPPED_BUFFERS: readonly string[] = ['embeddings.position_ids'];
/** The MLM decoder weight, tied to `embeddings.word_embeddings.weight` and therefore usually not stored. */
export const TIED_LM_HEAD_WEIGHT = 'generator_lm_head.weight';

const ENCODER_ROOTS = ['embeddings.', 'embeddings_project.', 'encoder.'];
const MLM_HEAD_ROOTS = ['generator_predictions.', 'generator_lm_head.'];

/**
 * The encoder weights (`ConvBertModel`) a config calls for, with their shapes, in module order; with
 * `{ mlmHead: true }` also the MLM head of `ConvBertForMaskedLM` (`generator_predictions.*` and
 * `generator_lm_head.bias`; the tied `generator_lm_head.weight` is not listed). With `num_groups > 1` the
 * feed-forward weights are grouped: `[groups, in / groups, out / groups]`.
 *
 * @example
 * expectedConvBertWeights(config).find((w) => w.name === 'encoder.layer.0.intermediate.dense.weight')?.shape;
 * // [intermediate_size, hidden_size], or [2, hidden/2, intermediate/2] with num_groups 2
 */
export function expectedConvBertWeights(config: ConvBertConfig, options: { mlmHead?: boolean } = {}): ExpectedWeight[] {
  const {
    vocabSize: V,
    hiddenSize: H,
    embeddingSize: E,
    intermediateSize: I,
    numGroups: G,
    convKernelSize: K,
  } = config;
  const { allHeadSize: A, convKernelOutputs: C, hasEmbeddingsProject } = config.derived;
  const w: ExpectedWeight[] = [];
  const add = (name: string, ...shape: number[]) => w.push({ name, shape });

  add('embeddings.word_embeddings.weight', V, E);
  add('embeddings.position_embeddings.weight', config.maxPositionEmbeddings, E);
  add('embeddings.token_type_embeddings.weight', config.typeVocabSize, E);
  add('embeddings.LayerNorm.weight', E);
  add('embeddings.LayerNorm.bias', E);
  if (hasEmbeddingsProject) {
    add('embeddings_project.weight', H, E);
    add('embeddings_project.bias', H);
  }
  for (let l = 0; l < config.numHiddenLayers; l++) {
    const p = `encoder.layer.${l}.`;
    for (const proj of ['query', 'key', 'value']) {
      add(`${p}attention.self.${proj}.weight`, A, H);
      add(`${p}attention.self.${proj}.bias`, A);
    }
    add(`${p}attention.self.key_conv_attn_layer.depthwise.weight`, H, 1, K);
    add(`${p}attention.self.key_conv_attn_layer.pointwise.weight`, A, H, 1);
    add(`${p}attention.self.key_conv_attn_layer.bias`, A, 1);
    add(`${p}attention.self.conv_kernel_layer.weight`, C, A);
    add(`${p}attention.self.conv_kernel_layer.bias`, C);
    add(`${p}attention.self.conv_out_layer.weight`, A, H);
    add(`${p}attention.self.conv_out_layer.bias`, A);
    add(`${p}attention.output.dense.weight`, H, H);
    add(`${p}attention.output.dense.bias`, H);
    add(`${p}attention.output.LayerNorm.weight`, H);
    add(`${p}attention.output.LayerNorm.bias`, H);
    if (G === 1) add(`${p}intermediate.dense.weight`, I, H);
    else add(`${p}intermediate.dense.weight`, G, H / G, I / G);
    add(`${p}intermediate.dense.bias`, I);
    if (G === 1) add(`${p}output.dense.weight`, H, I);
    else add(`${p}output.dense.weight`, G, I / G, H / G);
    add(`${p}output.dense.bias`, H);
    add(`${p}output.LayerNorm.weight`, H);
    add(`${p}output.LayerNorm.bias`, H);
  }
  if (options.mlmHead === true) {
    add('generator_predictions.dense.weight', E, H);
    add('generator_predictions.dense.bias', E);
    add('generator_predictions.LayerNorm.weight', E);
    add('generator_predictions.LayerNorm.bias', E);
    add('generator_lm_head.bias', V);
  }
  return w;
}

/** Where a stored name belongs once normalised. */
export type WeightNameKind = 'encoder' | 'mlmHead' | 'skipped' | 'unexpected';

/**
 * Normalises one stored name: strips `convbert.` from encoder names, sorts it into encoder / MLM head /
 * skipped buffer / unexpected. Unexpected names are returned unchanged.
 *
 * @example
 * normaliseConvBertWeightName('convbert.encoder.layer.0.output.dense.bias'); // { kind: 'encoder', name: 'encoder.layer.0.output.dense.bias' }
 * normaliseConvBertWeightName('embeddings.position_ids'); // { kind: 'skipped', name: 'embeddings.position_ids' }
 * normaliseConvBertWeightName('generator_lm_head.bias'); // { kind: 'mlmHead', name: 'generator_lm_head.bias' }
 */
export function normaliseConvBertWeightName(stored: string): { kind: WeightNameKind; name: string } {
  const bare = stored.startsWith(CONVBERT_PREFIX) ? stored.slice(CONVBERT_PREFIX.length) : stored;
  if (SKIPPED_BUFFERS.includes(bare)) return { kind: 'skipped', name: bare };
  if (ENCODER_ROOTS.some((r) => bare.startsWith(r))) return { kind: 'encoder', name: bare };
  if (bare === stored && MLM_HEAD_ROOTS.some((r) => stored.startsWith(r))) return { kind: 'mlmHead', name: stored };
  return { kind: 'unexpected', name: stored };
}

/**
 * The two layouts HF saves a ConvBERT in: a bare `ConvBertModel` (encoder names as they are) or a
 * `ConvBertForMaskedLM` (encoder under {@link CONVBERT_PREFIX}, MLM head at the root).
 */
export type HfConvBertLayout = 'ConvBertModel' | 'ConvBertForMaskedLM';

/**
 * The name HF's `save_pretrained` stores a normalised weight under in a checkpoint of `layout`: the inverse of
 * {@link normaliseConvBertWeightName}, for writing files that `from_pretrained` loads without a warning.
 *
 * @param name a normalised encoder or MLM head name
 * @param source the file being written, for error messages
 * @throws CheckpointError for an MLM head name in a `ConvBertModel`, or a name that belongs to neither
 * @example
 * hfConvBertWeightName('encoder.layer.0.output.dense.bias', 'ConvBertForMaskedLM'); // 'convbert.encoder.layer.0.output.dense.bias'
 * hfConvBertWeightName('generator_lm_head.bias', 'ConvBertForMaskedLM'); // 'generator_lm_head.bias'
 * hfConvBertWeightName('embeddings.LayerNorm.bias', 'ConvBertModel'); // 'embeddings.LayerNorm.bias'
 */
export function hfConvBertWeightName(name: string, layout: HfConvBertLayout, source = '<weights>'): string {
  const { kind } = normaliseConvBertWeightName(name);
  if (kind === 'encoder' && !name.startsWith(CONVBERT_PREFIX))
    return layout === 'ConvBertForMaskedLM' ? CONVBERT_PREFIX + name : name;
  if (kind === 'mlmHead' && layout === 'ConvBertForMaskedLM') return name;
  const why =
    kind === 'mlmHead' ? 'an MLM head weight has no place in a ConvBertModel' : 'not a normalised ConvBERT weight name';
  throw new CheckpointError(why, { file: source, tensor: name });
}

/** Everything that differs between a checkpoint's tensors and what a config expects. Non-throwing. */
export interface ConvBertWeightReport {
  /** Normalised name -> tensor (the tensor's `name` is the normalised one). */
  encoder: Map<string, Tensor>;
  /** Null when the file has no MLM head tensor at all. */
  mlmHead: Map<string, Tensor> | null;
  /** Stored names of skipped buffers (`embeddings.position_ids`). */
  skipped: string[];
  /** Stored names that are neither encoder, MLM head nor a known buffer. */
  unexpected: string[];
  /** Normalised names the config needs and the file lacks (MLM head names only when the file has some head tensor). */
  missing: string[];
  /** Stored names whose shape differs from the config's. */
  wrongShape: { name: string; shape: readonly number[]; expected: readonly number[] }[];
  /** Stored names of weights that are not floating point. */
  wrongDtype: { name: string; dtype: string }[];
  /** Stored names that normalise to a name already seen (e.g. both `x` and `convbert.x`). */
  duplicates: string[];
}

/**
 * Sorts a checkpoint's tensors against what `config` expects, without throwing: see {@link ConvBertWeightReport}.
 *
 * @example
 * const report = reportConvBertWeights(readSafetensors(bytes), config);
 * if (report.missing.length > 0) console.warn('missing', report.missing);
 */
export function reportConvBertWeights(
  tensors: ReadonlyMap<string, Tensor>,
  config: ConvBertConfig,
): ConvBertWeightReport {
  const expectedEncoder = new Map(expectedConvBertWeights(config).map((w) => [w.name, w.shape]));
  const headList = expectedConvBertWeights(config, { mlmHead: true }).filter((w) => !expectedEncoder.has(w.name));
  const expectedHead = new Map(headList.map((w) => [w.name, w.shape]));
  expectedHead.set(TIED_LM_HEAD_WEIGHT, [config.vocabSize, config.embeddingSize]);

  const report: ConvBertWeightReport = {
    encoder: new Map(),
    mlmHead: null,
    skipped: [],
    unexpected: [],
    missing: [],
    wrongShape: [],
    wrongDtype: [],
    duplicates: [],
  };
  const head = new Map<string, Tensor>();
  for (const [stored, tensor] of tensors) {
    const { kind, name } = normaliseConvBertWeightName(stored);
    if (kind === 'skipped') {
      report.skipped.push(stored);
      continue;
    }
    const expected =
      kind === 'encoder' ? expectedEncoder.get(name) : kind === 'mlmHead' ? expectedHead.get(name) : undefined;
    if (expected === undefined) {
      report.unexpected.push(stored);
      continue;
    }
    const target = kind === 'encoder' ? report.encoder : head;
    if (target.has(name)) {
      report.duplicates.push(stored);
      continue;
    }
    if (!sameShape(tensor.shape, expected)) report.wrongShape.push({ name: stored, shape: tensor.shape, expected });
    if (tensor.dtype !== 'float32') report.wrongDtype.push({ name: stored, dtype: tensor.dtype });
    target.set(name, { ...tensor, name });
  }
  for (const name of expectedEncoder.keys()) if (!report.encoder.has(name)) report.missing.push(name);
  if (head.size > 0) for (const w of headList) if (!head.has(w.name)) report.missing.push(w.name);
  // Module order, whatever the file's order.
  report.encoder = inOrder(report.encoder, [...expectedEncoder.keys()]);
  if (head.size > 0) report.mlmHead = inOrder(head, [...expectedHead.keys()]);
  return report;
}

/**
 * Like {@link reportConvBertWeights}, but throws unless the checkpoint is complete and correct: every encoder
 * weight present with the right shape and float32, no name twice, the MLM head either absent or complete, and
 * (unless `allowUnexpected`) no unknown names. Returns the normalised encoder and MLM head maps.
 *
 * @param source the file name to put in error messages
 * @throws CheckpointError naming the file and the (first) tensor concerned, listing all of them in the message
 * @example
 * const { encoder, mlmHead } = selectConvBertWeights(readTorchBin(bytes, 'pytorch_model.bin'), config, 'pytorch_model.bin');
 */
export function selectConvBertWeights(
  tensors: ReadonlyMap<string, Tensor>,
  config: ConvBertConfig,
  source = '<checkpoint>',
  options: { allowUnexpected?: boolean } = {},
): { encoder: Map<string, Tensor>; mlmHead: Map<string, Tensor> | null } {
  const file = source;
  const r = reportConvBertWeights(tensors, config);
  const list = (names: string[]) =>
    names.length <= 8 ? names.join(', ') : `${names.slice(0, 8).join(', ')} and ${names.length - 8} more`;
  if (r.duplicates.length > 0) {
    throw new CheckpointError(`names given twice (with and without "${CONVBERT_PREFIX}"): ${list(r.duplicates)}`, {
      file,
      tensor: r.duplicates[0]!,
    });
  }
  if (r.wrongShape.length > 0) {
    const details = r.wrongShape.map(
      (w) => `${w.name} is ${formatShape(w.shape)}, expected ${formatShape(w.expected)}`,
    );
    throw new CheckpointError(`wrong shape for the config: ${list(details)}`, { file, tensor: r.wrongShape[0]!.name });
  }
  if (r.wrongDtype.length > 0) {
    throw new CheckpointError(
      `weights must be floating point: ${list(r.wrongDtype.map((w) => `${w.name} is ${w.dtype}`))}`,
      { file, tensor: r.wrongDtype[0]!.name },
    );
  }
  if (r.missing.length > 0) {
    throw new CheckpointError(`missing weights: ${list(r.missing)} (${r.missing.length} of those the config needs)`, {
      file,
      tensor: r.missing[0]!,
    });
  }
  if (r.unexpected.length > 0 && options.allowUnexpected !== true) {
    throw new CheckpointError(`unexpected tensors (not part of ConvBertModel or its MLM head): ${list(r.unexpected)}`, {
      file,
      tensor: r.unexpected[0]!,
    });
  }
  return { encoder: r.encoder, mlmHead: r.mlmHead };
}

function inOrder(tensors: Map<string, Tensor>, order: string[]): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  for (const name of order) {
    const t = tensors.get(name);
    if (t !== undefined) out.set(name, t);
  }
  return out;
}
