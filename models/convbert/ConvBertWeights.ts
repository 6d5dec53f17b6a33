import type { ConvBertConfig, Tensor } from '../checkpoint';

/**
 * A ConvBERT's parameters under HF's normalised names (no `convbert.` prefix), all float32: what the ONNX
 * builder, the TensorFlow.js model and our model format exchange. Shapes are HF's (torch layout), as
 * {@link expectedConvBertWeights} lists them.
 */
export interface ConvBertWeights {
  config: ConvBertConfig;
  /** `embeddings.*`, `embeddings_project.*`, `encoder.layer.N.*`. */
  encoder: ReadonlyMap<string, Tensor>;
  /**
   * `generator_predictions.*` and `generator_lm_head.bias` (the decoder weight is tied to the word embeddings),
   * or null for an encoder-only model.
   */
  mlmHead: ReadonlyMap<string, Tensor> | null;
}

/** How token vectors become one message vector. The Twitch model (SimCSE) uses `cls`. */
export type Pooling = 'cls' | 'mean';
export const POOLINGS: readonly Pooling[] = ['cls', 'mean'];
