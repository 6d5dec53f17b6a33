import type { ConvBertConfig } from '../../checkpoint';
import type { OnnxGraphBuilder } from '../OnnxGraphBuilder';
import { attr } from '../protobuf/onnxModel';
import { applyActivation } from './activation';
import type { WeightSource } from './WeightSource';

/**
 * `ConvBertForMaskedLM`'s head on `[batch * sequence, H]` token vectors: `generator_predictions` (dense to E, GELU,
 * LayerNorm) then `generator_lm_head`, whose weight is tied to the word embeddings unless the head stores its own.
 * Returns `[batch * sequence, V]` logits.
 */
export function mlmLogits(
  g: OnnxGraphBuilder,
  head: WeightSource,
  config: ConvBertConfig,
  tokens: string,
  wordTable: string,
): string {
  const { vocabSize: V, hiddenSize: H, embeddingSize: E } = config;
  const dense = g.linear(
    tokens,
    head.dense('generator_predictions.dense.weight', H, E),
    head.asIs('generator_predictions.dense.bias', [E]),
    'generator_predictions',
  );
  // HF's ConvBertGeneratorPredictions always uses the erf GELU, whatever hidden_act says.
  const predictions = g.layerNorm(
    applyActivation(g, dense, 'gelu'),
    head.asIs('generator_predictions.LayerNorm.weight', [E]),
    head.asIs('generator_predictions.LayerNorm.bias', [E]),
    config.layerNormEps,
    'generator_predictions',
  );
  // Gemm with transB reads the [V, E] table as stored, so the tied decoder shares the embedding initializer.
  const decoder = head.has('generator_lm_head.weight') ? head.asIs('generator_lm_head.weight', [V, E]) : wordTable;
  return g.op(
    'Gemm',
    [predictions, decoder, head.asIs('generator_lm_head.bias', [V])],
    { transB: attr.int(1) },
    'logits',
  );
}
