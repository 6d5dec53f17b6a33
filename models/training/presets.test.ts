import { describe, expect, it } from 'vitest';
import { TrainingError } from './errors';
import { listPresets, resolvePreset } from './presets';

describe('training presets', () => {
  it('lists every preset with a shape line, and each resolves without overrides', () => {
    const names = listPresets().map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['cpu-small', 'cpu-tiny', 'lincoln-small']));
    for (const info of listPresets()) {
      const preset = resolvePreset(info.name);
      expect(info.shape).toContain(`hidden ${preset.model.hiddenSize}`);
      expect(preset.mlm.microBatchSize).toBeLessThanOrEqual(preset.mlm.batchSize);
    }
  });

  it('lincoln-small has the published shape', () => {
    const p = resolvePreset('lincoln-small');
    expect([
      p.model.hiddenSize,
      p.model.embeddingSize,
      p.model.numHiddenLayers,
      p.model.intermediateSize,
      p.tokenizer.vocabSize,
    ]).toEqual([256, 128, 12, 1024, 16361]);
    expect(p.pretrain.discriminatorWeight).toBe(50);
    expect(p.simcse.scale).toBe(20);
  });

  it('applies dotted overrides, converting command-line strings, without changing the preset itself', () => {
    const p = resolvePreset('cpu-tiny', { 'pretrain.steps': 3, 'mlm.learningRate': '0.002', 'model.hiddenSize': 64 });
    expect(p.pretrain.steps).toBe(3);
    expect(p.mlm.learningRate).toBe(0.002);
    expect(p.model.hiddenSize).toBe(64);
    expect(resolvePreset('cpu-tiny').model.hiddenSize).not.toBe(64);
  });

  it('errors name the field at fault', () => {
    const fieldOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(TrainingError);
        return (e as TrainingError).field;
      }
      return 'no error';
    };
    expect(fieldOf(() => resolvePreset('nope'))).toBe('preset');
    expect(fieldOf(() => resolvePreset('cpu-tiny', { 'mlm.stepz': 1 }))).toBe('mlm.stepz');
    expect(fieldOf(() => resolvePreset('cpu-tiny', { 'mlm.steps': 'many' }))).toBe('mlm.steps');
    expect(fieldOf(() => resolvePreset('cpu-tiny', { 'mlm.microBatchSize': 1000 }))).toBe('mlm.microBatchSize');
    expect(fieldOf(() => resolvePreset('cpu-tiny', { 'model.numAttentionHeads': 3 }))).toBe('model.numAttentionHeads');
    expect(fieldOf(() => resolvePreset('cpu-tiny', { model: 3 }))).toBe('model');
  });
});
