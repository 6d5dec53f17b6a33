import * as tf from '@tensorflow/tfjs';
import { gelu, linear } from '../../tfjs';
import { Mulberry32 } from '../../random';

/**
 * ELECTRA's discriminator head: dense hidden -> hidden, gelu, dense hidden -> 1: one replaced/original logit per
 * token. Its weights are used only during pretraining (the published model keeps the encoder).
 */
export class DiscriminatorHead {
  readonly variables: ReadonlyMap<string, tf.Variable>;

  constructor(hidden: number, seed: number) {
    const rng = Mulberry32.fromSeed(seed);
    const normal = (n: number) => Float32Array.from({ length: n }, () => rng.normalOnce(0.02));
    const id = `electraHead${seed}_${nextHead++}`;
    this.variables = new Map<string, tf.Variable>([
      ['dense.weight', tf.variable(tf.tensor2d(normal(hidden * hidden), [hidden, hidden]), true, `${id}/dense.weight`)],
      ['dense.bias', tf.variable(tf.zeros([hidden]), true, `${id}/dense.bias`)],
      ['prediction.weight', tf.variable(tf.tensor2d(normal(hidden), [hidden, 1]), true, `${id}/prediction.weight`)],
      ['prediction.bias', tf.variable(tf.zeros([1]), true, `${id}/prediction.bias`)],
    ]);
  }

  /**
   * @param hidden `[rows, hidden]`
   * @returns logits `[rows]`
   */
  apply(hidden: tf.Tensor2D): tf.Tensor1D {
    const v = (name: string) => this.variables.get(name)!;
    const inner = gelu(linear(hidden, v('dense.weight') as tf.Tensor2D, v('dense.bias') as tf.Tensor1D));
    return tf.reshape(linear(inner, v('prediction.weight') as tf.Tensor2D, v('prediction.bias') as tf.Tensor1D), [-1]);
  }

  dispose(): void {
    for (const v of this.variables.values()) v.dispose();
  }
}

let nextHead = 0;

/**
 * Sum over rows of `weights * BCE(sigmoid(logits), targets)`, in the overflow-safe form
 * `max(z, 0) - z y + log(1 + exp(-|z|))` built from ops with wasm gradients.
 */
export function weightedBinaryCrossEntropySum(
  logits: tf.Tensor1D,
  targets: tf.Tensor1D,
  weights: tf.Tensor1D,
): tf.Scalar {
  const perRow = tf.add(
    tf.sub(tf.relu(logits), tf.mul(logits, targets)),
    tf.log(tf.add(tf.exp(tf.neg(tf.abs(logits))), 1)),
  );
  return tf.sum(tf.mul(perRow, weights));
}
