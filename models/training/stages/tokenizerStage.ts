import type { StageMetrics } from '../../../contracts/training';
import { trainUnigramTokenizerAsync } from '../../tokenizer/training';
import type { StageOutput } from '../checkpoint/stageOutput';
import { TrainingCancelledError } from '../errors';
import type { TrainingPreset } from '../presets';
import { log, type StageContext } from './StageContext';

/** The tokenizer stage's result: `tokenizer.json` bytes, and what the stage reports. */
export interface TokenizerStageResult {
  json: Uint8Array;
  output: StageOutput;
}

/**
 * Stage 1, the adapter to the Unigram tokenizer trainer (`models/tokenizer/training`): trains on the training
 * messages (already preprocessed: `<mention>`, `<url>`) with the preset's vocabulary size and piece length,
 * reports EM rounds as steps, and turns an abort into {@link TrainingCancelledError}. Not checkpointed: a
 * cancelled tokenizer stage starts over (it takes seconds to a few minutes).
 */
export async function runTokenizerStage(
  ctx: StageContext,
  preset: TrainingPreset,
  messages: readonly string[],
): Promise<TokenizerStageResult> {
  const started = performance.now();
  let lastReport = 0;
  let iterations = 0;
  let lastLoss: number | null = null;
  log(ctx, 'info', `training a ${preset.tokenizer.vocabSize}-id tokenizer on ${messages.length} messages`);
  let trained: Awaited<ReturnType<typeof trainUnigramTokenizerAsync>>;
  try {
    trained = await trainUnigramTokenizerAsync(messages, {
      vocabSize: preset.tokenizer.vocabSize,
      maxPieceLength: preset.tokenizer.maxPieceLength,
      seed: ctx.seed,
      ...(ctx.signal !== undefined ? { signal: ctx.signal } : {}),
      onProgress: (_round, _vocab, loss) => {
        iterations++;
        lastLoss = loss;
        const now = performance.now();
        if (now - lastReport < 1000) return;
        lastReport = now;
        ctx.callbacks.onLoss?.([{ stage: 'tokenizer', step: iterations, loss, learningRate: null }]);
        ctx.callbacks.onProgress?.({
          stage: 'tokenizer',
          stageIndex: ctx.stageIndex,
          stageCount: ctx.stageCount,
          step: iterations,
          totalSteps: iterations,
          loss,
          learningRate: null,
          tokensPerSecond: null,
          etaSeconds: null,
          elapsedSeconds: ctx.elapsedSeconds(),
        });
      },
    });
  } catch (error) {
    if (ctx.signal?.aborted === true)
      throw new TrainingCancelledError(
        'training cancelled during the tokenizer stage (it restarts from the beginning)',
        { stage: 'tokenizer' },
      );
    throw error;
  }
  const s = trained.summary;
  const metrics: StageMetrics = {
    stage: 'tokenizer',
    steps: s.emIterations,
    seconds: (performance.now() - started) / 1000,
    tokensPerSecond: null,
    firstLoss: s.losses[0]?.loss ?? null,
    finalLoss: s.finalLoss ?? lastLoss,
    vocabSize: s.vocabSize,
    emoteTokens: s.emotes.length,
    tokensPerMessage: s.tokensPerMessage,
  };
  log(
    ctx,
    'info',
    `vocabulary ${s.vocabSize} (${s.emotes.length} emotes), ${s.tokensPerMessage.toFixed(2)} tokens per message`,
  );
  return { json: trained.bytes, output: { weights: null, metrics, details: { emotes: s.emotes.slice(0, 50) } } };
}
