import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadHfConvBertCheckpoint } from './loadHfConvBertCheckpoint';
import { readSafetensors, writeSafetensors } from './safetensors';
import {
  CONVBERT_FIXTURES,
  fixtureBytes,
  fixtureJson,
  fixturePath,
  rawBytes,
  type ConvBertFixture,
} from './testing/fixtures';
import { checkpointErrorOf } from './testing/checkpointErrorOf';

const scratch = mkdtempSync(join(tmpdir(), 'convbert-checkpoint-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A model folder in a temp dir, with the given fixture files copied and the given files written. */
function modelDir(folder: ConvBertFixture, copy: string[], write: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(scratch, 'model-'));
  for (const f of copy) copyFileSync(fixturePath(folder, f), join(dir, f));
  for (const [f, content] of Object.entries(write)) writeFileSync(join(dir, f), content);
  return dir;
}

describe('loadHfConvBertCheckpoint', () => {
  it.each(CONVBERT_FIXTURES)('%s: prefers model.safetensors; encoder without prefix, MLM head found', (folder) => {
    const ckpt = loadHfConvBertCheckpoint(fixturePath(folder));
    expect(ckpt.source).toBe('safetensors');
    expect(ckpt.config.numGroups).toBe(folder === 'convbert-tiny' ? 1 : 2);
    expect(ckpt.encoder.size).toBe(53);
    expect([...ckpt.encoder.keys()].every((n) => !n.startsWith('convbert.'))).toBe(true);
    expect(ckpt.encoder.has('embeddings.position_ids')).toBe(false);
    expect(ckpt.mlmHead?.size).toBe(5);
    expect(ckpt.mlmHead?.has('generator_lm_head.weight')).toBe(false);
  });

  it.each(CONVBERT_FIXTURES)(
    '%s: falls back to pytorch_model.bin; same names and bit-identical values, no MLM head',
    (folder) => {
      const fromBin = loadHfConvBertCheckpoint(modelDir(folder, ['config.json', 'pytorch_model.bin']));
      expect(fromBin.source).toBe('pytorch_model.bin');
      expect(fromBin.mlmHead).toBeNull();
      const fromSt = loadHfConvBertCheckpoint(fixturePath(folder));
      expect([...fromBin.encoder.keys()]).toEqual([...fromSt.encoder.keys()]);
      for (const [name, t] of fromSt.encoder) {
        const b = fromBin.encoder.get(name)!;
        expect(b.shape).toEqual(t.shape);
        expect(rawBytes(b.data).equals(rawBytes(t.data)), name).toBe(true);
      }
    },
  );

  it('refuses a config of another architecture, naming config.json and model_type', () => {
    const config = { ...(fixtureJson('convbert-tiny', 'config.json') as object), model_type: 'electra' };
    const dir = modelDir('convbert-tiny', ['model.safetensors'], { 'config.json': JSON.stringify(config) });
    const e = checkpointErrorOf(() => loadHfConvBertCheckpoint(dir));
    expect(e.file).toBe(join(dir, 'config.json'));
    expect(e.field).toBe('model_type');
  });

  it('refuses weights shaped for another config, naming the weights file and the tensor', () => {
    const dir = modelDir('convbert-tiny', ['pytorch_model.bin'], {
      'config.json': JSON.stringify(fixtureJson('convbert-tiny-groups2', 'config.json')),
    });
    const e = checkpointErrorOf(() => loadHfConvBertCheckpoint(dir));
    expect(e.file).toBe(join(dir, 'pytorch_model.bin'));
    expect(e.tensor).toBe('encoder.layer.0.intermediate.dense.weight');
  });

  it('refuses a checkpoint with a missing weight', () => {
    const tensors = readSafetensors(fixtureBytes('convbert-tiny', 'model.safetensors'));
    tensors.delete('convbert.encoder.layer.0.attention.self.conv_kernel_layer.weight');
    const dir = modelDir('convbert-tiny', ['config.json'], {
      'model.safetensors': writeSafetensors(tensors, { format: 'pt' }),
    });
    const e = checkpointErrorOf(() => loadHfConvBertCheckpoint(dir));
    expect(e.file).toBe(join(dir, 'model.safetensors'));
    expect(e.tensor).toBe('encoder.layer.0.attention.self.conv_kernel_layer.weight');
    expect(e.message).toMatch(/missing weights/);
  });

  it('refuses a truncated weights file rather than half-loading it', () => {
    const bytes = fixtureBytes('convbert-tiny', 'model.safetensors');
    const dir = modelDir('convbert-tiny', ['config.json'], {
      'model.safetensors': bytes.subarray(0, bytes.length - 1),
    });
    expect(checkpointErrorOf(() => loadHfConvBertCheckpoint(dir)).message).toMatch(
      /model\.safetensors: tensor "generator_predictions\.dense\.weight": truncated/,
    );
  });

  it('refuses a folder without config.json or without weights', () => {
    expect(
      checkpointErrorOf(() => loadHfConvBertCheckpoint(modelDir('convbert-tiny', ['model.safetensors']))).message,
    ).toMatch(/config\.json: not found/);
    expect(
      checkpointErrorOf(() => loadHfConvBertCheckpoint(modelDir('convbert-tiny', ['config.json']))).message,
    ).toMatch(/no weights/);
    const sharded = modelDir('convbert-tiny', ['config.json'], { 'model.safetensors.index.json': '{}' });
    expect(checkpointErrorOf(() => loadHfConvBertCheckpoint(sharded)).message).toMatch(/sharded checkpoints/);
    expect(
      checkpointErrorOf(() => loadHfConvBertCheckpoint(modelDir('convbert-tiny', [], { 'config.json': '{nope' })))
        .message,
    ).toMatch(/config\.json: not valid JSON/);
  });
});
