import { describe, expect, it } from 'vitest';
import { benchmarkTrainingStages } from './benchmarkStages';
import { resolvePreset } from './presets';

describe('benchmarkTrainingStages', () => {
  it('times each stage of a preset on synthetic tokens', async () => {
    const results = await benchmarkTrainingStages(resolvePreset('cpu-tiny'), { steps: 2, messages: 200 });
    expect(results.map((r) => r.stage)).toEqual(['pretrain', 'mlm', 'simcse']);
    for (const r of results) {
      expect(r.steps).toBe(2);
      expect(r.secondsPerStep).toBeGreaterThan(0);
      expect(r.tokensPerSecond).toBeGreaterThan(0);
      expect(r.peakRssBytes).toBeGreaterThan(10 * 2 ** 20);
    }
  });
});
