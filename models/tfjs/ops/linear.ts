import * as tf from '@tensorflow/tfjs';

/**
 * `x @ kernel` for 2-D operands, with a gradient built only from plain, untransposed 2-D products.
 *
 * tfjs's own matMul gradient multiplies with `transposeA`/`transposeB` set, which the wasm backend computes on a
 * slow generic loop; its fast XNNPACK path takes only untransposed products. Transposing explicitly first keeps
 * backward on the fast path (DESIGN.md measured 24 s -> 5.5 s per full-model step).
 *
 * @param x `[rows, in]`
 * @param kernel `[in, out]` (a torch `Linear.weight` transposed)
 * @example
 * const y = matMulPlain(tf.ones([4, 3]), tf.ones([3, 2])); // [4, 2], every entry 3
 */
export function matMulPlain(x: tf.Tensor2D, kernel: tf.Tensor2D): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    save([a, b]);
    return {
      value: tf.matMul(a, b) as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
        const [sa, sb] = saved as [tf.Tensor2D, tf.Tensor2D];
        return [tf.matMul(dy, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy)];
      },
    };
  });
  return op(x, kernel) as tf.Tensor2D;
}

/**
 * A torch `nn.Linear` on rows: `x @ kernel + bias`.
 *
 * @param x `[rows, in]`
 * @param kernel `[in, out]`
 * @param bias `[out]`
 */
export function linear(x: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor2D {
  return tf.add(matMulPlain(x, kernel), bias);
}

/**
 * HF ConvBERT's `GroupedLinearLayer`: the input's features split into `groups` equal parts, each part through
 * its own `[in/groups, out/groups]` block, outputs concatenated in group order, plus the bias. Computed as one
 * plain product per group (not a batched product, which wasm runs on its slow path).
 *
 * @param x `[rows, in]`
 * @param kernel `[groups, in/groups, out/groups]` (HF's own layout)
 * @param bias `[out]`
 */
export function groupedLinear(x: tf.Tensor2D, kernel: tf.Tensor3D, bias: tf.Tensor1D): tf.Tensor2D {
  const [groups, groupIn, groupOut] = kernel.shape;
  if (groups === 1) return linear(x, tf.reshape(kernel, [groupIn, groupOut]), bias);
  const rows = x.shape[0];
  const parts: tf.Tensor2D[] = [];
  for (let g = 0; g < groups; g++) {
    const xg = tf.slice(x, [0, g * groupIn], [rows, groupIn]);
    const kg = tf.reshape(tf.slice(kernel, [g, 0, 0], [1, groupIn, groupOut]), [groupIn, groupOut]) as tf.Tensor2D;
    parts.push(matMulPlain(xg, kg));
  }
  return tf.add(tf.concat(parts, 1), bias);
}
