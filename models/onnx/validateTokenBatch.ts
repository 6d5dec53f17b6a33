import type { TokenBatch } from '../convbert';
import { InferenceError } from './errors';

/** The sizes a batch is checked against. */
export interface TokenBatchLimits {
  vocabSize: number;
  maxPositions: number;
  typeVocabSize: number;
}

/**
 * Checks a batch before it reaches ONNX Runtime, whose own errors (or silent out-of-range reads) would not say
 * which message is at fault: a non-empty batch of rows at most `maxPositions` long, arrays of `batchSize *
 * length` values, ids in `[0, vocabSize)`, type ids in `[0, typeVocabSize)`, and a right-padded 0/1 mask that
 * starts with a token on every row.
 *
 * @param model the model label for error messages
 * @throws InferenceError naming the input, row and position of the first problem
 * @example
 * validateTokenBatch(padTokenBatch([[3, 7, 4]], 0), { vocabSize: 120, maxPositions: 64, typeVocabSize: 2 }, 'model.onnx');
 */
export function validateTokenBatch(batch: TokenBatch, limits: TokenBatchLimits, model: string): void {
  const { batchSize, length } = batch;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new InferenceError(`the batch must hold at least one row (batchSize ${batchSize})`, { model });
  if (!Number.isInteger(length) || length < 1)
    throw new InferenceError(`rows must hold at least one token (length ${length})`, { model });
  const size = batchSize * length;
  const arrays = { input_ids: batch.inputIds, attention_mask: batch.attentionMask, token_type_ids: batch.tokenTypeIds };
  for (const [input, data] of Object.entries(arrays)) {
    if (data.length !== size)
      throw new InferenceError(`${data.length} values for a ${batchSize} x ${length} batch (${size})`, {
        model,
        input,
      });
  }

  for (let row = 0; row < batchSize; row++) {
    const base = row * length;
    let tokens = 0;
    for (let position = 0; position < length; position++) {
      const i = base + position;
      const mask = batch.attentionMask[i]!;
      if (mask !== 0 && mask !== 1)
        throw new InferenceError(`mask value ${mask}; expected 0 or 1`, {
          model,
          input: 'attention_mask',
          row,
          position,
        });
      if (mask === 1) {
        if (tokens !== position)
          throw new InferenceError('token after padding; rows must be right-padded', {
            model,
            input: 'attention_mask',
            row,
            position,
          });
        tokens++;
      }
      const id = batch.inputIds[i]!;
      if (id < 0 || id >= limits.vocabSize) {
        throw new InferenceError(`id ${id} is outside the vocabulary [0, ${limits.vocabSize})`, {
          model,
          input: 'input_ids',
          row,
          position,
        });
      }
      const type = batch.tokenTypeIds[i]!;
      if (type < 0 || type >= limits.typeVocabSize) {
        throw new InferenceError(`token type ${type} is outside [0, ${limits.typeVocabSize})`, {
          model,
          input: 'token_type_ids',
          row,
          position,
        });
      }
    }
    if (tokens === 0)
      throw new InferenceError('row has no token (attention mask all 0)', { model, input: 'attention_mask', row });
    if (tokens > limits.maxPositions) {
      throw new InferenceError(`${tokens} tokens; the model has ${limits.maxPositions} positions`, {
        model,
        input: 'input_ids',
        row,
        position: limits.maxPositions,
      });
    }
  }
  // Padding beyond the last position still needs a position embedding.
  if (length > limits.maxPositions) {
    throw new InferenceError(`batch padded to ${length} tokens; the model has ${limits.maxPositions} positions`, {
      model,
      input: 'input_ids',
      position: limits.maxPositions,
    });
  }
}
