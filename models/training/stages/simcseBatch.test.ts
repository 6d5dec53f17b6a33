import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConvBertTf, initTfBackend } from '../../tfjs';
import { accumulateGradients } from '../optim/accumulateGradients';
import { Mulberry32 } from '../../random';
import { messageVectors, simcseBatch } from './simcseBatch';
import { padTokenBatch } from '../../convbert';
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
      const batch = simcseBatch(
        model,
        rows,
        0,
        { scale: 20, dropout: 0, microBatchSize, pooling: 'cls' },
        Mulberry32.fromSeed(1),
      );
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
        { scale: 20, dropout: 0, microBatchSize: 2, pooling: 'cls' },
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

  it('pools as asked: the CLS row, or the mean of the message rows without padding, scaled to unit length', () => {
    const model = ConvBertTf.random(config, 5);
    const batch = padTokenBatch(rows.slice(0, 3), 0);
    const hidden = model.encode(batch, { training: false }).lastHiddenState;
    const [, length, width] = hidden.shape;
    const h = hidden.dataSync();
    const unit = (v: number[]) => {
      const norm = Math.sqrt(v.reduce((n, x) => n + x * x, 0));
      return v.map((x) => x / norm);
    };
    for (const pooling of ['cls', 'mean'] as const) {
      const got = messageVectors(model, rows.slice(0, 3), 0, { training: false, pooling });
      const data = Array.from(got.dataSync());
      for (let r = 0; r < 3; r++) {
        const tokens = rows[r]!.length;
        const expected = unit(
          Array.from({ length: width }, (_, k) => {
            if (pooling === 'cls') return h[r * length * width + k]!;
            let sum = 0;
            for (let t = 0; t < tokens; t++) sum += h[(r * length + t) * width + k]!;
            return sum / tokens;
          }),
        );
        const row = data.slice(r * width, (r + 1) * width);
        for (let k = 0; k < width; k++) expect(row[k]).toBeCloseTo(expected[k]!, 4);
      }
      got.dispose();
    }
    hidden.dispose();
    model.dispose();
  });
});
