import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrainingStage } from '../../contracts/training';
import { ConvBertTf, initTfBackend } from '../tfjs';
import type { ConvBertWeights } from '../convbert';
import type { EncodedMessage } from './data/encodeMessages';
import { encoderConfig } from './model/modelConfigs';
import type { TrainingPreset } from './presets';
import { Mulberry32 } from '../random';
import { runMlmStage } from './stages/mlmStage';
import { runPretrainStage } from './stages/pretrainStage';
import { runSimcseStage } from './stages/simcseStage';
import type { StageContext } from './stages/StageContext';
import type { StageData } from './stages/StageData';

/** One stage's measured speed. */
export interface StageBenchmark {
  stage: TrainingStage;
  steps: number;
  secondsPerStep: number;
  tokensPerSecond: number | null;
  /** Highest resident set size of the process so far (the wasm heap never shrinks). */
  peakRssBytes: number;
}

export interface BenchmarkOptions {
  /** Optimizer steps per stage (the first one includes warm-up). Default 5. */
  steps?: number;
  /** Stages to time, default pretrain, mlm, simcse. */
  stages?: readonly TrainingStage[];
  /** Synthetic messages (token ids drawn uniformly; lengths 1-20, 6 per 10 s per stream). Default 4000. */
  messages?: number;
}

/**
 * Times the optimisation stages of a preset on synthetic token ids (no tokenizer, no corpus needed): what
 * `npm run bench -- train` reports. Step counts are replaced by `steps` (warm-up off) so each stage takes seconds
 * to minutes; speed does not depend on the token values. Runs on the wasm backend.
 *
 * @example
 * for (const r of await benchmarkTrainingStages(resolvePreset('cpu-small'), { steps: 5 })) console.log(r.stage, r.tokensPerSecond);
 */
export async function benchmarkTrainingStages(
  preset: TrainingPreset,
  options: BenchmarkOptions = {},
): Promise<StageBenchmark[]> {
  const steps = options.steps ?? 5;
  const stages = options.stages ?? ['pretrain', 'mlm', 'simcse'];
  const p: TrainingPreset = {
    ...preset,
    pretrain: { ...preset.pretrain, steps, warmupSteps: 0 },
    mlm: { ...preset.mlm, steps, warmupSteps: 0 },
    simcse: { ...preset.simcse, steps, warmupSteps: 0 },
  };
  await initTfBackend();
  const vocab = p.tokenizer.vocabSize;
  const rng = Mulberry32.fromSeed(1);
  const messages = (n: number): EncodedMessage[] =>
    Array.from({ length: n }, (_, i) => ({
      stream: `s${i % 4}`,
      timeMs: Math.floor(i / 4) * 1700,
      ids: Int32Array.from({ length: 1 + rng.intBelow(20) }, () => 8 + rng.intBelow(vocab - 8)),
    }));
  const specials = { pad: 0, cls: 1, sep: 2, mask: 3, unk: 4 };
  const data: StageData = {
    vocabSize: vocab,
    specials,
    protectedIds: new Set([0, 1, 2, 3, 4]),
    train: messages(options.messages ?? 4000),
    heldOut: messages(32),
  };
  const work = mkdtempSync(join(tmpdir(), 'chat-topics-train-bench-'));
  const ctx = (stage: TrainingStage): StageContext => ({
    stage,
    stageIndex: 0,
    stageCount: 1,
    workDir: work,
    seed: 1,
    signal: undefined,
    callbacks: {},
    checkpointEverySteps: 0,
    elapsedSeconds: () => 0,
    laterStagesSeconds: () => 0,
  });
  const results: StageBenchmark[] = [];
  const record = (stage: TrainingStage, metrics: { seconds: number; steps: number; tokensPerSecond: number | null }) =>
    results.push({
      stage,
      steps: metrics.steps,
      secondsPerStep: metrics.seconds / Math.max(1, metrics.steps),
      tokensPerSecond: metrics.tokensPerSecond,
      peakRssBytes: peakRss(),
    });
  try {
    let weights: ConvBertWeights | null = null;
    if (stages.includes('pretrain')) {
      const out = await runPretrainStage(ctx('pretrain'), p, data);
      record('pretrain', out.metrics);
      weights = out.weights;
    }
    if (weights === null) {
      const model = ConvBertTf.random(encoderConfig(p, vocab, specials.pad), 1);
      weights = model.exportWeights();
      model.dispose();
    }
    if (stages.includes('mlm')) {
      const out = await runMlmStage(ctx('mlm'), p, data, weights);
      record('mlm', out.metrics);
      weights = out.weights!;
    }
    if (stages.includes('simcse')) record('simcse', (await runSimcseStage(ctx('simcse'), p, data, weights)).metrics);
    return results;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function peakRss(): number {
  // Linux reports the peak itself (ru_maxrss, KiB); elsewhere the current RSS is the best available.
  const max = process.resourceUsage().maxRSS;
  return max > 0 ? max * 1024 : process.memoryUsage().rss;
}
