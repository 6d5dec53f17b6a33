import { z } from 'zod';
import { CheckpointError } from './errors';

/** Activation names HF's `ACT2FN` knows; `hidden_act` must be one of them. */
export const KNOWN_HIDDEN_ACTS = [
  'gelu',
  'gelu_new',
  'gelu_fast',
  'gelu_python',
  'gelu_pytorch_tanh',
  'gelu_accurate',
  'gelu_10',
  'quick_gelu',
  'relu',
  'relu2',
  'relu6',
  'leaky_relu',
  'silu',
  'swish',
  'mish',
  'tanh',
  'sigmoid',
  'linear',
] as const;

/**
 * A validated HF ConvBERT config (camelCase of the `config.json` fields), plus the sizes the model derives
 * from it. Fields missing from the JSON take HF `ConvBertConfig`'s defaults, as `from_pretrained` does.
 */
export interface ConvBertConfig {
  vocabSize: number;
  hiddenSize: number;
  embeddingSize: number;
  numHiddenLayers: number;
  /** As configured; the self-attention keeps `derived.attentionHeads` of them (see `headRatio`). */
  numAttentionHeads: number;
  headRatio: number;
  convKernelSize: number;
  numGroups: number;
  intermediateSize: number;
  maxPositionEmbeddings: number;
  typeVocabSize: number;
  hiddenAct: (typeof KNOWN_HIDDEN_ACTS)[number];
  layerNormEps: number;
  padTokenId: number | null;
  /** `architectures` from the file (informational), e.g. `['ConvBertForMaskedLM']`; empty when absent. */
  architectures: string[];
  derived: ConvBertDerivedSizes;
}

/** Sizes HF's ConvBERT layers compute from the config (transformers 4.57 `ConvBertSelfAttention`). */
export interface ConvBertDerivedSizes {
  /** Self-attention heads actually used: `numAttentionHeads // headRatio`, or 1 when that is 0. */
  attentionHeads: number;
  /** Head ratio actually used: `headRatio`, or `numAttentionHeads` when `attentionHeads` fell back to 1. */
  headRatio: number;
  /** d = `(hiddenSize // attentionHeads) // 2`. */
  attentionHeadSize: number;
  /** A = `attentionHeads * attentionHeadSize`: width of query/key/value and of the conv branch. */
  allHeadSize: number;
  /** Outputs of `conv_kernel_layer`: `attentionHeads * convKernelSize`. */
  convKernelOutputs: number;
  /** True when `embeddingSize != hiddenSize`, i.e. the model has `embeddings_project`. */
  hasEmbeddingsProject: boolean;
}

const positiveInt = z.number().int().positive();

const schema = z.object({
  model_type: z.literal('convbert', { error: (issue) => `must be "convbert", got ${JSON.stringify(issue.input)}` }),
  vocab_size: positiveInt.default(30522),
  hidden_size: positiveInt.default(768),
  embedding_size: positiveInt.default(768),
  num_hidden_layers: positiveInt.default(12),
  num_attention_heads: positiveInt.default(12),
  head_ratio: positiveInt.default(2),
  conv_kernel_size: positiveInt.default(9),
  num_groups: positiveInt.default(1),
  intermediate_size: positiveInt.default(3072),
  max_position_embeddings: positiveInt.default(512),
  type_vocab_size: positiveInt.default(2),
  hidden_act: z
    .enum(KNOWN_HIDDEN_ACTS, { error: (issue) => `unknown activation ${JSON.stringify(issue.input)}` })
    .default('gelu'),
  layer_norm_eps: z.number().positive().finite().default(1e-12),
  pad_token_id: z.number().int().nonnegative().nullable().default(1),
  architectures: z.array(z.string()).optional(),
});

/**
 * Parses and validates a HF ConvBERT `config.json` (already JSON-parsed). Refuses other architectures
 * (`model_type` must be `"convbert"`), non-positive or non-integer sizes, unknown activations, and sizes the
 * model cannot be built with (hidden size not divisible by the attention heads, feed-forward sizes not
 * divisible by `num_groups`, a pad id outside the vocabulary).
 *
 * @param source the file name to put in error messages
 * @throws CheckpointError naming the file and the field
 * @example
 * const config = readConvBertConfig(JSON.parse(readFileSync('config.json', 'utf8')), 'config.json');
 * config.derived.allHeadSize; // hidden_size / 2 for head_ratio 2
 */
export function readConvBertConfig(json: unknown, source = '<config.json>'): ConvBertConfig {
  const file = source;
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new CheckpointError('config is not a JSON object', { file });
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const [first] = parsed.error.issues;
    const all = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new CheckpointError(`invalid ConvBERT config: ${all}`, { file, field: first?.path.join('.') ?? '(root)' });
  }
  const c = parsed.data;
  const fail = (field: string, message: string) => new CheckpointError(message, { file, field });

  let attentionHeads = Math.floor(c.num_attention_heads / c.head_ratio);
  let headRatio = c.head_ratio;
  if (attentionHeads < 1) {
    headRatio = c.num_attention_heads;
    attentionHeads = 1;
  }
  if (c.hidden_size % attentionHeads !== 0) {
    throw fail(
      'hidden_size',
      `${c.hidden_size} is not divisible by the ${attentionHeads} attention heads left after head_ratio ${c.head_ratio}`,
    );
  }
  const attentionHeadSize = Math.floor(c.hidden_size / attentionHeads / 2);
  if (attentionHeadSize < 1)
    throw fail('hidden_size', `${c.hidden_size} leaves an attention head size of 0 with ${attentionHeads} heads`);
  if (c.hidden_size % c.num_groups !== 0)
    throw fail('num_groups', `hidden_size ${c.hidden_size} is not divisible by num_groups ${c.num_groups}`);
  if (c.intermediate_size % c.num_groups !== 0) {
    throw fail('num_groups', `intermediate_size ${c.intermediate_size} is not divisible by num_groups ${c.num_groups}`);
  }
  if (c.pad_token_id !== null && c.pad_token_id >= c.vocab_size)
    throw fail('pad_token_id', `${c.pad_token_id} is outside the vocabulary (vocab_size ${c.vocab_size})`);

  return {
    vocabSize: c.vocab_size,
    hiddenSize: c.hidden_size,
    embeddingSize: c.embedding_size,
    numHiddenLayers: c.num_hidden_layers,
    numAttentionHeads: c.num_attention_heads,
    headRatio: c.head_ratio,
    convKernelSize: c.conv_kernel_size,
    numGroups: c.num_groups,
    intermediateSize: c.intermediate_size,
    maxPositionEmbeddings: c.max_position_embeddings,
    typeVocabSize: c.type_vocab_size,
    hiddenAct: c.hidden_act,
    layerNormEps: c.layer_norm_eps,
    padTokenId: c.pad_token_id,
    architectures: c.architectures ?? [],
    derived: {
      attentionHeads,
      headRatio,
      attentionHeadSize,
      allHeadSize: attentionHeads * attentionHeadSize,
      convKernelOutputs: attentionHeads * c.conv_kernel_size,
      hasEmbeddingsProject: c.embedding_size !== c.hidden_size,
    },
  };
}
