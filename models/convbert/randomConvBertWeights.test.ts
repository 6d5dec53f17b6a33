import { describe, expect, it } from 'vitest';
import { expectedConvBertWeights, readConvBertConfig } from '../checkpoint';
import { randomConvBertWeights } from './randomConvBertWeights';

const config = readConvBertConfig({
  model_type: 'convbert',
  vocab_size: 50,
  hidden_size: 16,
  embedding_size: 8,
  num_hidden_layers: 1,
  num_attention_heads: 4,
  intermediate_size: 32,
  max_position_embeddings: 16,
  pad_token_id: 0,
});

describe('randomConvBertWeights', () => {
  it('draws every weight the config calls for, with its shape, deterministically by seed', () => {
    const a = randomConvBertWeights(config, 3, { mlmHead: true });
    const b = randomConvBertWeights(config, 3, { mlmHead: true });
    const c = randomConvBertWeights(config, 4);
    const expected = expectedConvBertWeights(config, { mlmHead: true });
    expect([...a.encoder.keys(), ...a.mlmHead!.keys()]).toEqual(expected.map((w) => w.name));
    for (const w of expected) {
      const t = a.encoder.get(w.name) ?? a.mlmHead!.get(w.name)!;
      expect(t.shape).toEqual(w.shape);
      expect(t.data).toEqual(b.encoder.get(w.name)?.data ?? b.mlmHead!.get(w.name)!.data);
    }
    expect(c.mlmHead).toBeNull();
    expect(c.encoder.get('embeddings.word_embeddings.weight')!.data).not.toEqual(
      a.encoder.get('embeddings.word_embeddings.weight')!.data,
    );
  });

  it('follows HF init: std 0.02 weights, zero biases, unit LayerNorm weights', () => {
    const w = randomConvBertWeights(config, 1);
    const emb = w.encoder.get('embeddings.word_embeddings.weight')!.data as Float32Array;
    const mean = emb.reduce((s, x) => s + x, 0) / emb.length;
    const std = Math.sqrt(emb.reduce((s, x) => s + (x - mean) ** 2, 0) / emb.length);
    expect(std).toBeGreaterThan(0.017);
    expect(std).toBeLessThan(0.023);
    expect(Array.from(w.encoder.get('embeddings.LayerNorm.weight')!.data as Float32Array).every((x) => x === 1)).toBe(
      true,
    );
    expect(
      Array.from(w.encoder.get('encoder.layer.0.output.dense.bias')!.data as Float32Array).every((x) => x === 0),
    ).toBe(true);
  });
});
