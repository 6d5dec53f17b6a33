import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTfBackend } from '../../tfjs';
import { AdamW } from './AdamW';
import { learningRateAt } from './learningRate';

beforeAll(async () => {
  await initTfBackend();
});

/** AdamW by hand on scalars: the reference the tensor version must match. */
function handAdamW(p: number, grads: number[], lrs: number[], decay: number): number {
  let m = 0;
  let v = 0;
  grads.forEach((g, i) => {
    const t = i + 1;
    m = 0.9 * m + 0.1 * g;
    v = 0.999 * v + 0.001 * g * g;
    const update = m / (1 - 0.9 ** t) / (Math.sqrt(v / (1 - 0.999 ** t)) + 1e-6);
    p = p - lrs[i]! * (update + decay * p);
  });
  return p;
}

describe('AdamW', () => {
  it('matches a hand computation on a 2-parameter problem; biases are not decayed', () => {
    const w = tf.variable(tf.tensor1d([1.5]), true, 'adamw-test/w');
    const bias = tf.variable(tf.tensor1d([-0.5]), true, 'adamw-test/bias');
    const opt = new AdamW(
      new Map([
        ['layer.weight', w],
        ['layer.bias', bias],
      ]),
      { weightDecay: 0.1 },
    );
    const grads = [
      [0.3, -1.2],
      [-0.1, 0.4],
      [2.0, 0.05],
    ];
    const lrs = [0.1, 0.05, 0.02];
    grads.forEach(([gw, gb], i) => {
      const g = new Map([
        ['layer.weight', tf.tensor1d([gw!])],
        ['layer.bias', tf.tensor1d([gb!])],
      ]);
      opt.apply(g, lrs[i]!);
      tf.dispose([...g.values()]);
    });
    expect(w.dataSync()[0]).toBeCloseTo(
      handAdamW(
        1.5,
        grads.map((g) => g[0]!),
        lrs,
        0.1,
      ),
      6,
    );
    expect(bias.dataSync()[0]).toBeCloseTo(
      handAdamW(
        -0.5,
        grads.map((g) => g[1]!),
        lrs,
        0,
      ),
      6,
    );
    // Decay made a difference for the weight: without it the result differs.
    expect(
      Math.abs(
        handAdamW(
          1.5,
          grads.map((g) => g[0]!),
          lrs,
          0.1,
        ) -
          handAdamW(
            1.5,
            grads.map((g) => g[0]!),
            lrs,
            0,
          ),
      ),
    ).toBeGreaterThan(1e-3);
    opt.dispose();
    tf.dispose([w, bias]);
  });

  it('exported moments restore into a fresh optimizer that then takes the same step', () => {
    const make = () => tf.variable(tf.tensor1d([1, 2, 3]), true);
    const a = make();
    const b = make();
    const optA = new AdamW(new Map([['x.weight', a]]), { weightDecay: 0.01 });
    const g = new Map([['x.weight', tf.tensor1d([0.5, -0.5, 1])]]);
    optA.apply(g, 0.1);
    b.assign(a);
    const optB = new AdamW(new Map([['x.weight', b]]), { weightDecay: 0.01 });
    const state = optA.exportState();
    optB.importState({ step: state.step, tensors: new Map(state.tensors.map((t) => [t.name, t])) });
    optA.apply(g, 0.1);
    optB.apply(g, 0.1);
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([a, b, ...g.values()]);
    optA.dispose();
    optB.dispose();
  });
});

describe('learningRateAt', () => {
  it('warms up linearly, then decays linearly to zero at the last step', () => {
    const s = { peak: 1, warmupSteps: 4, totalSteps: 10 };
    expect([1, 2, 4].map((t) => learningRateAt(t, s))).toEqual([0.25, 0.5, 1]);
    expect(learningRateAt(5, s)).toBeCloseTo(1, 9);
    expect(learningRateAt(10, s)).toBeCloseTo(1 / 6, 9);
    expect(learningRateAt(11, s)).toBe(0);
    expect(learningRateAt(6, s)).toBeGreaterThan(learningRateAt(8, s));
  });
});
