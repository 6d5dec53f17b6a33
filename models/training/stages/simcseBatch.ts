import * as tf from '@tensorflow/tfjs';
import { padTokenBatch, type Pooling } from '../../convbert';
import { maskedLmLoss, matMulPlain, type ConvBertTf } from '../../tfjs';
import { chunks } from '../data/maskedBatch';
import type { RandomStream } from '../../random';
import type { PreparedBatch } from './runStageLoop';

/** Rows scaled to unit length. */
function normalise(x: tf.Tensor2D): tf.Tensor2D {
  return tf.div(x, tf.sqrt(tf.add(tf.sum(tf.square(x), 1, true), 1e-12)));
}

/**
 * Normalised message vectors of rows `<cls> msg <sep>`, pooled as the model will be (`cls`, or the mean of the rows'
 * tokens).
 */
export function messageVectors(
  model: ConvBertTf,
  rows: readonly Int32Array[],
  padId: number,
  options: { training: boolean; dropout?: number; dropoutSeed?: number; pooling: Pooling },
): tf.Tensor2D {
  const batch = padTokenBatch(rows, padId);
  return normalise(model.pool(model.encode(batch, options).lastHiddenState, batch.attentionMask, options.pooling));
}

/**
 * Multiple-negatives ranking loss of two views `[rows, hidden]` (unit vectors): cosine similarities x `scale`,
 * cross-entropy with row i of `b` as the target of row i of `a`, the other rows as negatives.
 */
export function contrastiveLoss(a: tf.Tensor2D, b: tf.Tensor2D, scale: number): tf.Scalar {
  const similarities = tf.mul(matMulPlain(a, tf.transpose(b)), scale) as tf.Tensor2D;
  return maskedLmLoss(
    similarities,
    Int32Array.from({ length: a.shape[0] }, (_, i) => i),
  );
}

export interface SimcseBatchOptions {
  scale: number;
  dropout: number;
  microBatchSize: number;
  pooling: Pooling;
}

/**
 * One SimCSE step's batch: each row twice through the encoder (dropout the only noise). When the batch is split
 * into micro-batches, the gradient is still the whole batch's, every row keeping all the others as negatives: the
 * vectors are computed first without gradients, the loss's gradient with respect to them is taken, then each
 * micro-batch is run again (same dropout seeds, so the same vectors) and back-propagates its slice of that
 * gradient (Gao et al. 2021, "gradient cache"). It costs one extra forward pass and bounds memory by the
 * micro-batch.
 */
export function simcseBatch(
  model: ConvBertTf,
  rows: readonly Int32Array[],
  padId: number,
  options: SimcseBatchOptions,
  rng: RandomStream,
): PreparedBatch {
  const parts = chunks(rows, options.microBatchSize);
  const seeds = parts.map(() => [rng.nextSeed(), rng.nextSeed()] as const);
  const tokens = 2 * rows.reduce((n, r) => n + r.length, 0);
  const view = (part: readonly Int32Array[], seed: number) =>
    messageVectors(model, part, padId, {
      training: true,
      dropout: options.dropout,
      dropoutSeed: seed,
      pooling: options.pooling,
    });
  if (parts.length === 1) {
    return {
      tokens,
      micro: [{ loss: () => contrastiveLoss(view(rows, seeds[0]![0]), view(rows, seeds[0]![1]), options.scale) }],
    };
  }
  const [a, b] = tf.tidy(() => [
    tf.concat(parts.map((part, i) => view(part, seeds[i]![0]))),
    tf.concat(parts.map((part, i) => view(part, seeds[i]![1]))),
  ]) as [tf.Tensor2D, tf.Tensor2D];
  const { value, grads } = tf.valueAndGrads((x: tf.Tensor, y: tf.Tensor) =>
    contrastiveLoss(x as tf.Tensor2D, y as tf.Tensor2D, options.scale),
  )([a, b]);
  const loss = value.dataSync()[0]!;
  const [dA, dB] = grads as [tf.Tensor2D, tf.Tensor2D];
  tf.dispose([value, a, b]);
  const width = dA.shape[1];
  let offset = 0;
  const micro = parts.map((part, i) => {
    const from = offset;
    offset += part.length;
    return {
      // d(surrogate)/d(params) = dLoss/d(vectors) . d(vectors)/d(params): the whole batch's gradient, in parts.
      loss: () =>
        tf.add(
          tf.sum(tf.mul(view(part, seeds[i]![0]), tf.slice(dA, [from, 0], [part.length, width]))),
          tf.sum(tf.mul(view(part, seeds[i]![1]), tf.slice(dB, [from, 0], [part.length, width]))),
        ) as tf.Scalar,
    };
  });
  return { tokens, micro, loss, dispose: () => tf.dispose([dA, dB]) };
}
