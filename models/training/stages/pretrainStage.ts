import * as tf from '@tensorflow/tfjs';
import { ConvBertTf, gatherRows, maskedLmLoss } from '../../tfjs';
import type { StageOutput } from '../checkpoint/stageOutput';
import { chunks, maskedBatch, type MaskedBatch } from '../data/maskedBatch';
import type { MaskOptions } from '../data/maskTokens';
import { windowSequences } from '../data/windowSequences';
import { TrainingError } from '../errors';
import { DiscriminatorHead, weightedBinaryCrossEntropySum } from '../model/DiscriminatorHead';
import { encoderConfig, generatorConfig, SHARED_EMBEDDING_WEIGHTS } from '../model/modelConfigs';
import { sampleTokens } from '../model/sampleTokens';
import type { TrainingPreset } from '../presets';
import { Mulberry32 } from '../../random';
import { runStageLoop, type MicroBatch } from './runStageLoop';
import { log, type StageContext } from './StageContext';
import { loopMetrics, MAX_HELD_OUT_ROWS, tailMean, type StageData } from './StageData';

/** ELECTRA's generator, discriminator and discriminator head, with the generator sharing the embedding tables. */
export interface ElectraModels {
  generator: ConvBertTf;
  discriminator: ConvBertTf;
  head: DiscriminatorHead;
  /** Every trainable variable once, under stable keys (`discriminator/…`, `generator/…`, `head/…`). */
  variables: Map<string, tf.Variable>;
  dispose(): void;
}

/** Builds ELECTRA's models for a preset and vocabulary, deterministic by seed. */
export function buildElectraModels(
  preset: TrainingPreset,
  vocabSize: number,
  padId: number,
  seed: number,
): ElectraModels {
  const discriminator = ConvBertTf.random(encoderConfig(preset, vocabSize, padId), seed);
  const shared = new Map<string, tf.Variable>(
    SHARED_EMBEDDING_WEIGHTS.map((name) => [name, discriminator.variables.get(name)!]),
  );
  const generator = ConvBertTf.random(generatorConfig(preset, vocabSize, padId), seed + 1, {
    mlmHead: true,
    sharedVariables: shared,
  });
  const head = new DiscriminatorHead(preset.model.hiddenSize, seed + 2);
  const variables = new Map<string, tf.Variable>();
  for (const [name, v] of discriminator.variables) variables.set(`discriminator/${name}`, v);
  for (const [name, v] of generator.variables) if (!shared.has(name)) variables.set(`generator/${name}`, v);
  for (const [name, v] of head.variables) variables.set(`head/${name}`, v);
  return {
    generator,
    discriminator,
    head,
    variables,
    dispose: () => {
      generator.dispose();
      discriminator.dispose();
      head.dispose();
    },
  };
}

interface ElectraSeeds {
  generatorDropout?: number;
  discriminatorDropout?: number;
  sampling: number;
}

/** Sums of one micro-batch's ELECTRA losses, and its discriminator's hits. */
interface ElectraSums {
  generatorSum: tf.Scalar;
  discriminatorSum: tf.Scalar;
  correct: number;
}

/**
 * One ELECTRA forward pass: the generator predicts the masked tokens, samples replacements (no gradient through
 * the sampling), the discriminator tells replaced from original on every real token. A sample equal to the
 * original counts as original. Returns sums (not means), so micro-batches can be weighted by the batch's counts.
 */
export function electraForward(
  models: ElectraModels,
  masked: MaskedBatch,
  excluded: ReadonlySet<number>,
  training: boolean,
  seeds: ElectraSeeds,
): ElectraSums {
  const { generator, discriminator, head } = models;
  const { batch, positions, labels } = masked;
  const rows = batch.batchSize * batch.length;
  const vocab = generator.config.vocabSize;
  const genHidden = generator.encode(batch, {
    training,
    ...(seeds.generatorDropout !== undefined ? { dropoutSeed: seeds.generatorDropout } : {}),
  }).lastHiddenState;
  const positionTensor = tf.tensor1d(positions, 'int32');
  const logits = generator.mlmLogits(
    gatherRows(tf.reshape(genHidden, [rows, generator.config.hiddenSize]), positionTensor),
  );
  const generatorSum = tf.mul(maskedLmLoss(logits, labels), positions.length) as tf.Scalar;
  const sampled = sampleTokens(
    logits.dataSync() as Float32Array,
    positions.length,
    vocab,
    Mulberry32.fromSeed(seeds.sampling),
    excluded,
  );

  const discIds = Int32Array.from(batch.inputIds);
  const targets = new Float32Array(rows);
  positions.forEach((p, k) => {
    discIds[p] = sampled[k]!;
    if (sampled[k] !== labels[k]) targets[p] = 1;
  });
  const discBatch = { ...batch, inputIds: discIds };
  const discHidden = discriminator.encode(discBatch, {
    training,
    ...(seeds.discriminatorDropout !== undefined ? { dropoutSeed: seeds.discriminatorDropout } : {}),
  }).lastHiddenState;
  const z = head.apply(tf.reshape(discHidden, [rows, discriminator.config.hiddenSize]));
  const weights = tf.tensor1d(Float32Array.from(batch.attentionMask));
  const discriminatorSum = weightedBinaryCrossEntropySum(z, tf.tensor1d(targets), weights);
  const zValues = z.dataSync();
  let correct = 0;
  for (let i = 0; i < rows; i++) if (batch.attentionMask[i] === 1 && zValues[i]! > 0 === (targets[i] === 1)) correct++;
  return { generatorSum, discriminatorSum, correct };
}

/**
 * Stage 2: ELECTRA pretraining on time windows of chat. Loss = generator MLM (mean over masked tokens) +
 * `discriminatorWeight` x discriminator BCE (mean over real tokens). Returns the discriminator's encoder.
 */
export async function runPretrainStage(
  ctx: StageContext,
  preset: TrainingPreset,
  data: StageData,
): Promise<StageOutput> {
  const p = preset.pretrain;
  const windows = {
    windowSeconds: p.windowSeconds,
    maxTokens: preset.model.maxTokens,
    cls: data.specials.cls,
    sep: data.specials.sep,
  };
  const rows = windowSequences(data.train, windows);
  const heldRows = windowSequences(data.heldOut, windows).slice(0, MAX_HELD_OUT_ROWS);
  if (rows.length === 0)
    throw new TrainingError('no training rows: the corpus has no tokenizable message', { stage: ctx.stage });
  log(ctx, 'info', `${rows.length} windows (${data.train.length} messages), ${heldRows.length} held out`);
  const vocab = data.vocabSize;
  const models = buildElectraModels(preset, vocab, data.specials.pad, ctx.seed);
  const maskOptions: MaskOptions = {
    rate: p.maskRate,
    maskId: data.specials.mask,
    vocabSize: vocab,
    protectedIds: data.protectedIds,
  };
  try {
    const loop = await runStageLoop(ctx, {
      schedule: p,
      variables: models.variables,
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
        const totalReal = Math.max(
          1,
          micro.reduce((n, m) => n + m.realTokens, 0),
        );
        let generatorLoss = 0;
        let discriminatorLoss = 0;
        const batches: MicroBatch[] = micro.map((m) => {
          const seeds = {
            generatorDropout: rng.nextSeed(),
            discriminatorDropout: rng.nextSeed(),
            sampling: rng.nextSeed(),
          };
          return {
            loss: () => {
              const sums = electraForward(models, m, data.protectedIds, true, seeds);
              const g = tf.div(sums.generatorSum, totalMasked) as tf.Scalar;
              const d = tf.div(sums.discriminatorSum, totalReal) as tf.Scalar;
              generatorLoss += g.dataSync()[0]!;
              discriminatorLoss += d.dataSync()[0]!;
              return tf.add(g, tf.mul(d, p.discriminatorWeight)) as tf.Scalar;
            },
          };
        });
        return { micro: batches, tokens: totalReal, sides: () => ({ generatorLoss, discriminatorLoss }) };
      },
    });
    const held = evaluateElectra(models, heldRows, maskOptions, data, p.microBatchSize, ctx.seed);
    const metrics = { ...loopMetrics(ctx.stage, loop), ...(held === null ? {} : { heldOutAccuracy: held.accuracy }) };
    const details = {
      generatorLoss: tailMean(loop.series.generatorLoss ?? []),
      discriminatorLoss: tailMean(loop.series.discriminatorLoss ?? []),
      heldOut: held,
    };
    log(
      ctx,
      'info',
      `generator loss ${fmt(details.generatorLoss)}, discriminator loss ${fmt(details.discriminatorLoss)}, held-out discriminator accuracy ${fmt(held?.accuracy ?? null)}`,
    );
    return { weights: models.discriminator.exportWeights(), metrics, details };
  } finally {
    models.dispose();
  }
}

/** Held-out generator loss, discriminator loss and accuracy (eval mode, fixed masking), or null without rows. */
export function evaluateElectra(
  models: ElectraModels,
  rows: readonly Int32Array[],
  maskOptions: MaskOptions,
  data: Pick<StageData, 'specials' | 'protectedIds'>,
  microBatchSize: number,
  seed: number,
): { generatorLoss: number; discriminatorLoss: number; accuracy: number } | null {
  if (rows.length === 0) return null;
  const rng = Mulberry32.fromSeed(seed ^ 0x5eed);
  let gen = 0;
  let disc = 0;
  let masked = 0;
  let real = 0;
  let correct = 0;
  for (const part of chunks(rows, microBatchSize)) {
    const m = maskedBatch(part, rng, maskOptions, data.specials.pad);
    const sampling = rng.nextSeed();
    tf.tidy(() => {
      const sums = electraForward(models, m, data.protectedIds, false, { sampling });
      gen += sums.generatorSum.dataSync()[0]!;
      disc += sums.discriminatorSum.dataSync()[0]!;
      correct += sums.correct;
    });
    masked += m.positions.length;
    real += m.realTokens;
  }
  return {
    generatorLoss: gen / Math.max(1, masked),
    discriminatorLoss: disc / Math.max(1, real),
    accuracy: correct / Math.max(1, real),
  };
}

function fmt(x: number | null): string {
  return x === null ? 'n/a' : x.toFixed(4);
}
