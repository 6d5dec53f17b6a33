import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Lcg32 } from '../random';
import { loadHfConvBertCheckpoint, readConvBertConfig } from '../checkpoint';
import { fixturePath } from '../checkpoint/testing/fixtures';
import { padTokenBatch, type TokenBatch } from '../convbert';
import { ConvBertTf } from './ConvBertTf';
import { maskedLmLoss, MLM_IGNORE_INDEX } from './maskedLmLoss';
import { gatherRows } from './ops/gatherRows';
import { initTfBackend } from './tfBackend';
import { fixtureBatch } from './testing/fixtures';

const tiny = readConvBertConfig({
  model_type: 'convbert',
  vocab_size: 60,
  hidden_size: 16,
  embedding_size: 8,
  num_hidden_layers: 2,
  num_attention_heads: 4,
  intermediate_size: 32,
  max_position_embeddings: 16,
  pad_token_id: 0,
});
const MASK_ID = 4;

/** A fixed masked-LM batch: every third real token replaced by the mask id, its label kept. */
function mlmBatch(): { batch: TokenBatch; positions: tf.Tensor1D; labels: Int32Array } {
  const sequences = [
    [2, 11, 12, 13, 14, 15, 16, 17, 3],
    [2, 21, 22, 23, 24, 3],
    [2, 31, 32, 33, 34, 35, 36, 37, 38, 39, 3],
    [2, 41, 42, 3],
  ];
  const length = Math.max(...sequences.map((s) => s.length));
  const positions: number[] = [];
  const labels: number[] = [];
  const masked = sequences.map((seq, row) =>
    seq.map((id, i) => {
      if (i % 3 !== 1) return id;
      positions.push(row * length + i);
      labels.push(id);
      return MASK_ID;
    }),
  );
  return {
    batch: padTokenBatch(masked, 0),
    positions: tf.tensor1d(positions, 'int32'),
    labels: Int32Array.from(labels),
  };
}

/** Masked-LM loss on the masked positions only, as a training loop computes it. */
function mlmLoss(model: ConvBertTf, data: ReturnType<typeof mlmBatch>, training: boolean): tf.Scalar {
  const { batch } = data;
  const hidden = model.encode(batch, { training }).lastHiddenState;
  const rows = gatherRows(
    tf.reshape(hidden, [batch.batchSize * batch.length, model.config.hiddenSize]),
    data.positions,
  );
  return maskedLmLoss(model.mlmLogits(rows), data.labels);
}

beforeAll(async () => {
  expect((await initTfBackend()).backend).toBe('wasm');
});

describe('ConvBertTf training on wasm', () => {
  it('Adam steps on a fixed masked-LM batch run without missing kernels, reduce the loss, and leak no tensors', () => {
    const model = ConvBertTf.random(tiny, 11, { mlmHead: true });
    const data = mlmBatch();
    const optimizer = tf.train.adam(0.01);
    try {
      const step = () => {
        const loss = optimizer.minimize(() => mlmLoss(model, data, true), true, model.trainableVariables())!;
        const value = loss.dataSync()[0]!;
        loss.dispose();
        return value;
      };
      const initial = tf.tidy(() => mlmLoss(model, data, false).dataSync()[0]!);
      // Near-uniform predictions at HF's init: the loss starts at about ln(vocab).
      expect(initial).toBeGreaterThan(Math.log(tiny.vocabSize) - 0.5);
      step(); // creates the optimizer's moment estimates
      const tensorsAfterFirstStep = tf.memory().numTensors;
      for (let i = 0; i < 24; i++) step();
      expect(tf.memory().numTensors).toBe(tensorsAfterFirstStep);
      const final = tf.tidy(() => mlmLoss(model, data, false).dataSync()[0]!);
      expect(final).toBeLessThan(initial - 1);
    } finally {
      optimizer.dispose();
      model.dispose();
      data.positions.dispose();
    }
  });

  it('every variable gets its gradient: finite differences along a random direction agree with tf.variableGrads', () => {
    // The grouped fixture: trained-looking weights (sharp softmaxes) and grouped feed-forward layers.
    const model = ConvBertTf.fromWeights(loadHfConvBertCheckpoint(fixturePath('convbert-tiny-groups2')));
    const { batch } = fixtureBatch('convbert-tiny-groups2');
    const rows = batch.batchSize * batch.length;
    const labels = Int32Array.from(batch.inputIds, (id, i) =>
      batch.attentionMask[i] === 1 && i % 3 === 1 ? id : MLM_IGNORE_INDEX,
    );
    const loss = () =>
      maskedLmLoss(
        tf.reshape(model.mlmLogits(model.encode(batch).lastHiddenState), [rows, model.config.vocabSize]),
        labels,
      );
    const variables = model.trainableVariables();
    const { value, grads } = tf.variableGrads(loss, variables);
    const eps = 1e-3;
    const failures: string[] = [];
    const rng = Lcg32.numericalRecipes(7);
    try {
      for (const v of variables) {
        tf.tidy(() => {
          const direction = tf.tensor(
            Float32Array.from({ length: v.size }, () => rng.uniform(-1, 1)),
            v.shape,
          );
          const analytic = tf.sum(tf.mul(grads[v.name]!, direction)).dataSync()[0]!;
          const original = v.clone();
          v.assign(tf.add(original, tf.mul(direction, eps)));
          const plus = tf.tidy(() => loss().dataSync()[0]!);
          v.assign(tf.sub(original, tf.mul(direction, eps)));
          const minus = tf.tidy(() => loss().dataSync()[0]!);
          v.assign(original);
          const numeric = (plus - minus) / (2 * eps);
          // float32 losses of ~10 leave about 1e-3 of rounding noise in a central difference.
          if (!(Math.abs(numeric - analytic) <= 2e-3 + 1e-2 * Math.abs(analytic)))
            failures.push(`${v.name}: ${analytic} vs ${numeric}`);
        });
      }
      expect(failures).toEqual([]);
      // The check means something only if the gradients are not all tiny.
      const norms = variables.map((v) => tf.tidy(() => tf.norm(grads[v.name]!).dataSync()[0]!));
      expect(norms.filter((n) => n > 0.05).length).toBeGreaterThan(variables.length / 2);
    } finally {
      tf.dispose([value, ...Object.values(grads)]);
      model.dispose();
    }
  });

  it('training: true applies dropout (two calls differ); eval and dropout 0 are deterministic and equal', () => {
    const model = ConvBertTf.random(tiny, 3);
    const { batch } = mlmBatch();
    try {
      tf.tidy(() => {
        const run = (options: Parameters<ConvBertTf['encode']>[1]) =>
          model.encode(batch, options).lastHiddenState.dataSync();
        const evalA = run({});
        const evalB = run({ training: false, dropout: 0.5 });
        expect(Array.from(evalB)).toEqual(Array.from(evalA));
        expect(Array.from(run({ training: true, dropout: 0 }))).toEqual(Array.from(evalA));
        const trainA = run({ training: true });
        const trainB = run({ training: true });
        expect(Array.from(trainA)).not.toEqual(Array.from(trainB));
        expect(Array.from(trainA)).not.toEqual(Array.from(evalA));
      });
      expect(() => model.encode(batch, { training: true, dropout: 1 })).toThrow(/dropout/);
    } finally {
      model.dispose();
    }
  });

  it("encode inside tf.tidy leaves no tensor behind; returned tensors are the caller's to dispose", () => {
    const model = ConvBertTf.random(tiny, 4, { mlmHead: true });
    const { batch } = mlmBatch();
    try {
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const { lastHiddenState, hiddenStates } = model.encode(batch, { training: true, hiddenStates: true });
        model.pool(lastHiddenState, batch.attentionMask, 'mean');
        model.mlmLogits(hiddenStates![1]!);
      });
      expect(tf.memory().numTensors).toBe(before);
      const result = model.encode(batch, { hiddenStates: true });
      expect(tf.memory().numTensors).toBe(before + 1 + tiny.numHiddenLayers + 1);
      tf.dispose([result.lastHiddenState, ...result.hiddenStates!]);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      model.dispose();
    }
  });
});
