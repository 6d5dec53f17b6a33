import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StageMetrics, TrainingProgress } from '../../contracts/training';
import { createEmbedder } from '../embedding';
import { loadModelDir } from '../format';
import { TrainingCancelledError, TrainingError } from './errors';
import { resolvePreset } from './presets';
import { runTrainingChain, type TrainingChainOptions } from './runTrainingChain';
import { tinyCorpus } from './testing/fixtures';

const root = mkdtempSync(join(tmpdir(), 'chain-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const corpus = tinyCorpus(500);
const base = (name: string): TrainingChainOptions => ({
  preset: resolvePreset('cpu-tiny', { 'tokenizer.vocabSize': 300 }),
  stages: ['tokenizer', 'pretrain', 'mlm', 'simcse'],
  corpus,
  workDir: join(root, name, 'work'),
  outDir: join(root, name, 'model'),
  seed: 11,
  modelName: 'chat-topics-cpu-tiny',
  modelVersion: '1',
});

describe('runTrainingChain', () => {
  it('runs every stage on cpu-tiny and writes a model directory that loads and embeds (ONNX)', async () => {
    const metrics: StageMetrics[] = [];
    const progress: Omit<TrainingProgress, 'jobId' | 'at'>[] = [];
    const result = await runTrainingChain({
      ...base('full'),
      onStageMetrics: (m) => metrics.push(m),
      onProgress: (p) => progress.push(p),
    });
    expect(metrics.map((m) => m.stage)).toEqual(['tokenizer', 'pretrain', 'mlm', 'simcse']);
    expect(result.stageMetrics).toEqual(metrics);
    expect(metrics[0]!.vocabSize).toBeLessThanOrEqual(300);
    expect(result.backend).toMatch(/^wasm/);
    expect(progress.some((p) => p.stage === 'mlm' && p.tokensPerSecond !== null && p.tokensPerSecond > 0)).toBe(true);

    const model = loadModelDir(result.modelDir);
    expect(model.manifest.source).toEqual({ kind: 'training', ref: 'cpu-tiny' });
    expect(model.manifest.mlmHead).toBe(true);
    expect(model.pooling).toBe('cls');
    expect(model.maxTokens).toBe(32);
    expect(model.preprocess).toBe('chat');
    expect((model.manifest.metrics as { stageMetrics: StageMetrics[] }).stageMetrics).toHaveLength(4);

    const { embedder } = await createEmbedder(result.modelDir, { threads: 1 });
    try {
      const [a, b] = await embedder.embed(['le boss est facile', '@pseudo regarde https://x.io PogChamp']);
      expect(a).toHaveLength(32);
      expect(a!.every(Number.isFinite)).toBe(true);
      expect(Array.from(a!)).not.toEqual(Array.from(b!));
    } finally {
      await embedder.close();
    }
  });

  it('a cancelled chain resumes in the same work folder to the same model as an uninterrupted one', async () => {
    const straight = await runTrainingChain(base('straight'));
    const controller = new AbortController();
    const options = {
      ...base('resumed'),
      signal: controller.signal,
      onProgress: (p: { stage: string; step: number }) => p.stage === 'mlm' && p.step >= 1 && controller.abort(),
    };
    await expect(runTrainingChain(options)).rejects.toBeInstanceOf(TrainingCancelledError);
    expect(existsSync(join(options.workDir, 'mlm', 'checkpoint', 'state.json'))).toBe(true);
    expect(existsSync(join(options.workDir, 'pretrain', 'output', 'done.json'))).toBe(true);
    const logs: string[] = [];
    const resumed = await runTrainingChain({ ...base('resumed'), onLog: (l) => logs.push(l.message) });
    expect(logs.some((m) => m.includes('[pretrain] already done'))).toBe(true);
    expect(logs.some((m) => m.includes('resuming from the checkpoint at step 1/'))).toBe(true);
    const weights = (dir: string) => readFileSync(join(dir, 'model.safetensors'));
    expect(weights(resumed.modelDir).equals(weights(straight.modelDir))).toBe(true);
    expect(resumed.stageMetrics.map((m) => m.finalLoss)).toEqual(straight.stageMetrics.map((m) => m.finalLoss));
  });

  it("writes the pooling SimCSE trained with into the model's manifest", async () => {
    const options = base('mean');
    const result = await runTrainingChain({
      ...options,
      preset: resolvePreset('cpu-tiny', { 'tokenizer.vocabSize': 300, 'simcse.pooling': 'mean' }),
    });
    const model = loadModelDir(result.modelDir);
    expect(model.pooling).toBe('mean');
    expect(model.manifest.pooling).toBe('mean');
    // The pooling is part of what a work folder was begun with; CLS, the only one before the setting, is left out
    // of it, so a folder begun before it still resumes.
    await expect(runTrainingChain(base('mean'))).rejects.toThrow(/another preset/);
    const identity = (workDir: string) =>
      (JSON.parse(readFileSync(join(workDir, 'run.json'), 'utf8')) as { identity: string }).identity;
    expect(identity(options.workDir)).toContain('"pooling":"mean"');
    const cls = base('cls');
    await runTrainingChain(cls);
    expect(identity(cls.workDir)).toContain('"dropout":0.1');
    expect(identity(cls.workDir)).not.toContain('pooling');
  });

  it('refuses a bad stage list, a chain without a start after pretrain, and a work folder of another preset', async () => {
    await expect(runTrainingChain({ ...base('bad'), stages: ['mlm', 'pretrain'] })).rejects.toThrow(/chain order/);
    await expect(runTrainingChain({ ...base('bad'), stages: ['mlm'] })).rejects.toThrow(/startFrom/);
    await expect(runTrainingChain({ ...base('bad'), stages: ['tokenizer'] })).rejects.toBeInstanceOf(TrainingError);
    await expect(runTrainingChain({ ...base('straight'), seed: 12 })).rejects.toThrow(
      /another preset, seed or stage list/,
    );
  });
});
