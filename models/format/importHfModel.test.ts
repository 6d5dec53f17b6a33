import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHfConvBertCheckpoint, type Tensor } from '../checkpoint';
import { fixtureJson, fixturePath, rawBytes, type ConvBertFixture } from '../checkpoint/testing/fixtures';
import { padTokenBatch } from '../convbert';
import { buildConvBertOnnx, OnnxConvBertSession } from '../onnx';
import { ModelFormatError } from './errors';
import { importHfModel } from './importHfModel';
import { loadModelDir } from './loadModelDir';
import { readModelWeights } from './readModelWeights';
import { hfFolder, maxAbsDiff, strayEntries, unpaddedCases } from './testing/modelFixtures';
import { fullTokenizerJson, tinyTokenizerJson } from './testing/tinyTokenizer';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'import-hf-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function expectSameTensors(
  actual: ReadonlyMap<string, Tensor> | null,
  expected: ReadonlyMap<string, Tensor> | null,
): void {
  expect(actual === null).toBe(expected === null);
  if (actual === null || expected === null) return;
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  for (const [name, t] of expected) {
    const got = actual.get(name)!;
    expect(got.shape, name).toEqual(t.shape);
    expect(rawBytes(got.data).equals(rawBytes(t.data)), name).toBe(true);
  }
}

/** Runs the three fixture rows (cut to their real lengths) as one padded batch through the model's ONNX graph. */
async function onnxCls(onnxPath: string, fixture: ConvBertFixture) {
  const cases = unpaddedCases(fixture);
  const session = await OnnxConvBertSession.create(onnxPath, { threads: 1 });
  try {
    const batch = padTokenBatch(
      cases.map((c) => c.ids),
      0,
      cases.map((c) => c.typeIds),
    );
    const { cls } = await session.run(batch, ['cls']);
    return { cases, cls: cls!, session };
  } finally {
    await session.close();
  }
}

const sources: { label: string; fixture: ConvBertFixture; files: string[]; weightsKind: string; mlmHead: boolean }[] = [
  {
    label: 'convbert-tiny, safetensors with MLM head',
    fixture: 'convbert-tiny',
    files: ['config.json', 'model.safetensors'],
    weightsKind: 'safetensors',
    mlmHead: true,
  },
  {
    label: 'convbert-tiny, pytorch_model.bin only',
    fixture: 'convbert-tiny',
    files: ['config.json', 'pytorch_model.bin'],
    weightsKind: 'pytorch_model.bin',
    mlmHead: false,
  },
  {
    label: 'convbert-tiny-groups2, pytorch_model.bin only',
    fixture: 'convbert-tiny-groups2',
    files: ['config.json', 'pytorch_model.bin'],
    weightsKind: 'pytorch_model.bin',
    mlmHead: false,
  },
];

describe('importHfModel', () => {
  it.each(sources)(
    'imports $label: manifest right, weights unchanged, ONNX graph reproduces HF row by row',
    async ({ fixture, files, weightsKind, mlmHead }) => {
      const src = hfFolder(join(work, `src-${fixture}-${weightsKind}`), fixture, files);
      const out = join(work, `out-${fixture}-${weightsKind}`);
      const report = importHfModel(src, out);
      expect(report).toMatchObject({
        layout: 'transformers',
        weightsKind,
        mlmHeadTensors: mlmHead ? 5 : 0,
        tokenizer: null,
      });
      expect(report.pooling).toEqual({ value: 'cls', from: 'default' });
      expect(report.maxTokens).toEqual({ value: 64, from: 'default' });

      const model = loadModelDir(out);
      expect(model.manifest).toMatchObject({
        format: 'chat-topics-model',
        formatVersion: 1,
        name: basename(src),
        version: '1',
        source: { kind: 'huggingface-dir', ref: basename(src) },
        architecture: { type: 'convbert', config: fixtureJson(fixture, 'config.json') },
        pooling: 'cls',
        maxTokens: 64,
        tokenizer: null,
        mlmHead,
      });
      expect(model.manifest.files.map((f) => [f.path, f.role])).toEqual([
        ['model.safetensors', 'weights'],
        ['model.onnx', 'onnx'],
      ]);
      expect(model.id).toBe(`convbert:${basename(src)}@1`);
      expect(model.config.numGroups).toBe(fixture === 'convbert-tiny-groups2' ? 2 : 1);
      expect(model.tokenizer).toBeNull();
      expect(model.preprocess).toBe('none');

      const original = loadHfConvBertCheckpoint(src);
      const weights = readModelWeights(model);
      expectSameTensors(weights.encoder, original.encoder);
      expectSameTensors(weights.mlmHead, original.mlmHead);

      const { cases, cls } = await onnxCls(model.onnxPath, fixture);
      expect(cls.dims).toEqual([3, 32]);
      cases.forEach((c, row) => {
        expect(maxAbsDiff(cls.data.subarray(row * 32, row * 32 + 32), c.cls), `row ${row}`).toBeLessThan(1e-4);
      });
    },
  );

  it('keeps the MLM head in the weights (a fill-mask graph can be built from them) but serves the encoder alone', async () => {
    const model = loadModelDir(join(work, 'out-convbert-tiny-safetensors'));
    const served = await OnnxConvBertSession.create(model.onnxPath, { threads: 1 });
    expect(served.outputNames).not.toContain('logits');
    await served.close();
    const fillMask = await OnnxConvBertSession.create(buildConvBertOnnx(readModelWeights(model), { mlmHead: true }), {
      threads: 1,
    });
    try {
      const { logits } = await fillMask.run(padTokenBatch([[3, 52, 88, 43, 4]], 0), ['logits']);
      expect(logits!.dims).toEqual([1, 5, 120]);
    } finally {
      await fillMask.close();
    }
  });

  it('follows a sentence-transformers layout: Pooling mean, max_seq_length, the tokenizer of the folder', () => {
    const src = hfFolder(join(work, 'st-src'), 'convbert-tiny', ['config.json', 'model.safetensors'], {
      'modules.json': [
        { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
        { idx: 1, name: '1', path: '1_Pooling', type: 'sentence_transformers.models.Pooling' },
      ],
      '1_Pooling/config.json': {
        word_embedding_dimension: 32,
        pooling_mode_cls_token: false,
        pooling_mode_mean_tokens: true,
      },
      'sentence_bert_config.json': { max_seq_length: 32, do_lower_case: false },
      'tokenizer.json': tinyTokenizerJson(120),
    });
    const out = join(work, 'st-out');
    const report = importHfModel(src, out, { name: 'st-tiny', version: '2024.1' });
    expect(report).toMatchObject({
      layout: 'sentence-transformers',
      tokenizer: { file: 'tokenizer.json', vocabSize: 120 },
      warnings: [],
    });
    expect(report.pooling).toEqual({ value: 'mean', from: '1_Pooling/config.json' });
    expect(report.maxTokens).toEqual({ value: 32, from: 'sentence_bert_config.json' });
    const model = loadModelDir(out);
    expect(model).toMatchObject({ id: 'convbert:st-tiny@2024.1', pooling: 'mean', maxTokens: 32, preprocess: 'chat' });
    expect(model.manifest.tokenizer).toEqual({ file: 'tokenizer.json', preprocess: 'chat' });
    expect(readFileSync(join(out, 'tokenizer.json')).equals(readFileSync(join(src, 'tokenizer.json')))).toBe(true);
    expect(
      model.tokenizer!.encode('salut @bob', { preprocess: true }).ids.every((id) => id < model.config.vocabSize),
    ).toBe(true);

    // Options win over what the folder says.
    const overridden = importHfModel(src, join(work, 'st-out-2'), {
      pooling: 'cls',
      maxTokens: 16,
      preprocess: 'none',
    });
    expect([overridden.pooling, overridden.maxTokens]).toEqual([
      { value: 'cls', from: 'option' },
      { value: 16, from: 'option' },
    ]);
    expect(loadModelDir(join(work, 'st-out-2')).preprocess).toBe('none');
  });

  it('takes a tokenizer file for a folder without one', () => {
    const tokenizerFile = join(work, 'given-tokenizer.json');
    hfFolder(work, 'convbert-tiny', [], { 'given-tokenizer.json': tinyTokenizerJson(100) });
    const report = importHfModel(fixturePath('convbert-tiny'), join(work, 'with-tokenizer'), {
      tokenizerFile,
      name: 'tiny',
    });
    expect(report.tokenizer).toEqual({ file: tokenizerFile, vocabSize: 100 });
    expect(loadModelDir(join(work, 'with-tokenizer')).tokenizer?.vocabSize).toBe(100);
  });

  it('refuses, naming the cause, and leaves no output directory', () => {
    const refusals: [string, string, Record<string, unknown>, object, RegExp][] = [
      [
        'max pooling',
        'convbert-tiny',
        {
          'modules.json': [
            { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
            { idx: 1, name: '1', path: '1_Pooling', type: 'sentence_transformers.models.Pooling' },
          ],
          '1_Pooling/config.json': { pooling_mode_max_tokens: true },
        },
        {},
        /1_Pooling\/config\.json: field "pooling_mode_max_tokens": pooling mode "max_tokens" is not supported/,
      ],
      [
        'a BERT config',
        'convbert-tiny',
        { 'config.json': { ...(fixtureJson('convbert-tiny', 'config.json') as object), model_type: 'bert' } },
        {},
        /wrong architecture.*model_type/,
      ],
      [
        'a tokenizer larger than the vocabulary',
        'convbert-tiny',
        { 'tokenizer.json': fullTokenizerJson() },
        {},
        /tokenizer vocabulary \(260 ids\) is larger than the model's vocab_size 120/,
      ],
      [
        'maxTokens beyond the positions',
        'convbert-tiny',
        {},
        { maxTokens: 65 },
        /field "maxTokens": 65 .* max_position_embeddings 64/,
      ],
      ['a name that cannot be an id', 'convbert-tiny', {}, { name: 'a b' }, /field "name"/],
      [
        'sentence_bert_config beyond the positions',
        'convbert-tiny',
        {
          'modules.json': [{ idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' }],
          'sentence_bert_config.json': { max_seq_length: 512 },
        },
        {},
        /sentence_bert_config\.json: field "max_seq_length": 512/,
      ],
    ];
    refusals.forEach(([label, fixture, extra, options, message], i) => {
      const src = hfFolder(
        join(work, `refused-src-${i}`),
        fixture as ConvBertFixture,
        ['config.json', 'model.safetensors'],
        extra,
      );
      const parent = join(work, `refused-out-${i}`);
      const error = (() => {
        try {
          importHfModel(src, join(parent, 'model'), options);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error, label).toBeInstanceOf(ModelFormatError);
      expect((error as Error).message, label).toMatch(message);
      expect(existsSync(parent), label).toBe(false);
    });
    expect(strayEntries(work, []).some((e) => e.includes('.partial-'))).toBe(false);
  });
});
