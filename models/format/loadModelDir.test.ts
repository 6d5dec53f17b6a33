import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelFormatError } from './errors';
import { importHfModel } from './importHfModel';
import { loadModelDir } from './loadModelDir';
import { readModelWeights } from './readModelWeights';
import { sha256Hex } from './sha256';
import { hfFolder } from './testing/modelFixtures';
import { fullTokenizerJson, tinyTokenizerJson } from './testing/tinyTokenizer';

let work: string;
let good: string;
let copies = 0;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'load-model-'));
  const src = hfFolder(join(work, 'src'), 'convbert-tiny', ['config.json', 'model.safetensors'], {
    'tokenizer.json': tinyTokenizerJson(120),
  });
  good = join(work, 'good');
  importHfModel(src, good, { name: 'tiny' });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fresh copy of the good model, damaged by `damage`. */
function damaged(damage: (dir: string) => void): string {
  const dir = join(work, `copy-${copies++}`);
  cpSync(good, dir, { recursive: true });
  damage(dir);
  return dir;
}

function editManifest(dir: string, edit: (m: Record<string, any>) => void): void {
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  edit(manifest);
  writeFileSync(path, JSON.stringify(manifest));
}

function loadErrorOf(dir: string, options?: Parameters<typeof loadModelDir>[1]): ModelFormatError {
  let loaded: unknown;
  try {
    loaded = loadModelDir(dir, options);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFormatError);
    return e as ModelFormatError;
  }
  throw new Error(`expected a ModelFormatError, got a model (${JSON.stringify(Object.keys(loaded as object))})`);
}

describe('loadModelDir', () => {
  it('loads a complete model with its tokenizer', () => {
    const model = loadModelDir(good);
    expect(model).toMatchObject({
      id: 'convbert:tiny@1',
      dir: good,
      pooling: 'cls',
      maxTokens: 64,
      preprocess: 'chat',
    });
    expect(model.tokenizer?.vocabSize).toBe(120);
    expect(model.onnxPath).toBe(join(good, 'model.onnx'));
    expect(model.weightsPath).toBe(join(good, 'model.safetensors'));
  });

  it('names a file whose sha256 differs (one flipped byte), and checks only sizes when asked', () => {
    const dir = damaged((d) => {
      const bytes = readFileSync(join(d, 'model.onnx'));
      const at = bytes.length >> 1;
      bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
      writeFileSync(join(d, 'model.onnx'), bytes);
    });
    const error = loadErrorOf(dir);
    expect(error.file).toBe('model.onnx');
    expect(error.message).toMatch(
      /model\.onnx: sha256 [0-9a-f]{64} differs from manifest\.json's [0-9a-f]{64}: partial or corrupt model/,
    );
    expect(loadModelDir(dir, { verify: 'size' }).id).toBe('convbert:tiny@1');
  });

  it('names a truncated or missing file', () => {
    const truncated = loadErrorOf(damaged((d) => truncateSync(join(d, 'model.safetensors'), 1000)));
    expect(truncated.file).toBe('model.safetensors');
    expect(truncated.message).toMatch(/1000 bytes, manifest\.json says \d+: partial or corrupt model/);
    const missing = loadErrorOf(damaged((d) => unlinkSync(join(d, 'tokenizer.json'))));
    expect(missing.file).toBe('tokenizer.json');
    expect(missing.message).toMatch(/listed in manifest\.json but missing/);
  });

  it('refuses a directory without a manifest, a manifest that is not JSON, and one with a wrong field', () => {
    expect(loadErrorOf(damaged((d) => unlinkSync(join(d, 'manifest.json')))).message).toMatch(
      /manifest\.json: missing: not a chat-topics model directory/,
    );
    expect(
      loadErrorOf(damaged((d) => writeFileSync(join(d, 'manifest.json'), '{"format": "chat-topics-model",'))).message,
    ).toMatch(/manifest\.json: not valid JSON/);
    const wrong = loadErrorOf(damaged((d) => editManifest(d, (m) => (m.pooling = 'max'))));
    expect(wrong.field).toBe('pooling');
    expect(loadErrorOf(join(work, 'nowhere')).message).toMatch(/not found or not a directory/);
  });

  it('refuses another architecture and a truncation length beyond the positions', () => {
    const bert = loadErrorOf(damaged((d) => editManifest(d, (m) => (m.architecture.config.model_type = 'bert'))));
    expect(bert.field).toBe('architecture.config.model_type');
    expect(bert.message).toMatch(/wrong architecture/);
    const long = loadErrorOf(damaged((d) => editManifest(d, (m) => (m.maxTokens = 512))));
    expect(long.field).toBe('maxTokens');
  });

  it('refuses a tokenizer whose vocabulary is larger than the model (even with matching hashes)', () => {
    const dir = damaged((d) => {
      const bytes = fullTokenizerJson();
      writeFileSync(join(d, 'tokenizer.json'), bytes);
      editManifest(d, (m) => {
        const entry = m.files.find((f: { role: string }) => f.role === 'tokenizer');
        entry.bytes = bytes.length;
        entry.sha256 = sha256Hex(bytes);
      });
    });
    const error = loadErrorOf(dir);
    expect(error.file).toBe('tokenizer.json');
    expect(error.message).toMatch(/260 ids.*vocab_size 120/);
  });

  it('readModelWeights refuses weights that contradict the manifest', () => {
    const dir = damaged((d) => editManifest(d, (m) => (m.mlmHead = false)));
    expect(() => readModelWeights(loadModelDir(dir))).toThrow(
      /manifest\.json says mlmHead false, the file has MLM head/,
    );
  });
});
