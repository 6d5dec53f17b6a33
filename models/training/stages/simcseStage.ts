import * as tf from '@tensorflow/tfjs';
import type { ConvBertWeights, Pooling } from '../../convbert';
import { ConvBertTf } from '../../tfjs';
import type { StageOutput } from '../checkpoint/stageOutput';
import { singleMessageSequences } from '../data/encodeMessages';
import { chunks } from '../data/maskedBatch';
import { TrainingError } from '../errors';
import type { TrainingPreset } from '../presets';
import { Mulberry32 } from '../../random';
import { runStageLoop } from './runStageLoop';
import { log, type StageContext } from './StageContext';
import { loopMetrics, MAX_HELD_OUT_ROWS, type StageData } from './StageData';
import { messageVectors, simcseBatch } from './simcseBatch';

/**
 * Alignment (mean squared distance between two dropout views of a message) and uniformity (log of the mean of
 * exp(-2 x squared distance) over pairs of different messages, eval mode) of normalised CLS vectors: Wang & Isola
 * 2020; lower is better for both.
 */
export function alignmentUniformity(
  model: ConvBertTf,
  rows: readonly Int32Array[],
  padId: number,
  dropout: number,
  seed: number,
  pooling: Pooling,
): { alignment: number; uniformity: number } | null {
  if (rows.length < 2) return null;
  const rng = Mulberry32.fromSeed(seed ^ 0xa11);
  let alignmentSum = 0;
  const vectors: Float32Array[] = [];
  for (const part of chunks(rows, 32)) {
    tf.tidy(() => {
      const a = messageVectors(model, part, padId, { training: true, dropout, dropoutSeed: rng.nextSeed(), pooling });
      const b = messageVectors(model, part, padId, { training: true, dropout, dropoutSeed: rng.nextSeed(), pooling });
      alignmentSum += tf.sum(tf.square(tf.sub(a, b))).dataSync()[0]!;
      const e = messageVectors(model, part, padId, { training: false, pooling });
      const data = e.dataSync() as Float32Array;
      const width = e.shape[1];
      for (let i = 0; i < part.length; i++) vectors.push(data.slice(i * width, (i + 1) * width));
    });
  }
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < vectors.length; i++) {
    for (let j = i + 1; j < vectors.length; j++) {
      let d = 0;
      const u = vectors[i]!;
      const v = vectors[j]!;
      for (let k = 0; k < u.length; k++) d += (u[k]! - v[k]!) ** 2;
      sum += Math.exp(-2 * d);
      pairs++;
    }
  }
  return { alignment: alignmentSum / rows.length, uniformity: Math.log(sum / pairs) };
}

/**
 * Stage 4: unsupervised SimCSE on single messages. Trains the encoder only; an MLM head the weights carry (from
 * the MLM stage) is kept unchanged, for fill-mask.
 */
export async function runSimcseStage(
  ctx: StageContext,
  preset: TrainingPreset,
  data: StageData,
  start: ConvBertWeights,
): Promise<StageOutput> {
  const p = preset.simcse;
  const rows = singleMessageSequences(data.train, data.specials.cls, data.specials.sep, preset.model.maxTokens);
  const heldRows = singleMessageSequences(
    data.heldOut,
    data.specials.cls,
    data.specials.sep,
    preset.model.maxTokens,
  ).slice(0, MAX_HELD_OUT_ROWS);
  if (rows.length < 2) throw new TrainingError('SimCSE needs at least two training messages', { stage: ctx.stage });
  const model = ConvBertTf.fromWeights(start);
  // The MLM head is not part of SimCSE's loss; leaving it out of the optimizer keeps it exactly as MLM left it.
  const variables = new Map([...model.variables].filter(([name]) => !name.startsWith('generator_')));
  const before = alignmentUniformity(model, heldRows, data.specials.pad, p.dropout, ctx.seed, p.pooling);
  try {
    const loop = await runStageLoop(ctx, {
      schedule: p,
      variables,
      rowCount: rows.length,
      prepare: (indices, rng) =>
        simcseBatch(
          model,
          indices.map((i) => rows[i]!),
          data.specials.pad,
          p,
          rng,
        ),
    });
    const after = alignmentUniformity(model, heldRows, data.specials.pad, p.dropout, ctx.seed, p.pooling);
    if (before !== null && after !== null) {
      log(
        ctx,
        'info',
        `alignment ${before.alignment.toFixed(4)} -> ${after.alignment.toFixed(4)}, uniformity ${before.uniformity.toFixed(4)} -> ${after.uniformity.toFixed(4)}`,
      );
    }
    return {
      weights: model.exportWeights(),
      metrics: {
        ...loopMetrics(ctx.stage, loop),
        ...(after === null ? {} : { alignment: after.alignment, uniformity: after.uniformity }),
      },
      details: { before },
    };
  } finally {
    model.dispose();
  }
}
