import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelDir, type InstalledModel } from '../format';
import { ConvBertEmbedder, type EncoderSession } from './ConvBertEmbedder';
import { EmbedInputError, EmbedUnsupportedError } from './errors';
import { convBertTinyCases, importTinyModels, maxAbsDiff, type TinyModels } from './testing/tinyConvBertModel';

let models: TinyModels;
let model: InstalledModel;
let embedder: ConvBertEmbedder;
beforeAll(async () => {
  models = importTinyModels();
  model = loadModelDir(models.withTokenizer);
  // A budget of 1 x 24 padded tokens per run: multi-row calls mix lengths and span several ONNX runs.
  embedder = await ConvBertEmbedder.fromModel(model, { threads: 1, maxBatchSize: 1 });
});
afterAll(async () => {
  await embedder?.close();
  models?.remove();
});

describe('ConvBertEmbedder on the imported convbert-tiny fixture', () => {
  it('reports the model id, hidden size and runtime', () => {
    expect([embedder.id, embedder.dimension, embedder.executionProvider, embedder.threads]).toEqual([
      'convbert:tiny@1',
      32,
      'cpu',
      1,
    ]);
  });

  it("reproduces HF's per-sequence CLS vectors within 1e-4, in input order whatever the batching", async () => {
    const cases = convBertTinyCases();
    const order = [2, 0, 1, 2];
    const vectors = await embedder.embedIds(
      order.map((i) => cases[i]!.ids),
      order.map((i) => cases[i]!.typeIds),
    );
    order.forEach((c, row) => expect(maxAbsDiff(vectors[row]!, cases[c]!.cls)).toBeLessThan(1e-4));
  });

  it('pools as the model says: mean pooling reproduces HF mean_pooled', async () => {
    const mean = await ConvBertEmbedder.fromModel(loadModelDir(models.meanPooled), { threads: 1 });
    try {
      const cases = convBertTinyCases();
      const vectors = await mean.embedIds(
        cases.map((c) => c.ids),
        cases.map((c) => c.typeIds),
      );
      cases.forEach((c, i) => expect(maxAbsDiff(vectors[i]!, c.meanPooled)).toBeLessThan(1e-4));
    } finally {
      await mean.close();
    }
  });

  it('embeds text as its chat-preprocessed <cls> … <sep> token ids, cut at maxTokens', async () => {
    const tokenizer = model.tokenizer!;
    const long = 'le boss est trop fort '.repeat(500);
    const [chat, viaIds, longVector] = await embedder.embed([
      '@bob_42 regarde https://clips.twitch.tv/x',
      'salut les gars',
      long,
    ]);
    const [placeholders] = await embedder.embed(['<mention> regarde <url>']);
    expect(maxAbsDiff(chat!, placeholders!)).toBe(0);
    const ids = tokenizer.encode('salut les gars').ids;
    expect([ids[0], ids.at(-1)]).toEqual([tokenizer.tokenToId('<cls>'), tokenizer.tokenToId('<sep>')]);
    expect(maxAbsDiff(viaIds!, (await embedder.embedIds([ids]))[0]!)).toBe(0);
    const cut = tokenizer.encode(long, { maxLength: 16 }).ids;
    expect(cut).toHaveLength(16);
    expect(maxAbsDiff(longVector!, (await embedder.embedIds([cut]))[0]!)).toBe(0);
  });

  it('never throws on odd text: each gets a finite vector of the model size', async () => {
    const odd = [
      '',
      '   ',
      'x'.repeat(10_000),
      '😀🔥💯',
      '\u200b\u200d\u2060',
      'a \ud800 b \udfff',
      '日本語 ąęł ∑∞ 42',
      '\u200b',
    ];
    const vectors = await embedder.embed(odd);
    expect(vectors).toHaveLength(odd.length);
    for (const v of vectors) {
      expect(v).toHaveLength(32);
      expect(v.every(Number.isFinite)).toBe(true);
    }
    // Nothing but the template (<cls> <sep>) still gets the model's own vector, not zeros.
    expect(vectors[0]!.some((x) => x !== 0)).toBe(true);
    // A zero-width space normalises away: the same vector as blank text (<cls> ▁ <sep>).
    expect(maxAbsDiff(vectors[7]!, vectors[1]!)).toBe(0);
    // Unknown characters become <unk>: emoji-only text is not blank text.
    expect(maxAbsDiff(vectors[3]!, vectors[1]!)).toBeGreaterThan(1e-3);
  });

  it("gives a message the same vector alone and among longer neighbours (padding doesn't leak)", async () => {
    const [alone] = await embedder.embed(['gg']);
    const wide = await ConvBertEmbedder.fromModel(model, { threads: 1, maxBatchSize: 8 });
    const batch = await wide
      .embed(['une phrase bien plus longue que gg', 'gg', 'encore une autre phrase'])
      .finally(() => wide.close());
    expect(maxAbsDiff(alone!, batch[1]!)).toBeLessThan(1e-5);
  });

  it('cuts length-sorted runs by padded tokens: short messages share big batches, long ones small', async () => {
    const shapes: [number, number][] = [];
    const session: EncoderSession = {
      executionProvider: 'cpu',
      threads: 1,
      close: async () => {},
      // Each row's vector is its first token id, so the test sees which message came back where.
      run: async (batch) => {
        shapes.push([batch.batchSize, batch.length]);
        const data = new Float32Array(batch.batchSize * 32);
        for (let r = 0; r < batch.batchSize; r++) data.fill(batch.inputIds[r * batch.length]!, r * 32, (r + 1) * 32);
        return { cls: { data, dims: [batch.batchSize, 32] } };
      },
    };
    const fake = new ConvBertEmbedder(model, session, { maxBatchSize: 1 }); // budget: 24 padded tokens per run
    const lengths = [20, 3, 10, 3, 3, 3, 3, 10, 3, 3, 3];
    const sequences = lengths.map((n, i) => [i + 1, ...new Array(n - 1).fill(5)]);
    const vectors = await fake.embedIds(sequences);
    expect(shapes).toEqual([
      [8, 3],
      [2, 10],
      [1, 20],
    ]);
    expect(vectors.map((v) => v[0])).toEqual(sequences.map((s) => s[0]));
  });

  it('refuses bad token ids naming the row and position', async () => {
    await expect(
      embedder.embedIds([
        [10, 8],
        [10, 5, 120, 8],
      ]),
    ).rejects.toThrow(new EmbedInputError('row 1, position 2: token id 120 is outside the vocab [0, 120)'));
    await expect(embedder.embedIds([[10, -1]])).rejects.toThrow('row 0, position 1: token id -1 is outside the vocab');
    await expect(embedder.embedIds([[10, 8], []])).rejects.toThrow('row 1: empty sequence');
    await expect(embedder.embedIds([new Array(65).fill(5)])).rejects.toThrow(
      'row 0: 65 tokens, the model has 64 positions',
    );
    await expect(embedder.embedIds([[10, 8]], [[0, 2]])).rejects.toThrow(
      'row 0, position 1: token type id 2 is outside [0, 2)',
    );
  });

  it('says that a model without a tokenizer embeds token ids only', async () => {
    const idsOnly = await ConvBertEmbedder.fromModel(loadModelDir(models.idsOnly), { threads: 1 });
    try {
      await expect(idsOnly.embed(['salut'])).rejects.toThrow(
        new EmbedUnsupportedError(
          'model convbert:tiny-ids@1 has no tokenizer: it embeds token ids only (embedIds, or chat-topics embed --ids)',
        ),
      );
      const [cls] = await idsOnly.embedIds([convBertTinyCases()[0]!.ids]);
      expect(maxAbsDiff(cls!, convBertTinyCases()[0]!.cls)).toBeLessThan(1e-4);
    } finally {
      await idsOnly.close();
    }
  });
});
