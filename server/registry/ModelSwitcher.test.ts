import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BagOfWordsEmbedder } from '../../models/bow/BagOfWordsEmbedder';
import { EmbedService, type Embedder } from '../../models/embedding';
import { importTinyModels, type TinyModels } from '../../models/embedding/testing/tinyConvBertModel';
import { createLogger } from '../logger';
import { ModelRegistry } from './ModelRegistry';
import { ModelSwitcher, type ActiveEmbedder, type EmbedderStarter } from './ModelSwitcher';

const logger = createLogger('silent');
let tiny: TinyModels;
let root: string;
beforeAll(() => {
  tiny = importTinyModels();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-switcher-'));
});
afterAll(() => {
  tiny?.remove();
  fs.rmSync(root, { recursive: true, force: true });
});

/** An embedder labelled by the directory it was "started" from: no model is run, only the switch is under test. */
function labelled(id: string, dimension: number): EmbedService {
  const inner: Embedder = {
    id,
    dimension,
    embed: async (texts) => texts.map(() => new Float32Array(dimension)),
    close: async () => undefined,
  };
  return new EmbedService(inner);
}

function setup(name: string, start: EmbedderStarter) {
  const registry = ModelRegistry.open(path.join(root, name), { logger });
  registry.install(tiny.withTokenizer);
  registry.install(tiny.meanPooled);
  const service = new EmbedService(new BagOfWordsEmbedder());
  const initial: ActiveEmbedder = {
    service,
    info: { id: service.id, kind: 'bow', dimension: service.dimension, description: 'bow' },
    modelId: null,
  };
  const switched: Embedder[] = [];
  const switcher = new ModelSwitcher({
    registry,
    initial,
    start,
    consumer: { switchEmbedder: async (e) => void switched.push(e) },
    logger,
  });
  return { registry, switcher, switched, initial };
}

const starter: EmbedderStarter = async (dir) => {
  const id = dir === null ? 'bow-v1' : `convbert:${path.basename(path.dirname(dir))}`;
  const service = labelled(id, dir === null ? 256 : 32);
  return {
    service,
    info: { id, kind: dir === null ? 'bow' : 'convbert', dimension: service.dimension, description: id },
  };
};

describe('ModelSwitcher', () => {
  it('hands the consumer the new embedder, closes the old one, and sets the registry after the switch', async () => {
    const { registry, switcher, switched, initial } = setup('ok', starter);
    const infos: string[] = [];
    switcher.onChange((info) => infos.push(info.id));
    await switcher.promote('tiny@1');
    expect(switched.map((e) => e.id)).toEqual(['convbert:tiny']);
    expect(switcher.service).toBe(switched[0]);
    await expect(initial.service.embed(['x'])).rejects.toThrow(/closed/);
    expect(registry.activeId()).toBe('tiny@1');
    // Two switches asked at once run one after the other, in call order.
    await Promise.all([switcher.promote('tiny-mean@1'), switcher.rollback()]);
    expect(infos).toEqual(['convbert:tiny', 'convbert:tiny-mean', 'convbert:tiny']);
    expect(registry.activeId()).toBe('tiny@1');
    await switcher.rollback();
    expect(switcher.modelId()).toBeNull();
    expect(switcher.info().id).toBe('bow-v1');
    await switcher.close();
  });

  it('changes nothing when the new model does not start', async () => {
    const failing: EmbedderStarter = async () => {
      throw new Error('model.onnx: not an ONNX graph');
    };
    const { registry, switcher, switched, initial } = setup('fail', failing);
    await expect(switcher.promote('tiny@1')).rejects.toThrow(/not an ONNX graph/);
    await expect(switcher.promote('ghost@1')).rejects.toThrow(/no model "ghost@1"/);
    expect(switched).toEqual([]);
    expect(registry.activeId()).toBeNull();
    expect(switcher.service).toBe(initial.service);
    expect(await initial.service.embed(['toujours là'])).toHaveLength(1);
    await switcher.close();
  });
});
