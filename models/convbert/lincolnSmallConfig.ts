/**
 * The architecture of `lincoln/2021twitchfr-conv-bert-small-mlm-simcse` as a HF `config.json` object: the shape
 * the benchmarks measure and the `lincoln-small` training preset builds. Fields not listed take HF's defaults.
 * `pad_token_id` depends on the tokenizer; 0 here stands for "some id inside the vocabulary".
 */
export const LINCOLN_SMALL_CONFIG = {
  model_type: 'convbert',
  architectures: ['ConvBertModel'],
  vocab_size: 16361,
  hidden_size: 256,
  embedding_size: 128,
  num_hidden_layers: 12,
  num_attention_heads: 4,
  head_ratio: 2,
  conv_kernel_size: 9,
  num_groups: 1,
  intermediate_size: 1024,
  max_position_embeddings: 512,
  type_vocab_size: 2,
  hidden_act: 'gelu',
  layer_norm_eps: 1e-12,
  pad_token_id: 0,
} as const;
