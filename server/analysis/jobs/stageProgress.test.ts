import { describe, expect, it } from 'vitest';
import { PIPELINE_STAGES } from '../../../contracts/analysis';
import { estimateProgress, etaSeconds, overallFraction, STAGE_WEIGHTS } from './stageProgress';

describe('stage progress', () => {
  it('weighs UMAP the most and goes from 0 to 1 through the stages in order', () => {
    const heaviest = PIPELINE_STAGES.reduce((a, b) => (STAGE_WEIGHTS[a] >= STAGE_WEIGHTS[b] ? a : b));
    expect(heaviest).toBe('umap');
    expect(overallFraction('load', 0)).toBe(0);
    expect(overallFraction('summary', 1)).toBe(1);
    const path = PIPELINE_STAGES.flatMap((s) => [
      overallFraction(s, 0),
      overallFraction(s, 0.5),
      overallFraction(s, 1),
    ]);
    expect(path).toEqual([...path].sort((a, b) => a - b));
    expect(overallFraction('umap', 0.5)).toBeCloseTo(0.375);
  });

  it('estimates the time left from the pace so far, once there is something to go on', () => {
    expect(etaSeconds(30_000, 0.25)).toBeCloseTo(90);
    expect(etaSeconds(500, 0.5)).toBeNull();
    expect(etaSeconds(10_000, 0.01)).toBeNull();
    expect(etaSeconds(10_000, 1)).toBe(0);
  });

  it('moves the bar with the clock inside a long stage, at the pace so far, never to its end', () => {
    const base = overallFraction('umap', 0);
    // 14 s to reach UMAP: 1 s per 1% of progress; UMAP weighs 47%, so 47 s is its expected length.
    const at = (stageMs: number) =>
      estimateProgress({ stage: 'umap', reported: base, stageBase: base, runningMs: 14_000 + stageMs, stageMs });
    expect(at(0).fraction).toBeCloseTo(base);
    expect(at(23_500).fraction).toBeCloseTo(overallFraction('umap', 0.5));
    expect(at(1_000_000).fraction).toBeCloseTo(overallFraction('umap', 0.9));
    expect(at(23_500).etaSeconds).toBeCloseTo(((37_500 / 0.375) * 0.625) / 1000);
    // A report ahead of the clock wins.
    const ahead = estimateProgress({ stage: 'umap', reported: 0.5, stageBase: base, runningMs: 15_000, stageMs: 1000 });
    expect(ahead.fraction).toBe(0.5);
  });
});
