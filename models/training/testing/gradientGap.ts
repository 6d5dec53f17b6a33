import type * as tf from '@tensorflow/tfjs';

/**
 * How far two gradient maps (variable name -> gradient) are apart: the largest absolute element difference, and the
 * largest absolute element of `expected` (so a test can also check the gradients are not all tiny).
 */
export function gradientGap(
  expected: ReadonlyMap<string, tf.Tensor>,
  actual: ReadonlyMap<string, tf.Tensor>,
): { worst: number; largest: number } {
  let worst = 0;
  let largest = 0;
  for (const [key, g] of expected) {
    const a = g.dataSync();
    const b = actual.get(key)!.dataSync();
    for (let i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
      largest = Math.max(largest, Math.abs(a[i]!));
    }
  }
  return { worst, largest };
}
