import * as tf from '@tensorflow/tfjs';

/**
 * The `(kernel - 1) / 2` zero rows torch pads each side of the sequence with ("same" convolution). ConvBERT's
 * kernels are odd; an even one would give HF an output one position longer than its input.
 */
function padSequence(x: tf.Tensor3D, kernelSize: number): tf.Tensor3D {
  const half = (kernelSize - 1) / 2;
  return tf.pad(x, [
    [0, 0],
    [half, half],
    [0, 0],
  ]);
}

/**
 * A depthwise 1-D convolution over positions (torch `Conv1d(C, C, K, groups=C, padding=K//2, bias=False)`,
 * a cross-correlation), written as K shifted slices times per-channel weights so that its gradient uses only
 * slice/pad/multiply: the wasm backend has no depthwise-convolution backprop kernels.
 *
 * @param x `[batch, length, channels]` (positions first, unlike torch's `[batch, channels, length]`)
 * @param kernel `[K, channels]`: tap `k` of channel `c` is torch's `weight[c, 0, k]`
 * @returns `[batch, length, channels]`: `out[b, l, c] = sum_k kernel[k, c] * x[b, l + k - (K-1)/2, c]`
 * @example
 * // K = 3 with only the centre tap set: the output equals the input.
 * const same = depthwiseConv1d(x, tf.tensor2d([[0, 0], [1, 1], [0, 0]])); // x: [batch, length, 2]
 */
export function depthwiseConv1d(x: tf.Tensor3D, kernel: tf.Tensor2D): tf.Tensor3D {
  const [batch, length, channels] = x.shape;
  const [taps] = kernel.shape;
  const padded = padSequence(x, taps);
  const terms: tf.Tensor3D[] = [];
  for (let k = 0; k < taps; k++) {
    const window = tf.slice(padded, [0, k, 0], [batch, length, channels]);
    terms.push(tf.mul(window, tf.slice(kernel, [k, 0], [1, channels])));
  }
  return tf.addN(terms);
}

/**
 * ConvBERT's span-based dynamic convolution: each position mixes its K neighbours' values with its own
 * per-head weights. This is HF's `unfold` of `conv_out_layer` followed by the product with the softmaxed
 * `conv_kernel_layer`, written as K shifted slices (zeros beyond both ends of the sequence, as unfold pads).
 *
 * @param values `[batch, length, heads * headSize]` (`conv_out_layer`'s output)
 * @param weights `[batch, length, heads, K]` (softmaxed over K)
 * @returns `[batch, length, heads, headSize]`:
 *   `out[b, l, h, j] = sum_k weights[b, l, h, k] * values[b, l + k - (K-1)/2, h * headSize + j]`
 */
export function dynamicConv(values: tf.Tensor3D, weights: tf.Tensor4D): tf.Tensor4D {
  const [batch, length, width] = values.shape;
  const [, , heads, taps] = weights.shape;
  const headSize = width / heads;
  const padded = padSequence(values, taps);
  const terms: tf.Tensor4D[] = [];
  for (let k = 0; k < taps; k++) {
    const window = tf.reshape(tf.slice(padded, [0, k, 0], [batch, length, width]), [batch, length, heads, headSize]);
    terms.push(tf.mul(window, tf.slice(weights, [0, 0, 0, k], [batch, length, heads, 1])));
  }
  return tf.addN(terms) as tf.Tensor4D;
}
