import { fixtureJson, type ConvBertFixture } from '../../checkpoint/testing/fixtures';
import type { TokenBatch } from '../../convbert';

/** Test helper: the fixture's `inputs.json` as a padded batch, plus the rows' real lengths. */
export function fixtureBatch(folder: ConvBertFixture): { batch: TokenBatch; lengths: number[] } {
  const inputs = fixtureJson(folder, 'inputs.json') as {
    input_ids: number[][];
    attention_mask: number[][];
    token_type_ids: number[][];
    lengths: number[];
  };
  const batchSize = inputs.input_ids.length;
  const length = inputs.input_ids[0]!.length;
  return {
    batch: {
      batchSize,
      length,
      inputIds: Int32Array.from(inputs.input_ids.flat()),
      attentionMask: Int32Array.from(inputs.attention_mask.flat()),
      tokenTypeIds: Int32Array.from(inputs.token_type_ids.flat()),
    },
    lengths: inputs.lengths,
  };
}

/** Test helper: the parts of `expected.json` the TensorFlow.js tests compare with (nested arrays of numbers). */
export interface ConvBertExpected {
  padded_batch: {
    hidden_states: number[][][][];
    last_hidden_state: number[][][];
    cls: number[][];
    mean_pooled: number[][];
    layer0_self_attention: {
      key_conv_attn: number[][][];
      conv_kernel_logits: number[][][];
      conv_out_linear: number[][][];
      attention_probs: number[][][][];
    };
  };
  unpadded: { length: number; last_hidden_state: number[][]; cls: number[]; mean_pooled: number[] }[];
  mlm: { batch_index: number; logits: number[][]; argmax: number[] };
}

export function fixtureExpected(folder: ConvBertFixture): ConvBertExpected {
  return fixtureJson(folder, 'expected.json') as ConvBertExpected;
}

/** Largest absolute difference between two equally long number sequences; Infinity when the lengths differ. */
export function maxAbsDiff(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let max = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs(actual[i]! - expected[i]!);
    // NaN must fail, not vanish in Math.max.
    if (!(d <= max)) max = Number.isNaN(d) ? Infinity : d;
  }
  return max;
}
