import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTinyModels, type TinyModels } from '../../models/embedding/testing/tinyConvBertModel';
import { ModelFormatError } from '../../models/format';
import { createLogger } from '../logger';
import { ModelExistsError, ModelRegistryError, UnknownModelError } from './errors';
import { ModelRegistry, REGISTRY_FILE } from './ModelRegistry';

const logger = createLogger('silent');
let tiny: TinyModels;
let root: string;
beforeAll(() => {
  tiny = importTinyModels();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-registry-'));
});
afterAll(() => {
  tiny?.remove();
  fs.rmSync(root, { recursive: true, force: true });
});

const fresh = (name: string, builtins: string[] = []) =>
  ModelRegistry.open(path.join(root, name), { logger, builtins });

describe('ModelRegistry', () => {
  it('creates nothing on disk until a model is installed', () => {
    const registry = fresh('untouched');
    expect(registry.list()).toEqual([]);
    expect(registry.activeId()).toBeNull();
    expect(fs.existsSync(path.join(root, 'untouched'))).toBe(false);
  });

  it('installs a verified copy, lists it with its size, and refuses the same name@version twice', () => {
    const registry = fresh('install');
    let changes = 0;
    registry.onChange(() => changes++);
    const info = registry.install(tiny.withTokenizer);
    expect(info).toMatchObject({
      id: 'tiny@1',
      name: 'tiny',
      version: '1',
      source: 'huggingface-dir',
      active: false,
      hasMlmHead: expect.any(Boolean),
    });
    expect(info.bytes).toBeGreaterThan(fs.statSync(path.join(tiny.withTokenizer, 'model.onnx')).size);
    expect(fs.existsSync(tiny.withTokenizer)).toBe(true);
    expect(registry.resolve('tiny@1')).toBe(path.join(root, 'install', 'tiny', '1'));
    expect(registry.list().map((m) => m.id)).toEqual(['tiny@1']);
    expect(() => registry.install(tiny.withTokenizer)).toThrow(ModelExistsError);
    expect(() => registry.resolve('nope@1')).toThrow(UnknownModelError);
    expect(changes).toBe(1);
  });

  it('refuses a directory that is not a valid model, leaving nothing behind', () => {
    const registry = fresh('bad');
    const broken = path.join(root, 'broken');
    fs.cpSync(tiny.meanPooled, broken, { recursive: true });
    fs.appendFileSync(path.join(broken, 'model.onnx'), 'x');
    expect(() => registry.install(broken)).toThrow(ModelFormatError);
    expect(registry.list()).toEqual([]);
  });

  it('moves a directory in with move, and removes the source', () => {
    const registry = fresh('move');
    const scratch = path.join(root, 'scratch-model');
    fs.cpSync(tiny.meanPooled, scratch, { recursive: true });
    registry.install(scratch, { move: true });
    expect(fs.existsSync(scratch)).toBe(false);
    expect(registry.list().map((m) => m.id)).toEqual(['tiny-mean@1']);
  });

  it('keeps the active version across reopening, and rolls back through the activation history', () => {
    const dir = 'active';
    const registry = fresh(dir);
    registry.install(tiny.withTokenizer);
    registry.install(tiny.meanPooled);
    expect(registry.rollbackTarget()).toBeUndefined();
    registry.setActive('tiny@1');
    registry.setActive('tiny-mean@1');
    expect(fresh(dir).activeId()).toBe('tiny-mean@1');
    expect(
      fresh(dir)
        .list()
        .find((m) => m.active)?.id,
    ).toBe('tiny-mean@1');
    expect(registry.rollbackTarget()).toBe('tiny@1');
    registry.setActive('tiny@1', { rollback: true });
    expect(registry.rollbackTarget()).toBeNull();
    registry.setActive(null, { rollback: true });
    expect(registry.activeId()).toBeNull();
    expect(registry.rollbackTarget()).toBeUndefined();
    const reopened = fresh(dir);
    expect(reopened.history()).toEqual(['tiny@1', 'tiny-mean@1', 'tiny@1']);
    expect(reopened.activeId()).toBeNull();
    expect(() => registry.setActive('ghost@1')).toThrow(UnknownModelError);
  });

  it('lists built-in models as builtin, resolves them, and refuses to install one again', () => {
    const registry = fresh('builtins', [tiny.idsOnly]);
    expect(registry.list()).toEqual([expect.objectContaining({ id: 'tiny-ids@1', source: 'builtin' })]);
    expect(registry.resolve('tiny-ids@1')).toBe(tiny.idsOnly);
    expect(() => registry.install(tiny.idsOnly)).toThrow(ModelExistsError);
    registry.setActive('tiny-ids@1');
    expect(registry.activeId()).toBe('tiny-ids@1');
  });

  it('refuses a corrupt registry.json, naming the file and the field', () => {
    const dir = path.join(root, 'corrupt');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, REGISTRY_FILE), JSON.stringify({ active: 3, previous: [], activations: [] }));
    expect(() => ModelRegistry.open(dir, { logger })).toThrow(ModelRegistryError);
    expect(() => ModelRegistry.open(dir, { logger })).toThrow(/registry\.json: field "active"/);
  });
});
