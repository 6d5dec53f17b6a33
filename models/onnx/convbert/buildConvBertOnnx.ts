import type { ConvBertWeights } from '../../convbert';
import { OnnxBuildError } from '../errors';
import { OnnxGraphBuilder } from '../OnnxGraphBuilder';
import { convBertLayer } from './convBertLayer';
import { CONVBERT_ONNX_INPUTS, CONVBERT_ONNX_METADATA, CONVBERT_ONNX_OUTPUTS } from './convBertOnnxContract';
import { convBertEmbeddings } from './embeddings';
import { mlmLogits } from './mlmHead';
import { WeightSource } from './WeightSource';

/**
 * How the convolution branch treats padding:
 * - `masked` (default, our serving rule): the convolution inputs are zeroed at padded positions, so every row
 *   of a padded batch equals that sequence run alone, whatever its neighbours.
 * - `hf`: exactly HF's ConvBERT, whose convolution reads the pad tokens' vectors: a row then depends on how far
 *   its batch is padded. For comparisons with HF outputs.
 */
export type ConvPadding = 'masked' | 'hf';

export interface BuildConvBertOnnxOptions {
  /** Also output MLM `logits` `[batch, sequence, vocab]`; needs `weights.mlmHead`. Default false. */
  mlmHead?: boolean;
  /** Default `masked`; see {@link ConvPadding}. */
  convPadding?: ConvPadding;
  /** Also output `embeddings_layernorm` and `hidden_state_0..N` (for step-by-step comparisons). Default false. */
  debugOutputs?: boolean;
}

/** HF's attention-mask fill, `torch.finfo(torch.float32).min`. */
const FLOAT32_MIN = -3.4028234663852886e38;

/**
 * Writes a ConvBERT encoder (transformers 4.57 `ConvBertModel`, eval mode) as an ONNX graph (opset 17) holding
 * its weights.
 *
 * Inputs, int64 `[batch, sequence]`: `input_ids`, `attention_mask` (1 on tokens, 0 on padding, right-padded),
 * `token_type_ids`. Outputs (float32): `cls` `[batch, H]` (position 0: the sentence vector of the Twitch model),
 * `mean_pooled` `[batch, H]` (mean over mask-1 positions), `last_hidden_state` `[batch, sequence, H]`; with
 * `mlmHead`, `logits` `[batch, sequence, vocab]` (decoder tied to the word embeddings unless the head stores
 * its own); with `debugOutputs`, `embeddings_layernorm` `[batch, sequence, E]` and `hidden_state_0..N`
 * `[batch, sequence, H]` (0: after `embeddings_project`, i: after layer i). The model's sizes are stored in its
 * `metadata_props` (see {@link CONVBERT_ONNX_METADATA}) for {@link OnnxConvBertSession} to check inputs against.
 *
 * Dense weights are pre-transposed to `[in, out]`, token vectors stay 2-D between layers so each MatMul fuses
 * with its bias into a Gemm, the separable convolution runs as 4-D Convs, and ONNX Runtime fuses the GELU.
 *
 * @throws OnnxBuildError for a missing or misshapen weight, an unsupported activation or kernel size, or
 *   `mlmHead` without MLM head weights
 * @example
 * const { config, encoder, mlmHead } = loadHfConvBertCheckpoint('models/twitch-convbert');
 * writeFileSync('encoder.onnx', buildConvBertOnnx({ config, encoder, mlmHead }));
 */
export function buildConvBertOnnx(weights: ConvBertWeights, options: BuildConvBertOnnxOptions = {}): Uint8Array {
  const { config } = weights;
  const convPadding = options.convPadding ?? 'masked';
  const wantMlm = options.mlmHead === true;
  if (convPadding !== 'masked' && convPadding !== 'hf')
    throw new OnnxBuildError(`convPadding must be "masked" or "hf", got ${JSON.stringify(convPadding)}`, {
      field: 'convPadding',
    });
  if (config.convKernelSize % 2 === 0) {
    // HF pads the depthwise conv by K // 2 and the unfold by (K - 1) // 2: with an even K the two disagree.
    throw new OnnxBuildError(`conv_kernel_size ${config.convKernelSize} is even; ConvBERT needs an odd kernel`, {
      field: 'conv_kernel_size',
    });
  }
  if (wantMlm && weights.mlmHead === null)
    throw new OnnxBuildError('mlmHead requested but the weights have no MLM head', { field: 'mlmHead' });

  const { vocabSize: V, hiddenSize: H, embeddingSize: E } = config;
  const O = CONVBERT_ONNX_OUTPUTS;
  const I = CONVBERT_ONNX_INPUTS;
  const g = new OnnxGraphBuilder('convbert');
  g.reserveOutputNames([
    O.cls,
    O.meanPooled,
    O.lastHiddenState,
    O.logits,
    O.embeddingsLayerNorm,
    ...Array.from({ length: config.numHiddenLayers + 1 }, (_, i) => O.hiddenState(i)),
  ]);
  const w = new WeightSource(g, weights.encoder);
  const batchSeq = ['batch', 'sequence'];
  const inputIds = g.input(I.inputIds, 'int64', batchSeq);
  const attentionMask = g.input(I.attentionMask, 'int64', batchSeq);
  const tokenTypeIds = g.input(I.tokenTypeIds, 'int64', batchSeq);

  // Token vectors travel between layers as [batch * sequence, width]: 2-D, so that each MatMul and its bias fuse
  // into one Gemm. `unflatten` gives them back their [batch, sequence, ...] shape where an op needs it.
  const embeddings = convBertEmbeddings(g, w, config, inputIds, tokenTypeIds);
  const batchAndSequence = g.op('Shape', [inputIds], {}, 'batch_sequence');
  const unflattenShapes = new Map<string, string>();
  const unflatten = (x: string, tail: readonly number[], hint: string): string => {
    const key = tail.join(',');
    let shape = unflattenShapes.get(key);
    if (shape === undefined) {
      shape = g.concat([batchAndSequence, g.int64s(tail)], 0, `shape_batch_sequence_${tail.join('_')}`);
      unflattenShapes.set(key, shape);
    }
    return g.op('Reshape', [x, shape], {}, hint);
  };

  const mask = g.cast(attentionMask, 'float32', 'mask');
  const attentionBias = g.reshape(
    g.mul(g.sub(g.scalar(1), mask, 'attention_bias'), g.scalar(FLOAT32_MIN), 'attention_bias'),
    [0, 1, 1, -1],
    'attention_bias',
  );
  const convMask = convPadding === 'masked' ? g.reshape(mask, [-1, 1], 'conv_mask') : null;
  const ctx = { g, config, weights: w, attentionBias, convMask, unflatten };

  const hiddenStates = [embeddings.projected];
  for (let layer = 0; layer < config.numHiddenLayers; layer++)
    hiddenStates.push(convBertLayer(ctx, layer, hiddenStates[layer]!));
  const flatLast = hiddenStates[hiddenStates.length - 1]!;
  const last = unflatten(flatLast, [H], 'last_hidden_state');

  g.output(O.lastHiddenState, last, 'float32', ['batch', 'sequence', H]);
  g.output(O.cls, g.gather(last, 0, 1, 'cls'), 'float32', ['batch', H]);
  const mask3 = g.reshape(mask, [0, 0, 1], 'mask');
  const maskedSum = g.reduceSum(g.mul(last, mask3, 'mean_pooled'), [1], false, 'mean_pooled');
  g.output(O.meanPooled, g.div(maskedSum, g.reduceSum(mask3, [1], false, 'token_count'), 'mean_pooled'), 'float32', [
    'batch',
    H,
  ]);
  if (wantMlm) {
    const logits = mlmLogits(g, new WeightSource(g, weights.mlmHead!), config, flatLast, embeddings.wordTable);
    g.output(O.logits, unflatten(logits, [V], 'logits'), 'float32', ['batch', 'sequence', V]);
  }
  if (options.debugOutputs === true) {
    g.output(O.embeddingsLayerNorm, embeddings.layerNormed, 'float32', ['batch', 'sequence', E]);
    hiddenStates.forEach((h, i) =>
      g.output(O.hiddenState(i), unflatten(h, [H], O.hiddenState(i)), 'float32', ['batch', 'sequence', H]),
    );
  }

  return g.build({
    metadata: {
      [CONVBERT_ONNX_METADATA.vocabSize]: String(V),
      [CONVBERT_ONNX_METADATA.maxPositions]: String(config.maxPositionEmbeddings),
      [CONVBERT_ONNX_METADATA.typeVocabSize]: String(config.typeVocabSize),
      [CONVBERT_ONNX_METADATA.hiddenSize]: String(H),
      [CONVBERT_ONNX_METADATA.convPadding]: convPadding,
    },
  });
}
