import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '../../checkpoint';

export interface AdamWOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  weightDecay: number;
  /** Parameters that get no weight decay; default: biases and LayerNorm parameters (BERT's rule). */
  decays?: (key: string) => boolean;
}

/** Biases and LayerNorm parameters are not decayed (as HF's BERT/ELECTRA recipes do). */
export function decaysByDefault(key: string): boolean {
  return !(key.endsWith('bias') || key.includes('LayerNorm'));
}

/**
 * AdamW (Loshchilov & Hutter) with decoupled weight decay, over named variables: `p <- p - lr (m^ / (sqrt(v^) + eps)
 * + wd p)`, bias-corrected moments. tfjs's own Adam has no decoupled decay and cannot take summed micro-batch
 * gradients, hence this one. Moments are kept as tensors and can be saved and restored for checkpoints.
 *
 * @example
 * const opt = new AdamW(new Map([['w', w]]), { weightDecay: 0.01 });
 * opt.apply(new Map([['w', grad]]), 1e-3);
 */
export class AdamW {
  private readonly m = new Map<string, tf.Tensor>();
  private readonly v = new Map<string, tf.Tensor>();
  private t = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly weightDecay: number;
  private readonly decays: (key: string) => boolean;

  constructor(
    readonly variables: ReadonlyMap<string, tf.Variable>,
    options: AdamWOptions,
  ) {
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-6;
    this.weightDecay = options.weightDecay;
    this.decays = options.decays ?? decaysByDefault;
  }

  /** Updates done so far. */
  get steps(): number {
    return this.t;
  }

  /**
   * One update. Variables without a gradient are left alone (their moments too).
   *
   * @param grads key -> gradient (same shape as the variable); not disposed here
   */
  apply(grads: ReadonlyMap<string, tf.Tensor>, learningRate: number): void {
    this.t++;
    const { beta1: b1, beta2: b2, epsilon } = this;
    const correction1 = 1 - b1 ** this.t;
    const correction2 = 1 - b2 ** this.t;
    for (const [key, g] of grads) {
      const variable = this.variables.get(key);
      if (variable === undefined) throw new RangeError(`AdamW: gradient for unknown variable "${key}"`);
      const [m, v] = tf.tidy(() => {
        const m0 = this.m.get(key) ?? tf.zerosLike(variable);
        const v0 = this.v.get(key) ?? tf.zerosLike(variable);
        return [tf.add(tf.mul(m0, b1), tf.mul(g, 1 - b1)), tf.add(tf.mul(v0, b2), tf.mul(tf.square(g), 1 - b2))];
      });
      this.m.get(key)?.dispose();
      this.v.get(key)?.dispose();
      this.m.set(key, m);
      this.v.set(key, v);
      const decay = this.decays(key) ? this.weightDecay : 0;
      tf.tidy(() => {
        const update = tf.div(tf.div(m, correction1), tf.add(tf.sqrt(tf.div(v, correction2)), epsilon));
        const withDecay = decay > 0 ? tf.add(update, tf.mul(variable, decay)) : update;
        variable.assign(tf.sub(variable, tf.mul(withDecay, learningRate)));
      });
    }
  }

  /** The moments and step count as plain arrays (`m/<key>`, `v/<key>`), for a checkpoint. */
  exportState(): { step: number; tensors: Tensor[] } {
    const tensors: Tensor[] = [];
    for (const [prefix, map] of [
      ['m/', this.m],
      ['v/', this.v],
    ] as const) {
      for (const [key, t] of map)
        tensors.push({
          name: prefix + key,
          dtype: 'float32',
          shape: t.shape,
          data: Float32Array.from(t.dataSync() as Float32Array),
        });
    }
    return { step: this.t, tensors };
  }

  /** Restores {@link exportState}'s output (replacing the current moments). */
  importState(state: { step: number; tensors: ReadonlyMap<string, Tensor> }): void {
    this.dispose();
    this.t = state.step;
    for (const [name, t] of state.tensors) {
      const target = name.startsWith('m/') ? this.m : name.startsWith('v/') ? this.v : null;
      const key = name.slice(2);
      const variable = this.variables.get(key);
      if (target === null || variable === undefined)
        throw new RangeError(`AdamW: unexpected optimizer state "${name}"`);
      if (t.dtype !== 'float32' || t.data.length !== variable.size)
        throw new RangeError(`AdamW: optimizer state "${name}" does not fit its variable`);
      target.set(key, tf.tensor(t.data, variable.shape, 'float32'));
    }
  }

  /** Frees the moments. */
  dispose(): void {
    for (const t of [...this.m.values(), ...this.v.values()]) t.dispose();
    this.m.clear();
    this.v.clear();
  }
}
