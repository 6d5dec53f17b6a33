import { describe, expect, it } from 'vitest';
import { formatDuration, formatProgress, formatStageMetrics } from './formatProgress';

describe('training progress lines', () => {
  it('shows stage, step, loss, learning rate, throughput and ETA, leaving out what is unknown', () => {
    const base = {
      stage: 'pretrain' as const,
      stageIndex: 1,
      stageCount: 4,
      step: 40,
      totalSteps: 120,
      elapsedSeconds: 10,
    };
    expect(
      formatProgress({ ...base, loss: 3.21044, learningRate: 0.0012, tokensPerSecond: 1234.4, etaSeconds: 80 }),
    ).toBe('[pretrain 2/4] step 40/120  loss 3.2104  lr 1.20e-3  1234 tok/s  ETA 1m20s');
    expect(formatProgress({ ...base, loss: null, learningRate: null, tokensPerSecond: null, etaSeconds: null })).toBe(
      '[pretrain 2/4] step 40/120  ETA ?',
    );
  });

  it('formats durations and stage metrics', () => {
    expect([5, 95, 3725].map(formatDuration)).toEqual(['5s', '1m35s', '1h02m']);
    expect(
      formatStageMetrics({
        stage: 'simcse',
        steps: 10,
        seconds: 3,
        tokensPerSecond: null,
        firstLoss: 2,
        finalLoss: 1.5,
        alignment: 0.4,
        uniformity: -2.1,
      }),
    ).toBe('simcse: 10 steps in 3s, loss 2.0000 -> 1.5000, alignment 0.400, uniformity -2.100');
  });
});
