// The worked example of a second architecture: one registry entry (the test's copy of ARCHITECTURES), one embedder
// factory, and a model directory naming it loads and embeds through the same code as ConvBERT.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelArchitecture } from '../architectures/ModelArchitecture';
import { ARCHITECTURES, architectureNames } from '../architectures/registry';
import { CheckpointError } from '../checkpoint/errors';
import { ModelFormatError } from '../format/errors';
import { loadModelDir } from '../format/loadModelDir';
import { sha256Hex } from '../format/sha256';
import type { Embedder } from './Embedder';
import { EmbedderSpecError } from './errors';
import {
  loadModelEmbedder,
  MODEL_EMBEDDERS,
  type ModelEmbedderFactory,
  type ModelEmbedderTables,
} from './modelEmbedders';

/** A toy architecture: its config is a vocabulary size and a length; it "embeds" a text as [length, 1]. */
const echoArchitecture: ModelArchitecture<{ vocabSize: number; maxPositionEmbeddings: number; scale: number }> = {
  label: 'Echo',
  readConfig(json, label) {
    const { vocab_size: vocabSize, max_position_embeddings: maxPositionEmbeddings, scale } = json;
    if (typeof scale !== 'number') throw new CheckpointError('scale must be a number', { file: label, field: 'scale' });
    return { vocabSize: Number(vocabSize), maxPositionEmbeddings: Number(maxPositionEmbeddings), scale };
  },
};
const echoEmbedder: ModelEmbedderFactory = async (model) => {
  const { scale } = model.config as unknown as { scale: number };
  const embedder: Embedder = {
    id: model.id,
    dimension: 2,
    embed: async (texts) => texts.map((t) => Float32Array.of(t.length * scale, 1)),
    close: async () => undefined,
  };
  return embedder;
};
const tables: ModelEmbedderTables = {
  architectures: { ...ARCHITECTURES, echo: echoArchitecture },
  embedders: { ...MODEL_EMBEDDERS, echo: echoEmbedder },
};

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'second-architecture-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A model directory of the echo architecture, as an importer of it would write one. */
function echoModelDir(name: string, config: Record<string, unknown>, maxTokens = 8): string {
  const dir = join(work, name);
  const files = { 'model.safetensors': 'weights', 'model.onnx': 'graph' };
  const entries = Object.entries(files).map(([path, text], i) => ({
    path,
    role: i === 0 ? 'weights' : 'onnx',
    bytes: Buffer.byteLength(text),
    sha256: sha256Hex(Buffer.from(text)),
  }));
  mkdirSync(dir);
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  const manifest = {
    format: 'chat-topics-model',
    formatVersion: 1,
    name,
    version: '1',
    created: '2025-01-01T00:00:00Z',
    source: { kind: 'training', ref: name },
    architecture: { type: 'echo', config },
    pooling: 'cls',
    maxTokens,
    tokenizer: null,
    mlmHead: false,
    files: entries,
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

describe('a second architecture, registered by a test', () => {
  it('is refused by the built-in registry, which names the architectures it reads', () => {
    const dir = echoModelDir('unknown', { vocab_size: 50, max_position_embeddings: 16, scale: 2 });
    const error = (() => {
      try {
        loadModelDir(dir);
      } catch (e) {
        return e as ModelFormatError;
      }
      throw new Error('loaded');
    })();
    expect(error).toBeInstanceOf(ModelFormatError);
    expect(error.field).toBe('architecture.type');
    expect(error.message).toMatch(/unknown architecture "echo" \(this program reads: convbert\)/);
  });

  it('loads through the registry that has it: id, architecture and config come from its entry', () => {
    expect(architectureNames(tables.architectures)).toEqual(['convbert', 'echo']);
    const model = loadModelDir(echoModelDir('demo', { vocab_size: 50, max_position_embeddings: 16, scale: 2 }), {
      architectures: tables.architectures,
    });
    expect(model.id).toBe('echo:demo@1');
    expect(model.architecture).toBe('echo');
    expect(model.config).toEqual({ vocabSize: 50, maxPositionEmbeddings: 16, scale: 2 });
  });

  it('gets the checks every architecture gets: its config errors and its length limit, named in manifest.json', () => {
    const badConfig = echoModelDir('bad-config', { vocab_size: 50, max_position_embeddings: 16 });
    expect(() => loadModelDir(badConfig, { architectures: tables.architectures })).toThrow(
      /manifest\.json: field "architecture\.config\.scale": invalid Echo config/,
    );
    const tooLong = echoModelDir('too-long', { vocab_size: 50, max_position_embeddings: 16, scale: 1 }, 32);
    expect(() => loadModelDir(tooLong, { architectures: tables.architectures })).toThrow(
      /field "maxTokens": 32 must be an integer from 2 .* max_position_embeddings 16/,
    );
  });

  it('embeds through loadModelEmbedder, as a ConvBERT model directory does', async () => {
    const embedder = await loadModelEmbedder(
      echoModelDir('embeds', { vocab_size: 50, max_position_embeddings: 16, scale: 3 }),
      {},
      tables,
    );
    expect(embedder.id).toBe('echo:embeds@1');
    expect((await embedder.embed(['abc', ''])).map((v) => [...v])).toEqual([
      [9, 1],
      [0, 1],
    ]);
  });

  it('refuses a directory of another architecture than the spec names, and an architecture with no embedder', async () => {
    const dir = echoModelDir('strict', { vocab_size: 50, max_position_embeddings: 16, scale: 1 });
    await expect(loadModelEmbedder(dir, { architecture: 'convbert' }, tables)).rejects.toThrow(
      new EmbedderSpecError(`${dir}: holds a echo model, not convbert`),
    );
    await expect(loadModelEmbedder(dir, {}, { ...tables, embedders: MODEL_EMBEDDERS })).rejects.toThrow(
      /no embedder for architecture "echo"/,
    );
  });
});
