import type * as tf from '@tensorflow/tfjs';

/** Looks a model variable up by its HF name (no `convbert.` prefix); throws when the model has none by that name. */
export type ParameterLookup = {
  <R extends tf.Rank>(name: string): tf.Variable<R>;
};

/** Element-wise dropout, or the identity outside training. */
export type Dropout = <T extends tf.Tensor>(x: T) => T;

/** What every layer of one forward pass shares. */
export interface ForwardContext {
  batch: number;
  length: number;
  /** `[batch, 1, 1, length]`: 0 on real tokens, float32's lowest value on padding (HF's additive mask). */
  attentionBias: tf.Tensor4D;
  /** `[batch * length, 1]`: 1 on real tokens, 0 on padding; null reproduces HF, which convolves over padding. */
  convMask: tf.Tensor2D | null;
  dropout: Dropout;
}
