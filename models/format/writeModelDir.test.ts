import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHfConvBertCheckpoint } from '../checkpoint';
import { fixturePath } from '../checkpoint/testing/fixtures';
import type { ConvBertWeights } from '../convbert';
import { ModelFormatError } from './errors';
import { loadModelDir } from './loadModelDir';
import { publishDir } from './publishDir';
import { readModelWeights } from './readModelWeights';
import { tinyTokenizerJson } from './testing/tinyTokenizer';
import { writeModelDir, type ModelDirInput } from './writeModelDir';

let work: string;
let weights: ConvBertWeights;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'write-model-'));
  const { config, encoder, mlmHead } = loadHfConvBertCheckpoint(fixturePath('convbert-tiny'));
  weights = { config, encoder, mlmHead };
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const trained = (overrides: Partial<ModelDirInput> = {}): ModelDirInput => ({
  name: 'simcse-tiny',
  version: '3',
  source: { kind: 'training', ref: 'simcse-run-3' },
  weights,
  pooling: 'cls',
  tokenizer: { json: tinyTokenizerJson(120), preprocess: 'chat' },
  metrics: { loss: 0.42 },
  notes: 'trained on synthetic chat',
  created: new Date('2025-03-01T12:00:00Z'),
  ...overrides,
});

describe('writeModelDir', () => {
  it('writes a model from training weights (config from the weights) that loads back identically', () => {
    const dir = join(work, 'trained');
    const { manifest } = writeModelDir(dir, trained());
    expect(manifest).toMatchObject({
      created: '2025-03-01T12:00:00.000Z',
      metrics: { loss: 0.42 },
      notes: 'trained on synthetic chat',
      mlmHead: true,
    });
    expect(manifest.architecture.config).toMatchObject({
      model_type: 'convbert',
      hidden_size: 32,
      embedding_size: 16,
      vocab_size: 120,
      pad_token_id: 0,
    });
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toEqual(manifest);
    const back = readModelWeights(loadModelDir(dir));
    expect([...back.encoder.keys()]).toEqual([...weights.encoder.keys()]);
    expect(back.encoder.get('embeddings.word_embeddings.weight')!.data).toEqual(
      weights.encoder.get('embeddings.word_embeddings.weight')!.data,
    );
    expect(readdirSync(work).filter((e) => e.startsWith('.'))).toEqual([]);
  });

  it('refuses to write over a non-empty directory unless asked, and then replaces only a model directory', () => {
    const dir = join(work, 'existing');
    writeModelDir(dir, trained({ version: '1' }));
    expect(() => writeModelDir(dir, trained({ version: '2' }))).toThrow(/exists and is not empty: pass overwrite/);
    expect(loadModelDir(dir).manifest.version).toBe('1');
    writeModelDir(dir, trained({ version: '2' }), { overwrite: true });
    expect(loadModelDir(dir).manifest.version).toBe('2');

    const home = join(work, 'not-a-model');
    mkdirSync(home);
    writeFileSync(join(home, 'notes.txt'), 'precious');
    expect(() => writeModelDir(home, trained(), { overwrite: true })).toThrow(/has no manifest\.json: not replacing/);
    expect(readFileSync(join(home, 'notes.txt'), 'utf8')).toBe('precious');

    const empty = join(work, 'empty');
    mkdirSync(empty);
    writeModelDir(empty, trained());
    expect(loadModelDir(empty).manifest.name).toBe('simcse-tiny');
  });

  it('validates everything before writing anything', () => {
    const wrongShape = new Map(weights.encoder);
    const bias = wrongShape.get('embeddings.LayerNorm.bias')!;
    wrongShape.set('embeddings.LayerNorm.bias', { ...bias, shape: [8], data: new Float32Array(8) } as typeof bias);
    const bad: [Partial<ModelDirInput>, RegExp][] = [
      [{ name: '' }, /field "name"/],
      [{ version: 'v 1' }, /field "version"/],
      [{ maxTokens: 100 }, /field "maxTokens"/],
      [{ hfConfig: { model_type: 'bert' } }, /field "architecture.config.model_type"/],
      [{ weights: { ...weights, encoder: wrongShape } }, /weights do not fit the config.*embeddings\.LayerNorm\.bias/],
      [
        { tokenizer: { json: new TextEncoder().encode('{"model": {"type": "BPE"}}'), preprocess: 'chat' } },
        /unusable tokenizer/,
      ],
      [{ source: { kind: 'huggingface-dir', ref: '/home/me/model' } }, /field "source.ref"/],
    ];
    for (const [override, message] of bad) {
      const dir = join(work, 'parent-of-bad', 'bad');
      expect(() => writeModelDir(dir, trained(override)), String(message)).toThrow(ModelFormatError);
      expect(() => writeModelDir(dir, trained(override))).toThrow(message);
      expect(existsSync(join(work, 'parent-of-bad')), String(message)).toBe(false);
    }
  });
});

describe('publishDir', () => {
  it('leaves neither the target, its temporary sibling, nor folders it created when filling fails', () => {
    const target = join(work, 'new-parent', 'model');
    expect(() =>
      publishDir(target, { marker: 'manifest.json' }, (tmp) => {
        writeFileSync(join(tmp, 'model.onnx'), 'half');
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(existsSync(join(work, 'new-parent'))).toBe(false);

    const existing = join(work, 'kept');
    publishDir(existing, { marker: 'manifest.json' }, (tmp) => writeFileSync(join(tmp, 'manifest.json'), '{"v":1}'));
    expect(() =>
      publishDir(existing, { marker: 'manifest.json', overwrite: true }, () => {
        throw new Error('crash');
      }),
    ).toThrow('crash');
    expect(readFileSync(join(existing, 'manifest.json'), 'utf8')).toBe('{"v":1}');
    expect(readdirSync(work).filter((e) => e.includes('.partial-') || e.includes('.replaced-'))).toEqual([]);
  });
});
