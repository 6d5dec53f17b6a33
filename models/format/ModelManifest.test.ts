import { describe, expect, it } from 'vitest';
import { ModelFormatError } from './errors';
import { modelId, parseModelManifest } from './ModelManifest';

const sha = (c: string) => c.repeat(64);

function validManifest(): Record<string, any> {
  return {
    format: 'chat-topics-model',
    formatVersion: 1,
    name: 'twitch-small',
    version: '1',
    created: '2025-01-02T03:04:05.000Z',
    source: { kind: 'huggingface-hub', ref: 'lincoln/2021twitchfr-conv-bert-small-mlm-simcse', revision: 'main' },
    architecture: { type: 'convbert', config: { model_type: 'convbert', hidden_size: 256 } },
    pooling: 'cls',
    maxTokens: 128,
    tokenizer: { file: 'tokenizer.json', preprocess: 'chat' },
    mlmHead: false,
    files: [
      { path: 'model.safetensors', role: 'weights', bytes: 10, sha256: sha('a') },
      { path: 'model.onnx', role: 'onnx', bytes: 20, sha256: sha('b') },
      { path: 'tokenizer.json', role: 'tokenizer', bytes: 30, sha256: sha('c') },
    ],
  };
}

function errorOf(json: unknown): ModelFormatError {
  try {
    parseModelManifest(json, { dir: 'models/x' });
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFormatError);
    return e as ModelFormatError;
  }
  throw new Error('expected a ModelFormatError');
}

describe('parseModelManifest', () => {
  it('accepts a complete manifest and keeps the HF config as read', () => {
    const manifest = parseModelManifest(validManifest());
    expect(manifest.architecture.config).toEqual({ model_type: 'convbert', hidden_size: 256 });
    expect(modelId(manifest)).toBe('convbert:twitch-small@1');
  });

  it('names the field at fault, with the directory and file', () => {
    const cases: [(m: Record<string, any>) => void, string][] = [
      [(m) => (m.pooling = 'max'), 'pooling'],
      [(m) => (m.maxTokens = 1.5), 'maxTokens'],
      [(m) => (m.source.kind = 'ftp'), 'source.kind'],
      [(m) => (m.source.ref = '/home/me/models/x'), 'source.ref'],
      [(m) => (m.created = 'yesterday'), 'created'],
      [(m) => (m.name = 'has space'), 'name'],
      [(m) => (m.files[1].sha256 = 'xyz'), 'files.1.sha256'],
      [(m) => (m.files[0].path = '../../etc/passwd'), 'files.0.path'],
      [(m) => (m.tokenizer.file = '/abs/tokenizer.json'), 'tokenizer.file'],
      [(m) => (m.architecture.type = 'bert'), 'architecture.type'],
      [(m) => delete m.mlmHead, 'mlmHead'],
    ];
    for (const [breakIt, field] of cases) {
      const m = validManifest();
      breakIt(m);
      const error = errorOf(m);
      expect(error.field, field).toBe(field);
      expect(error.message).toContain(`models/x/manifest.json: field "${field}"`);
    }
  });

  it('refuses other formats and versions it does not know, saying which', () => {
    expect(errorOf({ ...validManifest(), format: 'onnx' }).field).toBe('format');
    const newer = errorOf({ ...validManifest(), formatVersion: 2 });
    expect(newer.field).toBe('formatVersion');
    expect(newer.message).toMatch(/version 2 .*newer chat-topics/);
    expect(errorOf([]).message).toMatch(/not a JSON object/);
  });

  it('checks the file list against itself: one weights, one onnx, no path twice, the tokenizer listed', () => {
    const noOnnx = validManifest();
    noOnnx.files.splice(1, 1);
    expect(errorOf(noOnnx).message).toMatch(/exactly one "onnx" file, found 0/);
    const twice = validManifest();
    twice.files[2].path = 'model.onnx';
    expect(errorOf(twice).message).toMatch(/"model.onnx" is listed twice/);
    const unlisted = validManifest();
    unlisted.tokenizer.file = 'other.json';
    expect(errorOf(unlisted).field).toBe('tokenizer.file');
    const stray = validManifest();
    stray.tokenizer = null;
    expect(errorOf(stray).field).toBe('tokenizer');
  });
});
