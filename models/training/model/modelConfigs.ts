import { readConvBertConfig, type ConvBertConfig } from '../../checkpoint';
import type { TrainingPreset } from '../presets';

/** The encoder (ELECTRA's discriminator, later the published model) a preset describes, for a tokenizer's vocabulary. */
export function encoderConfig(preset: TrainingPreset, vocabSize: number, padTokenId: number): ConvBertConfig {
  return convBertConfig(preset, preset.model, vocabSize, padTokenId, ['ConvBertForMaskedLM'], `preset ${preset.name}`);
}

/** ELECTRA's generator: the preset's smaller ConvBERT with the encoder's embedding size (the tables are shared). */
export function generatorConfig(preset: TrainingPreset, vocabSize: number, padTokenId: number): ConvBertConfig {
  return convBertConfig(preset, preset.generator, vocabSize, padTokenId, null, `preset ${preset.name} (generator)`);
}

/** A HF ConvBERT config of one of the preset's shapes; embedding size, kernel and positions are the encoder's. */
function convBertConfig(
  preset: TrainingPreset,
  shape: { hiddenSize: number; numHiddenLayers: number; numAttentionHeads: number; intermediateSize: number },
  vocabSize: number,
  padTokenId: number,
  architectures: string[] | null,
  where: string,
): ConvBertConfig {
  const m = preset.model;
  return readConvBertConfig(
    {
      model_type: 'convbert',
      ...(architectures === null ? {} : { architectures }),
      vocab_size: vocabSize,
      hidden_size: shape.hiddenSize,
      embedding_size: m.embeddingSize,
      num_hidden_layers: shape.numHiddenLayers,
      num_attention_heads: shape.numAttentionHeads,
      intermediate_size: shape.intermediateSize,
      conv_kernel_size: m.convKernelSize,
      head_ratio: 2,
      num_groups: 1,
      max_position_embeddings: m.maxPositionEmbeddings ?? m.maxTokens,
      type_vocab_size: 2,
      hidden_act: 'gelu',
      layer_norm_eps: 1e-12,
      pad_token_id: padTokenId,
    },
    where,
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
