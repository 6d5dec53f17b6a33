import { readConvBertConfig, type ConvBertConfig } from '../../checkpoint';
import type { TrainingPreset } from '../presets';

/** The encoder (ELECTRA's discriminator, later the published model) a preset describes, for a tokenizer's vocabulary. */
export function encoderConfig(preset: TrainingPreset, vocabSize: number, padTokenId: number): ConvBertConfig {
  const m = preset.model;
  return readConvBertConfig(
    {
      model_type: 'convbert',
      architectures: ['ConvBertForMaskedLM'],
      vocab_size: vocabSize,
      hidden_size: m.hiddenSize,
      embedding_size: m.embeddingSize,
      num_hidden_layers: m.numHiddenLayers,
      num_attention_heads: m.numAttentionHeads,
      intermediate_size: m.intermediateSize,
      conv_kernel_size: m.convKernelSize,
      head_ratio: 2,
      num_groups: 1,
      max_position_embeddings: m.maxPositionEmbeddings ?? m.maxTokens,
      type_vocab_size: 2,
      hidden_act: 'gelu',
      layer_norm_eps: 1e-12,
      pad_token_id: padTokenId,
    },
    `preset ${preset.name}`,
  );
}

/** ELECTRA's generator: the preset's smaller ConvBERT with the encoder's embedding size (the tables are shared). */
export function generatorConfig(preset: TrainingPreset, vocabSize: number, padTokenId: number): ConvBertConfig {
  const g = preset.generator;
  const m = preset.model;
  return readConvBertConfig(
    {
      model_type: 'convbert',
      vocab_size: vocabSize,
      hidden_size: g.hiddenSize,
      embedding_size: m.embeddingSize,
      num_hidden_layers: g.numHiddenLayers,
      num_attention_heads: g.numAttentionHeads,
      intermediate_size: g.intermediateSize,
      conv_kernel_size: m.convKernelSize,
      head_ratio: 2,
      num_groups: 1,
      max_position_embeddings: m.maxPositionEmbeddings ?? m.maxTokens,
      type_vocab_size: 2,
      hidden_act: 'gelu',
      layer_norm_eps: 1e-12,
      pad_token_id: padTokenId,
    },
    `preset ${preset.name} (generator)`,
  );
}

/** The embedding parameters ELECTRA's generator and discriminator share (each keeps its own `embeddings_project`). */
export const SHARED_EMBEDDING_WEIGHTS = [
  'embeddings.word_embeddings.weight',
  'embeddings.position_embeddings.weight',
  'embeddings.token_type_embeddings.weight',
  'embeddings.LayerNorm.weight',
  'embeddings.LayerNorm.bias',
] as const;
