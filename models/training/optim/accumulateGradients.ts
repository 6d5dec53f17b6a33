import * as tf from '@tensorflow/tfjs';

/** Summed gradients of a whole batch and the summed loss. The caller disposes `grads`. */
export interface AccumulatedGradients {
  grads: Map<string, tf.Tensor>;
  loss: number;
}

/**
 * Runs each micro-batch's loss through `tf.variableGrads` and sums the gradients and the losses. Each loss must
 * already be scaled to its share of the batch (e.g. a sum over its tokens divided by the batch's token count), so
 * the sum equals the whole batch's gradient: only one micro-batch's activations are alive at a time, which keeps
 * the wasm heap small.
 *
 * @param variables key -> variable; variables a loss does not reach get no entry
 * @param microLosses one function per micro-batch, each returning a scalar
 * @example
 * const { grads, loss } = accumulateGradients(vars, micro.map((m) => () => lossOf(m)));
 */
export function accumulateGradients(
  variables: ReadonlyMap<string, tf.Variable>,
  microLosses: readonly (() => tf.Scalar)[],
): AccumulatedGradients {
  const list = [...variables.values()];
  const keyOf = new Map<string, string>();
  for (const [key, v] of variables) keyOf.set(v.name, key);
  const grads = new Map<string, tf.Tensor>();
  let loss = 0;
  for (const f of microLosses) {
    const { value, grads: g } = tf.variableGrads(f, list);
    loss += value.dataSync()[0]!;
    value.dispose();
    for (const [name, grad] of Object.entries(g)) {
      const key = keyOf.get(name)!;
      const previous = grads.get(key);
      if (previous === undefined) grads.set(key, grad);
      else {
        grads.set(key, tf.add(previous, grad));
        previous.dispose();
        grad.dispose();
      }
    }
  }
  return { grads, loss };
}

/**
 * Scales the gradients in place so that their global L2 norm is at most `maxNorm` (torch's `clip_grad_norm_`).
 *
 * @returns the norm before clipping
 */
export function clipByGlobalNorm(grads: Map<string, tf.Tensor>, maxNorm: number): number {
  if (grads.size === 0) return 0;
  const norm = tf.tidy(() => tf.sqrt(tf.addN([...grads.values()].map((g) => tf.sum(tf.square(g))))).dataSync()[0]!);
  if (norm > maxNorm) {
    const factor = maxNorm / (norm + 1e-6);
    for (const [key, g] of grads) {
      grads.set(key, tf.mul(g, factor));
      g.dispose();
    }
  }
  return norm;
}
