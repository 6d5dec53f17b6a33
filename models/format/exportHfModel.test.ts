import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedConvBertWeights, readConvBertConfig, readSafetensors, readSafetensorsHeader } from '../checkpoint';
import { fixtureBytes, fixtureJson } from '../checkpoint/testing/fixtures';
import { ConvBertEmbedder } from '../embedding/ConvBertEmbedder';
import { CONVBERT_TINY, importTinyModels, maxAbsDiff, type TinyModels } from '../embedding/testing/tinyConvBertModel';
import { ModelFormatError } from './errors';
import { exportHfModel } from './exportHfModel';
import { importHfModel } from './importHfModel';
import { loadModelDir } from './loadModelDir';

/** Lines of a French Twitch chat; with the tiny tokenizer most words split into letters, a few characters are <unk>. */
const CHAT_LINES = [
  'salut les gars',
  'le boss est trop fort, gg',
  '@bob_42 regarde https://clips.twitch.tv/x',
  "c'est quoi ce jeu ? j'ai rien compris",
  'ahah le chat a fait tomber la tasse',
];

let work: string;
let tiny: TinyModels;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'export-hf-'));
  tiny = importTinyModels();
});
afterAll(() => {
  tiny?.remove();
  rmSync(work, { recursive: true, force: true });
});

const readJson = (...parts: string[]) => JSON.parse(readFileSync(join(...parts), 'utf8'));

/** Embeds the chat lines with a model directory of ours, in-process. */
async function embedLines(modelDir: string): Promise<Float32Array[]> {
  const embedder = await ConvBertEmbedder.fromModel(loadModelDir(modelDir), { threads: 1 });
  try {
    return await embedder.embed(CHAT_LINES);
  } finally {
    await embedder.close();
  }
}

function formatErrorOf(fn: () => unknown): ModelFormatError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelFormatError);
    return error as ModelFormatError;
  }
  throw new Error('expected a ModelFormatError');
}

describe('exportHfModel', () => {
  it('writes the HF weights file byte for byte as transformers saved the fixture, and its config.json', () => {
    const out = join(work, 'ids-only');
    const report = exportHfModel(tiny.idsOnly, out);
    expect(report.layout).toBe('ConvBertForMaskedLM');
    expect(report.tensors).toBe(58);
    const written = new Uint8Array(readFileSync(join(out, 'model.safetensors')));
    expect(readSafetensorsHeader(written, 'export')).toEqual(
      readSafetensorsHeader(fixtureBytes('convbert-tiny', 'model.safetensors'), 'fixture'),
    );
    expect(Buffer.from(written).equals(Buffer.from(fixtureBytes('convbert-tiny', 'model.safetensors')))).toBe(true);
    // Every key of the HF config the model was imported from comes back, unknown ones (torch_dtype...) included.
    expect(readJson(out, 'config.json')).toEqual(fixtureJson('convbert-tiny', 'config.json'));
    // No tokenizer to export: the folder says so rather than shipping a tokenizer config for nothing.
    expect(readdirSync(out).sort()).toEqual([
      '1_Pooling',
      'config.json',
      'model.safetensors',
      'modules.json',
      'sentence_bert_config.json',
    ]);
    expect(report.warnings.join('\n')).toContain('no tokenizer');
  });

  it('re-imports (our HF importer) to a model that embeds French chat lines to the same vectors, cls and mean', async () => {
    for (const [name, original] of [
      ['cls', tiny.withTokenizer],
      ['mean', tiny.meanPooled],
    ] as const) {
      const hf = join(work, `rt-${name}`);
      const back = join(work, `rt-${name}-back`);
      exportHfModel(original, hf);
      const imported = importHfModel(hf, back);
      expect(imported.layout).toBe('sentence-transformers');
      expect(imported.pooling).toEqual({ value: name, from: '1_Pooling/config.json' });
      expect(imported.maxTokens).toEqual({ value: 16, from: 'sentence_bert_config.json' });
      expect(imported.warnings).toEqual([]);

      const before = loadModelDir(original).manifest;
      const after = loadModelDir(back).manifest;
      expect(after.architecture).toEqual(before.architecture);
      expect([after.pooling, after.maxTokens, after.mlmHead, after.tokenizer?.preprocess]).toEqual([
        before.pooling,
        before.maxTokens,
        before.mlmHead,
        before.tokenizer?.preprocess,
      ]);
      const sha = (m: typeof before) => m.files.filter((f) => f.role !== 'onnx').map((f) => [f.path, f.sha256]);
      expect(sha(after)).toEqual(sha(before));

      const [a, b] = [await embedLines(original), await embedLines(back)];
      expect(a).toHaveLength(CHAT_LINES.length);
      a.forEach((vector, i) => expect(maxAbsDiff(vector, b[i]!), CHAT_LINES[i]).toBeLessThanOrEqual(1e-6));
      // The lines are told apart: equal vectors would make the comparison above prove nothing.
      expect(maxAbsDiff(a[0]!, a[1]!)).toBeGreaterThan(1e-3);
    }
  });

  it('writes the tokenizer as stored, with the configs AutoTokenizer and sentence-transformers read', () => {
    const out = join(work, 'tokenizer');
    const report = exportHfModel(tiny.withTokenizer, out);
    const model = loadModelDir(tiny.withTokenizer);
    expect(readFileSync(join(out, 'tokenizer.json'))).toEqual(readFileSync(join(model.dir, 'tokenizer.json')));
    const tokenizerConfig = readJson(out, 'tokenizer_config.json');
    expect(tokenizerConfig).toMatchObject({
      tokenizer_class: 'PreTrainedTokenizerFast',
      model_max_length: 16,
      cls_token: '<cls>',
      sep_token: '<sep>',
      pad_token: '<pad>',
      mask_token: '<mask>',
      unk_token: '<unk>',
    });
    const { tokenizer_class, model_max_length, clean_up_tokenization_spaces, ...roles } = tokenizerConfig;
    expect(readJson(out, 'special_tokens_map.json')).toEqual(roles);
    // Each role names a token the file has: AutoTokenizer would otherwise add it as an id beyond the embeddings.
    for (const token of [...Object.values(roles).flat()] as string[])
      expect(model.tokenizer!.tokenToId(token), token).toBeDefined();
    expect(readJson(out, 'modules.json').map((m: { type: string }) => m.type)).toEqual([
      'sentence_transformers.models.Transformer',
      'sentence_transformers.models.Pooling',
    ]);
    expect(readJson(out, '1_Pooling', 'config.json')).toMatchObject({
      word_embedding_dimension: 32,
      pooling_mode_cls_token: true,
      pooling_mode_mean_tokens: false,
    });
    expect(readJson(out, 'sentence_bert_config.json')).toEqual({ max_seq_length: 16, do_lower_case: false });
    expect(report.warnings.join('\n')).toContain('<mention>');
  });

  it('leaves the MLM head out with encoderOnly: bare ConvBertModel names and architectures', () => {
    const out = join(work, 'encoder-only');
    const report = exportHfModel(tiny.withTokenizer, out, { encoderOnly: true });
    expect(report.layout).toBe('ConvBertModel');
    const config = readJson(out, 'config.json');
    expect(config.architectures).toEqual(['ConvBertModel']);
    const names = [...readSafetensors(readFileSync(join(out, 'model.safetensors'))).keys()];
    const expected = expectedConvBertWeights(readConvBertConfig(config)).map((w) => w.name);
    expect(names.sort()).toEqual(expected.sort());
    expect(importHfModel(out, join(work, 'encoder-only-back')).manifest.mlmHead).toBe(false);
  });

  it('refuses a non-empty folder without force, naming it and a file in it, and writes nothing', () => {
    const out = join(work, 'busy');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const error = formatErrorOf(() => exportHfModel(tiny.withTokenizer, out));
    expect(error.message).toBe(
      `${out}/notes.txt: the output folder is not empty: pass force (--force) to replace a previous export`,
    );
    expect(readdirSync(out)).toEqual(['notes.txt']);
  });

  it('with force replaces a previous export, but never a folder that is not one, nor the model itself', () => {
    const out = join(work, 'again');
    exportHfModel(tiny.idsOnly, out);
    writeFileSync(join(out, 'stale.txt'), 'from before');
    expect(formatErrorOf(() => exportHfModel(tiny.withTokenizer, out)).file).toBe('config.json');
    exportHfModel(tiny.withTokenizer, out, { force: true });
    expect(existsSync(join(out, 'stale.txt'))).toBe(false);
    expect(existsSync(join(out, 'tokenizer.json'))).toBe(true);

    const other = join(work, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'thesis.tex'), 'precious');
    const refused = formatErrorOf(() => exportHfModel(tiny.withTokenizer, other, { force: true }));
    expect(refused.message).toMatch(
      /thesis\.tex: the output folder is not empty and not a previous HF export .*even with force/,
    );
    expect(readdirSync(other)).toEqual(['thesis.tex']);

    const self = formatErrorOf(() => exportHfModel(tiny.withTokenizer, tiny.withTokenizer, { force: true }));
    expect(self.message).toContain('is (or holds) the model being exported');
    expect(loadModelDir(tiny.withTokenizer).id).toBe('convbert:tiny@1');
  });

  it('refuses a damaged model naming its file, leaving no output', () => {
    const damaged = join(work, 'damaged');
    importHfModel(CONVBERT_TINY, damaged);
    truncateSync(join(damaged, 'model.safetensors'), 100);
    const out = join(work, 'from-damaged');
    const error = formatErrorOf(() => exportHfModel(damaged, out));
    expect(error.message).toMatch(/damaged\/model\.safetensors: .*partial or corrupt model/);
    expect(existsSync(out)).toBe(false);
  });
});
