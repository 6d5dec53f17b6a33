import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConvBertConfig } from '../checkpoint';
import { randomConvBertWeights } from '../convbert';
import { importTinyModels, tinyTokenizerJson, type TinyModels } from '../embedding/testing/tinyConvBertModel';
import { writeModelDir } from '../format';
import { FillMaskCache } from './FillMaskCache';
import { FillMaskError } from './errors';
import { FillMaskModel } from './FillMaskModel';

let tiny: TinyModels;
let model: FillMaskModel;
let tmp: string;

beforeAll(async () => {
  tiny = importTinyModels();
  model = await FillMaskModel.load(tiny.withTokenizer);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fillmask-'));
});

afterAll(async () => {
  await model?.close();
  tiny?.remove();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('FillMaskModel on the tiny ConvBERT (MLM head, 120-id tokenizer)', () => {
  it('returns the top tokens at the mask by probability, never a structural token, with the mask filled in', async () => {
    const all = await model.predict('<mask> tt le monde !', 200);
    // Every id but the excluded ones (<mask> <pad> <cls> <sep> <unk>): probabilities of a softmax over the vocab.
    expect(all.length).toBe(120 - 5);
    const total = all.reduce((s, c) => s + c.score, 0);
    expect(total).toBeGreaterThan(0.5);
    expect(total).toBeLessThanOrEqual(1 + 1e-5);
    for (let i = 1; i < all.length; i++) expect(all[i]!.score).toBeLessThanOrEqual(all[i - 1]!.score);
    expect(all.map((c) => c.token)).not.toContain('<mask>');
    expect(all.map((c) => c.token)).not.toContain('<cls>');

    const top = await model.predict('<mask> tt le monde !', 3);
    expect(top).toEqual(all.slice(0, 3));
    for (const c of top) {
      expect(c.sequence).toMatch(/tt le monde !$/);
      expect(c.sequence).not.toContain('<mask>');
    }
    // Different contexts give different distributions (the encoder reads the text, not just the mask).
    const other = await model.predict('gg <mask>', 3);
    expect(other.map((c) => c.score)).not.toEqual(top.map((c) => c.score));
    expect(other[0]!.sequence.startsWith('gg')).toBe(true);
  });

  it('refuses a text with no mask, with two masks, or with the mask cut off by maxTokens', async () => {
    await expect(model.predict('salut tout le monde', 5)).rejects.toThrow(/has no <mask>/);
    await expect(model.predict('<mask> et <mask>', 5)).rejects.toThrow(/2 <mask> tokens/);
    await expect(model.predict(`${'a '.repeat(40)}<mask>`, 5)).rejects.toThrow(/beyond the model's 16 tokens/);
    await expect(model.predict('<mask>', 5)).resolves.toHaveLength(5);
  });

  it('refuses a model without an MLM head and one without a tokenizer', async () => {
    const config = readConvBertConfig({
      model_type: 'convbert',
      vocab_size: 120,
      hidden_size: 16,
      embedding_size: 8,
      num_hidden_layers: 1,
      num_attention_heads: 2,
      intermediate_size: 32,
      max_position_embeddings: 32,
    });
    const noHead = path.join(tmp, 'no-head');
    writeModelDir(noHead, {
      name: 'no-head',
      version: '1',
      source: { kind: 'training', ref: 'test' },
      weights: randomConvBertWeights(config, 3, { mlmHead: false }),
      pooling: 'cls',
      tokenizer: { json: new TextEncoder().encode(tinyTokenizerJson()), preprocess: 'chat' },
    });
    await expect(FillMaskModel.load(noHead)).rejects.toThrow(FillMaskError);
    await expect(FillMaskModel.load(noHead)).rejects.toThrow(/no MLM head/);
    await expect(FillMaskModel.load(tiny.idsOnly)).rejects.toThrow(/no tokenizer/);
  });
});

describe('FillMaskCache', () => {
  it('loads a directory once, and forgets a failed load so a retry can succeed', async () => {
    const cache = new FillMaskCache(1);
    try {
      const a = cache.get(tiny.withTokenizer);
      expect(cache.get(tiny.withTokenizer)).toBe(a);
      const r1 = await cache.fillMask(tiny.withTokenizer, '<mask> tt le monde !', 2);
      expect(r1).toEqual(await model.predict('<mask> tt le monde !', 2));
      const missing = path.join(tmp, 'later');
      await expect(cache.get(missing)).rejects.toThrow();
      fs.cpSync(tiny.withTokenizer, missing, { recursive: true });
      await expect(cache.fillMask(missing, 'gg <mask>', 1)).resolves.toHaveLength(1);
    } finally {
      await cache.close();
    }
  });
});
