import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConvBertTf, initTfBackend } from '../../tfjs';
import { accumulateGradients } from '../optim/accumulateGradients';
import { Mulberry32 } from '../../random';
import { simcseBatch } from './simcseBatch';
import { gradientGap } from '../testing/gradientGap';
import { tinyConvBertConfig } from '../testing/fixtures';

const config = tinyConvBertConfig(60);
const rows = [
  [1, 10, 11, 2],
  [1, 12, 13, 14, 15, 2],
  [1, 16, 2],
  [1, 17, 18, 19, 2],
  [1, 20, 21, 22, 23, 24, 25, 2],
  [1, 26, 27, 2],
].map((r) => Int32Array.from(r));

beforeAll(async () => {
  await initTfBackend();
});

describe('simcseBatch', () => {
  it("micro-batches with the gradient cache give the whole batch's loss and gradients (every row keeps all negatives)", () => {
    const model = ConvBertTf.random(config, 3);
    const variables = new Map(model.variables);
    const run = (microBatchSize: number) => {
      const batch = simcseBatch(model, rows, 0, { scale: 20, dropout: 0, microBatchSize }, Mulberry32.fromSeed(1));
      const result = accumulateGradients(
        variables,
        batch.micro.map((m) => m.loss),
      );
      batch.dispose?.();
      return { loss: batch.loss ?? result.loss, grads: result.grads, micro: batch.micro.length };
    };
    const whole = run(6);
    const parts = run(2);
    expect(whole.micro).toBe(1);
    expect(parts.micro).toBe(3);
    expect(parts.loss).toBeCloseTo(whole.loss, 5);
    // Plain accumulation of per-micro-batch losses (negatives only within a micro-batch) would differ.
    const naive = [0, 2, 4].reduce((n, i) => {
      const b = simcseBatch(
        model,
        rows.slice(i, i + 2),
        0,
        { scale: 20, dropout: 0, microBatchSize: 2 },
        Mulberry32.fromSeed(1),
      );
      return n + tf.tidy(() => b.micro[0]!.loss().dataSync()[0]!) / 3;
    }, 0);
    expect(Math.abs(naive - whole.loss)).toBeGreaterThan(0.05);
    const { worst, largest } = gradientGap(whole.grads, parts.grads);
    // Fresh CLS vectors are nearly parallel, so gradients are small: compare relative to the largest.
    expect(largest).toBeGreaterThan(1e-5);
    expect(worst).toBeLessThan(1e-3 * largest);
    tf.dispose([...whole.grads.values(), ...parts.grads.values()]);
    model.dispose();
  });
});
