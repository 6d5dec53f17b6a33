import * as tf from '@tensorflow/tfjs';

/** Label of rows that take no part in the loss (torch `CrossEntropyLoss`'s default `ignore_index`). */
export const MLM_IGNORE_INDEX = -100;

/**
 * Mean cross-entropy of the rows whose label is not {@link MLM_IGNORE_INDEX}, as HF's masked-LM loss. Built
 * from ops whose gradients exist on wasm (log-softmax, one-hot, sums). Returns 0 when every row is ignored.
 *
 * @param logits `[rows, vocab]`
 * @param labels one label per row: a token id, or -100 to ignore the row
 * @example
 * const loss = maskedLmLoss(model.mlmLogits(rows), Int32Array.from([17, -100, 42]));
 */
export function maskedLmLoss(logits: tf.Tensor2D, labels: Int32Array): tf.Scalar {
  const [rows, vocab] = logits.shape;
  if (labels.length !== rows) throw new RangeError(`maskedLmLoss: ${labels.length} labels for ${rows} rows of logits`);
  const targets = new Int32Array(rows);
  const weights = new Float32Array(rows);
  let counted = 0;
  labels.forEach((label, i) => {
    if (label === MLM_IGNORE_INDEX) return;
    if (!Number.isInteger(label) || label < 0 || label >= vocab)
      throw new RangeError(`maskedLmLoss: label ${label} of row ${i} is outside [0, ${vocab})`);
    targets[i] = label;
    weights[i] = 1;
    counted++;
  });
  return tf.tidy(() => {
    const picked = tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(tf.tensor1d(targets, 'int32'), vocab)), 1);
    const mean = tf.div(tf.neg(tf.sum(tf.mul(picked, tf.tensor1d(weights)))), Math.max(counted, 1));
    // + 0 turns the -0 of an all-ignored batch into 0.
    return tf.add(mean, 0) as tf.Scalar;
  });
}
