import type { ConvBertConfig } from '../checkpoint';

/**
 * The HF `config.json` object (snake_case) of a validated config: what a model trained here stores in its
 * manifest, so it reads back through `readConvBertConfig` and loads in HF `transformers` as a `ConvBertModel`.
 *
 * @example
 * readConvBertConfig(convBertConfigToHfJson(config)).hiddenSize === config.hiddenSize; // true
 */
export function convBertConfigToHfJson(config: ConvBertConfig): Record<string, unknown> {
  return {
    architectures: config.architectures.length > 0 ? [...config.architectures] : ['ConvBertModel'],
    model_type: 'convbert',
    vocab_size: config.vocabSize,
    hidden_size: config.hiddenSize,
    embedding_size: config.embeddingSize,
    num_hidden_layers: config.numHiddenLayers,
    num_attention_heads: config.numAttentionHeads,
    head_ratio: config.headRatio,
    conv_kernel_size: config.convKernelSize,
    num_groups: config.numGroups,
    intermediate_size: config.intermediateSize,
    max_position_embeddings: config.maxPositionEmbeddings,
    type_vocab_size: config.typeVocabSize,
    hidden_act: config.hiddenAct,
    layer_norm_eps: config.layerNormEps,
    pad_token_id: config.padTokenId,
  };
}
