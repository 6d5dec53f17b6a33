import * as tf from '@tensorflow/tfjs';
import { randomConvBertWeights, type ConvBertWeights } from '../../convbert';
import { ConvBertTf, gatherRows, maskedLmLoss } from '../../tfjs';
import type { StageOutput } from '../checkpoint/stageOutput';
import { chunks, maskedBatch, type MaskedBatch } from '../data/maskedBatch';
import type { MaskOptions } from '../data/maskTokens';
import { windowSequences } from '../data/windowSequences';
import { TrainingError } from '../errors';
import type { TrainingPreset } from '../presets';
import { Mulberry32 } from '../../random';
import { runStageLoop } from './runStageLoop';
import { log, type StageContext } from './StageContext';
import { loopMetrics, MAX_HELD_OUT_ROWS, type StageData } from './StageData';

/** Sum of the masked-LM cross-entropy over a masked batch's chosen tokens. */
export function mlmLossSum(
  model: ConvBertTf,
  masked: MaskedBatch,
  options: { training: boolean; dropoutSeed?: number },
): { sum: tf.Scalar; logits: tf.Tensor2D } {
  const { batch, positions, labels } = masked;
  const hidden = model.encode(batch, options).lastHiddenState;
  const rows = gatherRows(
    tf.reshape(hidden, [batch.batchSize * batch.length, model.config.hiddenSize]),
    tf.tensor1d(positions, 'int32'),
  );
  const logits = model.mlmLogits(rows);
  return { sum: tf.mul(maskedLmLoss(logits, labels), positions.length) as tf.Scalar, logits };
}

/**
 * The encoder with a fresh masked-LM head (its decoder tied to the word table), deterministic by seed. Keeps an
 * MLM head the weights already have.
 */
export function withMlmHead(weights: ConvBertWeights, seed: number): ConvBertWeights {
  if (weights.mlmHead !== null) return weights;
  return { ...weights, mlmHead: randomConvBertWeights(weights.config, seed, { mlmHead: true }).mlmHead };
}

/**
 * Stage 3: masked-LM training of the pretrained encoder (windows of chat, BERT masking). Returns the encoder with
 * its MLM head; metrics include top-1 accuracy on held-out masked tokens.
 */
export async function runMlmStage(
  ctx: StageContext,
  preset: TrainingPreset,
  data: StageData,
  start: ConvBertWeights,
): Promise<StageOutput> {
  const p = preset.mlm;
  const windows = {
    windowSeconds: preset.pretrain.windowSeconds,
    maxTokens: preset.model.maxTokens,
    cls: data.specials.cls,
    sep: data.specials.sep,
  };
  const rows = windowSequences(data.train, windows);
  const heldRows = windowSequences(data.heldOut, windows).slice(0, MAX_HELD_OUT_ROWS);
  if (rows.length === 0)
    throw new TrainingError('no training rows: the corpus has no tokenizable message', { stage: ctx.stage });
  const model = ConvBertTf.fromWeights(withMlmHead(start, ctx.seed + 3));
  const variables = new Map(model.variables);
  const maskOptions: MaskOptions = {
    rate: p.maskRate,
    maskId: data.specials.mask,
    vocabSize: model.config.vocabSize,
    protectedIds: data.protectedIds,
  };
  try {
    const loop = await runStageLoop(ctx, {
      schedule: p,
      variables,
      rowCount: rows.length,
      prepare: (indices, rng) => {
        const micro = chunks(indices, p.microBatchSize).map((part) =>
          maskedBatch(
            part.map((i) => rows[i]!),
            rng,
            maskOptions,
            data.specials.pad,
          ),
        );
        const totalMasked = Math.max(
          1,
          micro.reduce((n, m) => n + m.positions.length, 0),
        );
        const tokens = micro.reduce((n, m) => n + m.realTokens, 0);
        return {
          tokens,
          micro: micro.map((m) => {
            const dropoutSeed = rng.nextSeed();
            return {
              loss: () => tf.div(mlmLossSum(model, m, { training: true, dropoutSeed }).sum, totalMasked) as tf.Scalar,
            };
          }),
        };
      },
    });
    const accuracy = mlmAccuracy(model, heldRows, maskOptions, data.specials.pad, p.microBatchSize, ctx.seed);
    log(ctx, 'info', `held-out masked-token accuracy ${accuracy === null ? 'n/a' : accuracy.toFixed(4)}`);
    return {
      weights: model.exportWeights(),
      metrics: { ...loopMetrics(ctx.stage, loop), ...(accuracy === null ? {} : { heldOutAccuracy: accuracy }) },
      details: {},
    };
  } finally {
    model.dispose();
  }
}

/** Top-1 accuracy on the masked tokens of `rows` (eval mode, masking fixed by `seed`), or null without rows. */
export function mlmAccuracy(
  model: ConvBertTf,
  rows: readonly Int32Array[],
  maskOptions: MaskOptions,
  padId: number,
  microBatchSize: number,
  seed: number,
): number | null {
  if (rows.length === 0) return null;
  const rng = Mulberry32.fromSeed(seed ^ 0xacc);
  let hits = 0;
  let total = 0;
  for (const part of chunks(rows, microBatchSize)) {
    const m = maskedBatch(part, rng, maskOptions, padId);
    const predicted = tf.tidy(() => tf.argMax(mlmLossSum(model, m, { training: false }).logits, 1).dataSync());
    m.labels.forEach((label, k) => {
      if (predicted[k] === label) hits++;
    });
    total += m.labels.length;
  }
  return total === 0 ? null : hits / total;
}
