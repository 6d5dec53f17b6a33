import * as tf from '@tensorflow/tfjs';
import type { ConvBertConfig } from '../../checkpoint';

/** An element-wise activation. */
export type Activation = <T extends tf.Tensor>(x: T) => T;

/**
 * HF's `gelu`: the exact form `0.5 x (1 + erf(x / sqrt 2))` (tfjs has no erf-based gelu op; `tf.erf` and its
 * gradient exist on wasm).
 *
 * @example
 * gelu(tf.scalar(1)).dataSync(); // [0.8413447]
 */
export const gelu: Activation = (x) => tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1)) as typeof x;

/** HF's tanh approximation (`gelu_new`, `gelu_pytorch_tanh`): `0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))`. */
export const geluTanh: Activation = (x) => {
  const inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), Math.sqrt(2 / Math.PI));
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1)) as typeof x;
};

const ACTIVATIONS: Partial<Record<ConvBertConfig['hiddenAct'], Activation>> = {
  gelu,
  gelu_python: gelu,
  gelu_new: geluTanh,
  gelu_pytorch_tanh: geluTanh,
  quick_gelu: (x) => tf.mul(x, tf.sigmoid(tf.mul(x, 1.702))) as typeof x,
  relu: (x) => tf.relu(x),
  silu: (x) => tf.mul(x, tf.sigmoid(x)) as typeof x,
  swish: (x) => tf.mul(x, tf.sigmoid(x)) as typeof x,
  tanh: (x) => tf.tanh(x),
  sigmoid: (x) => tf.sigmoid(x),
  linear: (x) => x,
};

/**
 * The activation a config's `hidden_act` names, or null when this port does not implement it.
 *
 * @example
 * activationFor('gelu'); // gelu
 */
export function activationFor(name: ConvBertConfig['hiddenAct']): Activation | null {
  return ACTIVATIONS[name] ?? null;
}
