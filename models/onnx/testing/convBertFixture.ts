import { fixtureJson, fixturePath, type ConvBertFixture } from '../../checkpoint/testing/fixtures';
import { loadHfConvBertCheckpoint } from '../../checkpoint';
import type { ConvBertWeights, TokenBatch } from '../../convbert';

/** The parts of a fixture's inputs.json and expected.json the ONNX tests compare against. */
export interface ConvBertFixtureData {
  weights: ConvBertWeights;
  batch: TokenBatch;
  lengths: number[];
  expected: {
    padded_batch: {
      embeddings_layernorm: number[][][];
      hidden_states: number[][][][];
      last_hidden_state: number[][][];
      cls: number[][];
      mean_pooled: number[][];
    };
    unpadded: { length: number; last_hidden_state: number[][]; cls: number[]; mean_pooled: number[] }[];
    mlm: { batch_index: number; logits: number[][] };
  };
}

/** Loads a ConvBERT fixture folder: weights through the checkpoint loader, the padded batch, the HF outputs. */
export function loadConvBertFixture(folder: ConvBertFixture): ConvBertFixtureData {
  const { config, encoder, mlmHead } = loadHfConvBertCheckpoint(fixturePath(folder));
  const inputs = fixtureJson(folder, 'inputs.json') as {
    input_ids: number[][];
    attention_mask: number[][];
    token_type_ids: number[][];
    lengths: number[];
  };
  const batchSize = inputs.input_ids.length;
  const length = inputs.input_ids[0]!.length;
  const batch: TokenBatch = {
    batchSize,
    length,
    inputIds: Int32Array.from(inputs.input_ids.flat()),
    attentionMask: Int32Array.from(inputs.attention_mask.flat()),
    tokenTypeIds: Int32Array.from(inputs.token_type_ids.flat()),
  };
  return {
    weights: { config, encoder, mlmHead },
    batch,
    lengths: inputs.lengths,
    expected: fixtureJson(folder, 'expected.json') as ConvBertFixtureData['expected'],
  };
}

/** Largest |actual[i] - expected[i]| over a nested array flattened row-major; throws when the sizes differ. */
export function maxAbsDiff(actual: ArrayLike<number>, expected: unknown): number {
  const flat = (expected as unknown[]).flat(Infinity) as number[];
  if (flat.length !== actual.length) throw new Error(`size mismatch: ${actual.length} values, expected ${flat.length}`);
  let max = 0;
  for (let i = 0; i < flat.length; i++) max = Math.max(max, Math.abs(actual[i]! - flat[i]!));
  return max;
}
