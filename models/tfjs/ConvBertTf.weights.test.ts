import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectedConvBertWeights,
  loadHfConvBertCheckpoint,
  readConvBertConfig,
  readSafetensors,
  selectConvBertWeights,
  writeSafetensors,
  type Tensor,
} from '../checkpoint';
import { checkpointErrorOf } from '../checkpoint/testing/checkpointErrorOf';
import { CONVBERT_FIXTURES, fixturePath, rawBytes } from '../checkpoint/testing/fixtures';
import type { ConvBertWeights } from '../convbert';
import { ConvBertTf } from './ConvBertTf';
import { initTfBackend } from './tfBackend';
import { toHfLayout, toTfLayout, weightLayout } from './weightLayout';

beforeAll(async () => {
  await initTfBackend();
});

const tinyGrouped = readConvBertConfig({
  model_type: 'convbert',
  vocab_size: 40,
  hidden_size: 16,
  embedding_size: 8,
  num_hidden_layers: 1,
  num_attention_heads: 4,
  num_groups: 2,
  intermediate_size: 32,
  max_position_embeddings: 16,
  pad_token_id: 3,
});

function expectSameWeights(actual: ReadonlyMap<string, Tensor>, expected: ReadonlyMap<string, Tensor>) {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [name, t] of expected) {
    const a = actual.get(name)!;
    expect(a.shape, name).toEqual(t.shape);
    expect(a.dtype, name).toBe('float32');
    expect(rawBytes(a.data).equals(rawBytes(t.data)), `${name} bits`).toBe(true);
  }
}

describe('ConvBertTf weights', () => {
  it.each(CONVBERT_FIXTURES)(
    '%s: exportWeights() gives back fromWeights() bit for bit (names, torch shapes, values)',
    (folder) => {
      const ckpt = loadHfConvBertCheckpoint(fixturePath(folder));
      const model = ConvBertTf.fromWeights(ckpt);
      try {
        const exported = model.exportWeights();
        expect(exported.config).toBe(ckpt.config);
        expectSameWeights(exported.encoder, ckpt.encoder);
        expectSameWeights(exported.mlmHead!, ckpt.mlmHead!);
      } finally {
        model.dispose();
      }
    },
  );

  it('an encoder-only model exports no MLM head, and its weights survive writeSafetensors + selectConvBertWeights', () => {
    const ckpt = loadHfConvBertCheckpoint(fixturePath('convbert-tiny'));
    const model = ConvBertTf.fromWeights({ config: ckpt.config, encoder: ckpt.encoder, mlmHead: null });
    try {
      expect(model.hasMlmHead).toBe(false);
      const exported = model.exportWeights();
      expect(exported.mlmHead).toBeNull();
      const reread = selectConvBertWeights(
        readSafetensors(writeSafetensors([...exported.encoder.values()])),
        ckpt.config,
      );
      expectSameWeights(reread.encoder, ckpt.encoder);
    } finally {
      model.dispose();
    }
  });

  it('stores dense and convolution weights transposed for plain products, and says so by layout', () => {
    expect(weightLayout('encoder.layer.0.attention.self.query.weight', [16, 32])).toBe('linear');
    expect(weightLayout('embeddings_project.weight', [32, 16])).toBe('linear');
    expect(weightLayout('generator_predictions.dense.weight', [16, 32])).toBe('linear');
    expect(weightLayout('embeddings.word_embeddings.weight', [120, 16])).toBe('same');
    expect(weightLayout('encoder.layer.0.intermediate.dense.weight', [2, 16, 32])).toBe('same');
    expect(weightLayout('encoder.layer.0.attention.self.key_conv_attn_layer.depthwise.weight', [32, 1, 9])).toBe(
      'depthwise',
    );
    const linear: Tensor = {
      name: 'encoder.layer.0.output.dense.weight',
      dtype: 'float32',
      shape: [2, 3],
      data: Float32Array.from([1, 2, 3, 4, 5, 6]),
    };
    const tfLayout = toTfLayout(linear);
    expect(tfLayout.shape).toEqual([3, 2]);
    expect(Array.from(tfLayout.data)).toEqual([1, 4, 2, 5, 3, 6]);
    const depthwise: Tensor = {
      name: 'encoder.layer.0.attention.self.key_conv_attn_layer.depthwise.weight',
      dtype: 'float32',
      shape: [2, 1, 3],
      data: Float32Array.from([1, 2, 3, 4, 5, 6]),
    };
    expect(toTfLayout(depthwise)).toEqual({ shape: [3, 2], data: Float32Array.from([1, 4, 2, 5, 3, 6]) });
    expect(toHfLayout(depthwise.name, depthwise.shape, toTfLayout(depthwise))).toEqual(depthwise);
  });

  it('random() draws HF-style weights (std 0.02, zero biases, unit LayerNorm, zero pad row), the same for the same seed', () => {
    const a = ConvBertTf.random(tinyGrouped, 5, { mlmHead: true });
    const b = ConvBertTf.random(tinyGrouped, 5, { mlmHead: true });
    const c = ConvBertTf.random(tinyGrouped, 6, { mlmHead: true });
    try {
      const wa = a.exportWeights();
      expectSameWeights(b.exportWeights().encoder, wa.encoder);
      const query = wa.encoder.get('encoder.layer.0.attention.self.query.weight')!.data as Float32Array;
      expect(
        rawBytes(query).equals(
          rawBytes(c.exportWeights().encoder.get('encoder.layer.0.attention.self.query.weight')!.data),
        ),
      ).toBe(false);
      const all = expectedConvBertWeights(tinyGrouped, { mlmHead: true }).map(
        (w) => wa.encoder.get(w.name) ?? wa.mlmHead!.get(w.name)!,
      );
      for (const t of all) {
        const values = Array.from(t.data as Float32Array);
        if (t.name.endsWith('LayerNorm.weight'))
          expect(
            values.every((v) => v === 1),
            t.name,
          ).toBe(true);
        else if (t.name.endsWith('bias'))
          expect(
            values.every((v) => v === 0),
            t.name,
          ).toBe(true);
        else {
          const std = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
          if (values.length >= 256) expect(std, t.name).toBeGreaterThan(0.015);
          expect(std, t.name).toBeLessThan(0.025);
        }
      }
      const E = tinyGrouped.embeddingSize;
      const padRow = (wa.encoder.get('embeddings.word_embeddings.weight')!.data as Float32Array).subarray(3 * E, 4 * E);
      expect(Array.from(padRow)).toEqual(new Array(E).fill(0));
      expect(a.trainableVariables()).toHaveLength(all.length);
    } finally {
      [a, b, c].forEach((m) => m.dispose());
    }
  });

  it('copies the given weights: changing them afterwards does not change the model', () => {
    const ckpt = loadHfConvBertCheckpoint(fixturePath('convbert-tiny'));
    const model = ConvBertTf.fromWeights(ckpt);
    try {
      const bias = ckpt.encoder.get('embeddings.LayerNorm.bias')!.data as Float32Array;
      const before = bias[0]!;
      bias[0] = before + 1;
      expect(model.exportWeights().encoder.get('embeddings.LayerNorm.bias')!.data[0]).toBe(before);
    } finally {
      model.dispose();
    }
  });

  it('two models live side by side (tfjs variable names are process-wide), and dispose() frees every variable', () => {
    const before = tf.memory().numTensors;
    const a = ConvBertTf.random(tinyGrouped, 1);
    const b = ConvBertTf.random(tinyGrouped, 1);
    const count = a.trainableVariables().length;
    expect(tf.memory().numTensors - before).toBe(2 * count);
    expect(new Set([...a.trainableVariables(), ...b.trainableVariables()].map((v) => v.name)).size).toBe(2 * count);
    a.dispose();
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses missing, misshapen and unexpected weights with a CheckpointError naming the tensor, and leaks nothing', () => {
    const ckpt = loadHfConvBertCheckpoint(fixturePath('convbert-tiny'));
    const before = tf.memory().numTensors;
    const without = (name: string): ConvBertWeights => ({
      ...ckpt,
      encoder: new Map([...ckpt.encoder].filter(([n]) => n !== name)),
    });
    const missing = checkpointErrorOf(() => ConvBertTf.fromWeights(without('encoder.layer.1.output.dense.bias')));
    expect(missing.tensor).toBe('encoder.layer.1.output.dense.bias');

    const name = 'encoder.layer.0.attention.self.conv_kernel_layer.weight';
    const wrong = new Map(ckpt.encoder);
    wrong.set(name, { name, dtype: 'float32', shape: [16, 18], data: new Float32Array(16 * 18) });
    const misshapen = checkpointErrorOf(() => ConvBertTf.fromWeights({ ...ckpt, encoder: wrong }));
    expect(misshapen.tensor).toBe(name);
    expect(misshapen.message).toContain('[16, 18]');

    const extra = new Map(ckpt.encoder);
    extra.set('classifier.weight', {
      name: 'classifier.weight',
      dtype: 'float32',
      shape: [1],
      data: new Float32Array(1),
    });
    expect(checkpointErrorOf(() => ConvBertTf.fromWeights({ ...ckpt, encoder: extra })).tensor).toBe(
      'classifier.weight',
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses configs HF cannot run: an even convolution kernel', () => {
    const even = readConvBertConfig({
      model_type: 'convbert',
      vocab_size: 40,
      hidden_size: 16,
      embedding_size: 8,
      num_hidden_layers: 1,
      num_attention_heads: 4,
      conv_kernel_size: 8,
      intermediate_size: 32,
      max_position_embeddings: 16,
      pad_token_id: 0,
    });
    expect(checkpointErrorOf(() => ConvBertTf.random(even, 1)).field).toBe('conv_kernel_size');
  });
});
