import * as tf from '@tensorflow/tfjs';

/**
 * torch `nn.LayerNorm` over the last axis: biased variance, `eps` inside the square root.
 *
 * @param x `[..., width]`
 * @param weight `[width]`
 * @param bias `[width]`
 * @param eps the config's `layer_norm_eps`
 */
export function layerNorm<T extends tf.Tensor>(x: T, weight: tf.Tensor1D, bias: tf.Tensor1D, eps: number): T {
  const centred = tf.sub(x, tf.mean(x, -1, true));
  const variance = tf.mean(tf.square(centred), -1, true);
  return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, eps))), weight), bias) as T;
}
