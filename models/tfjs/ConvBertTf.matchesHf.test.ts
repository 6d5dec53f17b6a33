import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHfConvBertCheckpoint } from '../checkpoint';
import { CONVBERT_FIXTURES, fixturePath } from '../checkpoint/testing/fixtures';
import { padTokenBatch } from '../convbert';
import { ConvBertTf } from './ConvBertTf';
import { initTfBackend } from './tfBackend';
import { fixtureBatch, fixtureExpected, maxAbsDiff } from './testing/fixtures';

// Fixtures README: float32 work agrees with HF within 1e-4 on hidden states, 1e-3 on logits.
const HIDDEN_TOLERANCE = 1e-4;
const LOGIT_TOLERANCE = 1e-3;

beforeAll(async () => {
  expect((await initTfBackend()).backend).toBe('wasm');
});

describe.each(CONVBERT_FIXTURES)('ConvBertTf on the wasm backend matches HF ConvBERT (%s)', (folder) => {
  const expected = fixtureExpected(folder);
  const { batch, lengths } = fixtureBatch(folder);
  const hidden = expected.padded_batch.last_hidden_state[0]![0]!.length;
  let model: ConvBertTf;
  beforeAll(() => {
    model = ConvBertTf.fromWeights(loadHfConvBertCheckpoint(fixturePath(folder)));
    return () => model.dispose();
  });

  it("'hf' padding reproduces the padded batch: every hidden state, the layer-0 intermediates, cls and mean pooling", () => {
    const layer0: Record<string, Float32Array> = {};
    tf.tidy(() => {
      const { lastHiddenState, hiddenStates } = model.encode(batch, {
        convPadding: 'hf',
        hiddenStates: true,
        selfAttentionTrace: (layer, trace) => {
          if (layer === 0)
            for (const [name, t] of Object.entries(trace)) layer0[name] = (t as tf.Tensor).dataSync() as Float32Array;
        },
      });
      expect(lastHiddenState.shape).toEqual([batch.batchSize, batch.length, hidden]);
      expect(maxAbsDiff(lastHiddenState.dataSync(), expected.padded_batch.last_hidden_state.flat(2))).toBeLessThan(
        HIDDEN_TOLERANCE,
      );
      expect(hiddenStates).toHaveLength(expected.padded_batch.hidden_states.length);
      hiddenStates!.forEach((state, i) => {
        expect(
          maxAbsDiff(state.dataSync(), expected.padded_batch.hidden_states[i]!.flat(2)),
          `hidden_states[${i}]`,
        ).toBeLessThan(HIDDEN_TOLERANCE);
      });
      const cls = model.pool(lastHiddenState, batch.attentionMask, 'cls');
      expect(maxAbsDiff(cls.dataSync(), expected.padded_batch.cls.flat())).toBeLessThan(HIDDEN_TOLERANCE);
      const mean = model.pool(
        lastHiddenState,
        tf.tensor2d(batch.attentionMask, [batch.batchSize, batch.length], 'int32'),
        'mean',
      );
      expect(maxAbsDiff(mean.dataSync(), expected.padded_batch.mean_pooled.flat())).toBeLessThan(HIDDEN_TOLERANCE);
    });
    const reference = expected.padded_batch.layer0_self_attention;
    expect(maxAbsDiff(layer0.keyConvAttn!, reference.key_conv_attn.flat(2))).toBeLessThan(HIDDEN_TOLERANCE);
    expect(maxAbsDiff(layer0.convKernelLogits!, reference.conv_kernel_logits.flat(2))).toBeLessThan(HIDDEN_TOLERANCE);
    expect(maxAbsDiff(layer0.convOutLinear!, reference.conv_out_linear.flat(2))).toBeLessThan(HIDDEN_TOLERANCE);
    expect(maxAbsDiff(layer0.attentionProbs!, reference.attention_probs.flat(3))).toBeLessThan(HIDDEN_TOLERANCE);
  });

  it('MLM logits of row 0 match ConvBertForMaskedLM, argmax included', () => {
    tf.tidy(() => {
      const { lastHiddenState } = model.encode(batch, { convPadding: 'hf' });
      const row = expected.mlm.batch_index;
      const logits = tf.squeeze(
        tf.slice(model.mlmLogits(lastHiddenState), [row, 0, 0], [1, batch.length, model.config.vocabSize]),
        [0],
      );
      expect(maxAbsDiff(logits.dataSync(), expected.mlm.logits.flat())).toBeLessThan(LOGIT_TOLERANCE);
      expect(Array.from(tf.argMax(logits, 1).dataSync())).toEqual(expected.mlm.argmax);
    });
  });

  it("'masked' padding (the default) gives every row of the padded batch its unpadded HF output", () => {
    tf.tidy(() => {
      const { lastHiddenState } = model.encode(batch);
      const cls = model.pool(lastHiddenState, batch.attentionMask, 'cls').arraySync();
      const mean = model.pool(lastHiddenState, batch.attentionMask, 'mean').arraySync();
      lengths.forEach((length, row) => {
        const alone = expected.unpadded[row]!;
        const real = tf.slice(lastHiddenState, [row, 0, 0], [1, length, hidden]);
        expect(maxAbsDiff(real.dataSync(), alone.last_hidden_state.flat()), `row ${row}`).toBeLessThan(
          HIDDEN_TOLERANCE,
        );
        expect(maxAbsDiff(cls[row]!, alone.cls), `row ${row} cls`).toBeLessThan(HIDDEN_TOLERANCE);
        expect(maxAbsDiff(mean[row]!, alone.mean_pooled), `row ${row} mean`).toBeLessThan(HIDDEN_TOLERANCE);
      });
    });
  });

  it("'masked' rows do not depend on the batch's padding, while 'hf' rows do", () => {
    // Row 0 (5 tokens) alone, then padded to 12 by a longer neighbour.
    const ids = Array.from(batch.inputIds.subarray(0, lengths[0]!));
    const longer = Array.from(batch.inputIds.subarray(batch.length * 2, batch.length * 3));
    const alone = padTokenBatch([ids], 0);
    const padded = padTokenBatch([ids, longer], 0);
    tf.tidy(() => {
      const firstRow = (t: tf.Tensor3D) => tf.slice(t, [0, 0, 0], [1, ids.length, hidden]).dataSync();
      const reference = firstRow(model.encode(alone).lastHiddenState);
      expect(maxAbsDiff(firstRow(model.encode(padded).lastHiddenState), reference)).toBeLessThan(1e-5);
      expect(
        maxAbsDiff(firstRow(model.encode(padded, { convPadding: 'hf' }).lastHiddenState), reference),
      ).toBeGreaterThan(0.1);
    });
  });
});
