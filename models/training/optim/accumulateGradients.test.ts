import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConvBertTf, initTfBackend } from '../../tfjs';
import { maskedBatch } from '../data/maskedBatch';
import { Mulberry32 } from '../../random';
import { mlmLossSum } from '../stages/mlmStage';
import { accumulateGradients, clipByGlobalNorm } from './accumulateGradients';
import { gradientGap } from '../testing/gradientGap';
import { tinyConvBertConfig } from '../testing/fixtures';

const config = tinyConvBertConfig(50);

beforeAll(async () => {
  await initTfBackend();
});

describe('accumulateGradients', () => {
  it('two micro-batches give the gradients of one batch twice their size (dropout off, rows of different lengths)', () => {
    const model = ConvBertTf.random(config, 5, { mlmHead: true });
    const variables = new Map(model.variables);
    const rows = [
      [1, 10, 11, 12, 13, 2],
      [1, 14, 15, 2],
      [1, 16, 17, 18, 19, 20, 21, 2],
      [1, 22, 2],
    ].map((r) => Int32Array.from(r));
    const options = { rate: 0.4, maskId: 3, vocabSize: 50, protectedIds: new Set([0, 1, 2, 3]) };
    const whole = maskedBatch(rows, Mulberry32.fromSeed(1), options, 0);
    // The same masking, split in two halves: mask the halves with the rng continuing as for the whole batch.
    const rng = Mulberry32.fromSeed(1);
    const halves = [maskedBatch(rows.slice(0, 2), rng, options, 0), maskedBatch(rows.slice(2), rng, options, 0)];
    const total = whole.positions.length;
    expect(halves[0]!.positions.length + halves[1]!.positions.length).toBe(total);

    const one = accumulateGradients(variables, [
      () => tf.div(mlmLossSum(model, whole, { training: false }).sum, total) as tf.Scalar,
    ]);
    const two = accumulateGradients(
      variables,
      halves.map((h) => () => tf.div(mlmLossSum(model, h, { training: false }).sum, total) as tf.Scalar),
    );
    expect(two.loss).toBeCloseTo(one.loss, 5);
    expect([...two.grads.keys()].sort()).toEqual([...one.grads.keys()].sort());
    const { worst, largest } = gradientGap(one.grads, two.grads);
    expect(largest).toBeGreaterThan(1e-3);
    expect(worst).toBeLessThan(1e-5);
    tf.dispose([...one.grads.values(), ...two.grads.values()]);
    model.dispose();
  });

  it('clipByGlobalNorm scales to norm 1 and leaves small gradients alone', () => {
    const grads = new Map([
      ['a', tf.tensor1d([3, 0])],
      ['b', tf.tensor1d([0, 4])],
    ]);
    expect(clipByGlobalNorm(grads, 1)).toBeCloseTo(5, 5);
    const clipped = [...grads.values()].map((g) => Array.from(g.dataSync()));
    expect(clipped[0]![0]).toBeCloseTo(0.6, 5);
    expect(clipped[1]![1]).toBeCloseTo(0.8, 5);
    expect(clipByGlobalNorm(grads, 10)).toBeCloseTo(1, 5);
    expect(grads.get('a')!.dataSync()[0]).toBeCloseTo(0.6, 5);
    tf.dispose([...grads.values()]);
  });
});
