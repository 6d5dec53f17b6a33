import { beforeAll, describe, expect, it } from 'vitest';
import { readConvBertConfig } from '../checkpoint';
import { padTokenBatch, type TokenBatch } from '../convbert';
import { ConvBertTf } from './ConvBertTf';
import { ConvBertTfError } from './errors';
import { initTfBackend } from './tfBackend';

const config = readConvBertConfig({
  model_type: 'convbert',
  vocab_size: 30,
  hidden_size: 16,
  embedding_size: 16,
  num_hidden_layers: 1,
  num_attention_heads: 4,
  intermediate_size: 32,
  max_position_embeddings: 8,
  pad_token_id: 0,
});

function errorOf(fn: () => unknown): ConvBertTfError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConvBertTfError);
    return e as ConvBertTfError;
  }
  throw new Error('expected a ConvBertTfError');
}

beforeAll(async () => {
  await initTfBackend();
});

describe('ConvBertTf refuses inputs it cannot run on', () => {
  it('names the field and row of a token id outside the vocabulary, a token type outside its table, a wrong-length array', () => {
    const model = ConvBertTf.random(config, 1);
    try {
      const outOfVocab = errorOf(() =>
        model.encode(
          padTokenBatch(
            [
              [1, 2],
              [1, 30, 2],
            ],
            0,
          ),
        ),
      );
      expect(outOfVocab).toMatchObject({ field: 'inputIds', row: 1 });
      expect(outOfVocab.message).toMatch(/value 30 at position 1/);
      expect(errorOf(() => model.encode(padTokenBatch([[1, 2]], 0, [[0, 2]])))).toMatchObject({
        field: 'tokenTypeIds',
        row: 0,
      });
      const short: TokenBatch = { ...padTokenBatch([[1, 2, 3]], 0), attentionMask: new Int32Array(2) };
      expect(errorOf(() => model.encode(short)).field).toBe('attentionMask');
    } finally {
      model.dispose();
    }
  });

  it('refuses batches longer than max_position_embeddings', () => {
    const model = ConvBertTf.random(config, 1);
    try {
      expect(errorOf(() => model.encode(padTokenBatch([[1, 2, 3, 4, 5, 6, 7, 8, 9]], 0))).field).toBe('length');
      expect(() => model.encode(padTokenBatch([[1, 2, 3, 4, 5, 6, 7, 8]], 0)).lastHiddenState.dispose()).not.toThrow();
    } finally {
      model.dispose();
    }
  });

  it('mlmLogits needs the MLM head; a disposed model refuses every call', () => {
    const model = ConvBertTf.random(config, 1);
    const batch = padTokenBatch([[1, 2]], 0);
    const { lastHiddenState } = model.encode(batch);
    expect(errorOf(() => model.mlmLogits(lastHiddenState)).message).toMatch(/no MLM head/);
    lastHiddenState.dispose();
    model.dispose();
    expect(errorOf(() => model.encode(batch)).message).toMatch(/disposed/);
    expect(errorOf(() => model.exportWeights()).where).toBe('ConvBertTf.exportWeights');
  });
});
