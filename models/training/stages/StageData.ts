import type { StageMetrics, TrainingStage } from '../../../contracts/training';
import type { EncodedMessage } from '../data/encodeMessages';
import type { SpecialIds } from '../data/SpecialIds';
import type { StageLoopResult } from './runStageLoop';

/** The tokenized corpus every optimisation stage reads. */
export interface StageData {
  /** Ids the tokenizer can produce (the new model's `vocab_size`). */
  vocabSize: number;
  specials: SpecialIds;
  /** Never masked, never sampled (padding and structural tokens). */
  protectedIds: ReadonlySet<number>;
  train: EncodedMessage[];
  heldOut: EncodedMessage[];
}

/** Held-out metrics look at no more rows than this: enough for a stable number, cheap on one CPU thread. */
export const MAX_HELD_OUT_ROWS = 256;

/** The metrics common to optimisation stages, from the loop's record. */
export function loopMetrics(stage: TrainingStage, loop: StageLoopResult): StageMetrics {
  return {
    stage,
    steps: loop.history.length,
    seconds: loop.seconds,
    tokensPerSecond: loop.seconds > 0 ? loop.tokens / loop.seconds : null,
    firstLoss: loop.history[0]?.loss ?? null,
    finalLoss: loop.history.at(-1)?.loss ?? null,
  };
}

/** Mean of the last `n` values (the end of a noisy loss curve), or null when empty. */
export function tailMean(values: readonly number[], n = 5): number | null {
  const tail = values.slice(-n);
  return tail.length === 0 ? null : tail.reduce((a, b) => a + b, 0) / tail.length;
}
