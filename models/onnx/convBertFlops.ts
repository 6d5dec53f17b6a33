import type { ConvBertConfig } from '../checkpoint';

/**
 * Floating-point operations of one ConvBERT encoder pass over one sequence of `sequenceLength` tokens, counted
 * as 2 x multiply-adds of the model's products:
 * - `embeddings_project` (when embedding and hidden sizes differ): L E H;
 * - per layer: query, key, value and `conv_out_layer` projections, 4 L H A; the separable convolution, L H K
 *   (depthwise) + L H A (pointwise); `conv_kernel_layer`, L A (heads K); the dynamic-kernel mix, L A K;
 *   attention scores and their weighted sum of values, 2 L^2 A; the attention output dense, L H^2; the
 *   feed-forward block, 2 L H I / G (grouped layers do G times less work).
 *
 * Not counted: elementwise work (biases, residuals, GELU, softmax, LayerNorm, masking), embedding lookups,
 * pooling and the MLM head. Those are a small share of the time but not of the bytes moved. The graph's
 * block-diagonal form of grouped layers does G times the counted feed-forward work; the count is the model's.
 *
 * @example
 * convBertFlops(readConvBertConfig(LINCOLN_SMALL_CONFIG), 24) / 1e9; // about 0.44 GFLOP per 24-token message
 */
export function convBertFlops(config: ConvBertConfig, sequenceLength: number): number {
  if (!Number.isInteger(sequenceLength) || sequenceLength < 1)
    throw new RangeError(`convBertFlops: sequenceLength must be a positive integer, got ${sequenceLength}`);
  const L = sequenceLength;
  const { hiddenSize: H, embeddingSize: E, intermediateSize: I, numGroups: G, convKernelSize: K } = config;
  const { allHeadSize: A, attentionHeads: heads, hasEmbeddingsProject } = config.derived;
  const perLayer =
    4 * L * H * A + // query, key, value, conv_out_layer
    L * H * K + // depthwise convolution
    L * H * A + // pointwise convolution
    L * A * heads * K + // conv_kernel_layer
    L * A * K + // dynamic-kernel mix
    2 * L * L * A + // scores and context
    L * H * H + // attention output dense
    (2 * L * H * I) / G; // feed-forward
  const multiplyAdds = (hasEmbeddingsProject ? L * E * H : 0) + config.numHiddenLayers * perLayer;
  return 2 * multiplyAdds;
}
