import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maskedLmLoss, MLM_IGNORE_INDEX } from './maskedLmLoss';
import { initTfBackend } from './tfBackend';

beforeAll(async () => {
  await initTfBackend();
});

describe('maskedLmLoss', () => {
  it('is the mean cross-entropy over the rows whose label is not -100', () => {
    const logits = [
      [2, 0, -1],
      [0.5, 0.5, 3],
      [9, -9, 0],
    ];
    const labels = Int32Array.from([1, MLM_IGNORE_INDEX, 0]);
    const crossEntropy = (row: number[], label: number) =>
      Math.log(row.reduce((s, v) => s + Math.exp(v), 0)) - row[label]!;
    const expected = (crossEntropy(logits[0]!, 1) + crossEntropy(logits[2]!, 0)) / 2;
    const loss = tf.tidy(() => maskedLmLoss(tf.tensor2d(logits), labels).dataSync()[0]!);
    expect(loss).toBeCloseTo(expected, 5);
  });

  it('is 0 when every row is ignored, and refuses labels outside the vocabulary or of the wrong count', () => {
    expect(tf.tidy(() => maskedLmLoss(tf.ones([2, 4]), Int32Array.from([-100, -100])).dataSync()[0])).toBe(0);
    expect(() => maskedLmLoss(tf.ones([2, 4]), Int32Array.from([4, 0]))).toThrow(/label 4 of row 0/);
    expect(() => maskedLmLoss(tf.ones([2, 4]), Int32Array.from([1]))).toThrow(/1 labels for 2 rows/);
  });
});
