import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LossPoint } from '../../../contracts/training';
import { ConvBertTf, initTfBackend } from '../../tfjs';
import { encoderConfig } from '../model/modelConfigs';
import { resolvePreset } from '../presets';
import { tinyStageData, testStageContext } from '../testing/fixtures';
import { runMlmStage } from './mlmStage';
import { runPretrainStage } from './pretrainStage';
import { runSimcseStage } from './simcseStage';

const work = mkdtempSync(join(tmpdir(), 'stages-'));
const data = tinyStageData(300, 60);
const mean = (points: LossPoint[]) => points.reduce((n, p) => n + p.loss, 0) / points.length;

beforeAll(async () => {
  await initTfBackend();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('training stages on a tiny corpus', () => {
  const preset = resolvePreset('cpu-tiny', {
    'pretrain.steps': 30,
    'pretrain.learningRate': 0.003,
    'mlm.steps': 30,
    'mlm.learningRate': 0.003,
    'simcse.steps': 25,
    'simcse.learningRate': 0.001,
    'simcse.batchSize': 16,
    'simcse.microBatchSize': 16,
  });
  let pretrained: Awaited<ReturnType<typeof runPretrainStage>>;

  it('pretrain (ELECTRA): the loss goes down, side losses are recorded, no tensor leaks between steps', async () => {
    const counts: number[] = [];
    const ctx = testStageContext('pretrain', work, {
      callbacks: { onProgress: (p) => p.step >= 2 && counts.push(tf.memory().numTensors) },
    });
    pretrained = await runPretrainStage(ctx, preset, data);
    const losses = pretrained.details as { generatorLoss: number; discriminatorLoss: number };
    expect(pretrained.metrics.steps).toBe(30);
    expect(pretrained.metrics.finalLoss!).toBeLessThan(pretrained.metrics.firstLoss! * 0.9);
    expect(losses.generatorLoss).toBeGreaterThan(0);
    expect(losses.discriminatorLoss).toBeGreaterThan(0);
    expect(pretrained.metrics.heldOutAccuracy).toBeGreaterThan(0.5);
    expect(new Set(counts).size).toBe(1);
    // The exported encoder has the preset's shape and no head.
    expect(pretrained.weights!.mlmHead).toBeNull();
    expect(pretrained.weights!.config.hiddenSize).toBe(preset.model.hiddenSize);
  });

  it('mlm: the loss goes down and held-out accuracy is measured; the output has an MLM head', async () => {
    const history: LossPoint[] = [];
    const ctx = testStageContext('mlm', work, { callbacks: { onLoss: (p) => history.push(...p) } });
    const out = await runMlmStage(ctx, preset, data, pretrained.weights!);
    expect(history.map((p) => p.step)).toEqual([...Array(30).keys()].map((i) => i + 1));
    expect(mean(history.slice(-5))).toBeLessThan(mean(history.slice(0, 5)) - 0.3);
    expect(out.metrics.heldOutAccuracy).toBeGreaterThanOrEqual(0);
    expect(out.weights!.mlmHead).not.toBeNull();
  });

  it('simcse: the loss goes down, alignment and uniformity are reported, the MLM head is kept unchanged', async () => {
    const start = ConvBertTf.random(encoderConfig(preset, data.vocabSize, data.specials.pad), 3, { mlmHead: true });
    const weights = start.exportWeights();
    start.dispose();
    const history: LossPoint[] = [];
    const ctx = testStageContext('simcse', work, { callbacks: { onLoss: (p) => history.push(...p) } });
    const out = await runSimcseStage(ctx, preset, data, weights);
    expect(mean(history.slice(-5))).toBeLessThan(mean(history.slice(0, 5)) - 0.2);
    expect(out.metrics.alignment).toBeGreaterThanOrEqual(0);
    expect(out.metrics.uniformity).toBeLessThan(0);
    const values = (t: { data: unknown } | undefined) => Array.from(t!.data as Float32Array);
    for (const [name, t] of weights.mlmHead!) expect(values(out.weights!.mlmHead!.get(name)), name).toEqual(values(t));
    const word = 'embeddings.word_embeddings.weight';
    expect(values(out.weights!.encoder.get(word))).not.toEqual(values(weights.encoder.get(word)));
  });
});
