/** Output names of the graphs {@link buildConvBertOnnx} writes. */
export const CONVBERT_ONNX_OUTPUTS = {
  cls: 'cls',
  meanPooled: 'mean_pooled',
  lastHiddenState: 'last_hidden_state',
  logits: 'logits',
  embeddingsLayerNorm: 'embeddings_layernorm',
  /** 0: after `embeddings_project`; i: after layer i. */
  hiddenState: (i: number) => `hidden_state_${i}`,
} as const;

/** Input names, all int64 `[batch, sequence]`. */
export const CONVBERT_ONNX_INPUTS = {
  inputIds: 'input_ids',
  attentionMask: 'attention_mask',
  tokenTypeIds: 'token_type_ids',
} as const;

/**
 * `metadata_props` keys the builder writes, so that a session can check inputs against the model's sizes
 * without being told them (values are decimal strings, and `masked` / `hf` for the padding rule).
 */
export const CONVBERT_ONNX_METADATA = {
  vocabSize: 'convbert.vocab_size',
  maxPositions: 'convbert.max_position_embeddings',
  typeVocabSize: 'convbert.type_vocab_size',
  hiddenSize: 'convbert.hidden_size',
  convPadding: 'convbert.conv_padding',
} as const;
