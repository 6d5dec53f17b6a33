import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readConvBertConfig } from '../checkpoint';
import { padTokenBatch } from '../convbert';
import { ConvBertTf } from './ConvBertTf';
import { initTfBackend } from './tfBackend';

const config = (hidden: number) =>
  readConvBertConfig({
    model_type: 'convbert',
    vocab_size: 40,
    hidden_size: hidden,
    embedding_size: 8,
    num_hidden_layers: 1,
    num_attention_heads: 2,
    intermediate_size: 2 * hidden,
    conv_kernel_size: 3,
    max_position_embeddings: 12,
    pad_token_id: 0,
  });
const batch = padTokenBatch(
  [
    [1, 5, 6, 7, 2],
    [1, 8, 2],
  ],
  0,
);

beforeAll(async () => {
  await initTfBackend();
});

describe('ConvBertTf sharing variables and seeded dropout', () => {
  it("a model built with sharedVariables uses the lender's tables (updates reach both) and does not dispose them", () => {
    const lender = ConvBertTf.random(config(16), 1);
    const word = lender.variables.get('embeddings.word_embeddings.weight')!;
    const borrower = ConvBertTf.random(config(8), 2, {
      mlmHead: true,
      sharedVariables: new Map([['embeddings.word_embeddings.weight', word]]),
    });
    expect(borrower.variables.get('embeddings.word_embeddings.weight')).toBe(word);
    expect(borrower.variables.get('encoder.layer.0.output.dense.weight')).not.toBe(
      lender.variables.get('encoder.layer.0.output.dense.weight'),
    );
    const before = tf.tidy(() => borrower.encode(batch).lastHiddenState.dataSync());
    word.assign(tf.mul(word, 3));
    const after = tf.tidy(() => borrower.encode(batch).lastHiddenState.dataSync());
    expect(Array.from(after)).not.toEqual(Array.from(before));
    borrower.dispose();
    expect(word.isDisposed).toBe(false);
    expect(() => lender.encode(batch).lastHiddenState.dispose()).not.toThrow();
    lender.dispose();
    expect(word.isDisposed).toBe(true);
  });

  it('refuses a shared variable of the wrong shape or one the model does not have', () => {
    const lender = ConvBertTf.random(config(16), 1);
    const position = lender.variables.get('embeddings.position_embeddings.weight')!;
    const query = lender.variables.get('encoder.layer.0.attention.self.query.weight')!;
    expect(() =>
      ConvBertTf.random(config(8), 2, {
        sharedVariables: new Map([['encoder.layer.0.attention.self.query.weight', query]]),
      }),
    ).toThrow(/shape \[16, 8\]/);
    expect(() => ConvBertTf.random(config(8), 2, { sharedVariables: new Map([['no.such.weight', position]]) })).toThrow(
      /does not have/,
    );
    lender.dispose();
  });

  it('the same dropoutSeed gives the same training output; another seed a different one', () => {
    const model = ConvBertTf.random(config(16), 4);
    const run = (seed: number) =>
      tf.tidy(() =>
        Array.from(model.encode(batch, { training: true, dropout: 0.3, dropoutSeed: seed }).lastHiddenState.dataSync()),
      );
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
    model.dispose();
  });
});
