import { describe, expect, it } from 'vitest';
import type { EmbedderInfo } from '../../contracts/socket-events';
import type { ModelVersionInfo } from '../../contracts/training';
import type { AdminModelRegistry } from './AdminDeps';
import { modelsInUse } from './modelsInUse';

const version = (id: string, active = false) => ({ id, active }) as ModelVersionInfo;

function registry(active: string | null): AdminModelRegistry {
  return {
    list: () => [version('trained@2', active === 'trained@2'), version('chat-topics-fr-small@1')],
    activeId: () => active,
    resolve: (id) => `/models/${id}`,
    install: () => version('x@1'),
    onChange: () => () => undefined,
  };
}

const embedder = (id: string, modelId: string | null = null) => ({
  modelId: () => modelId,
  info: (): EmbedderInfo => ({ id, kind: 'convbert', dimension: 128, description: id }),
});

describe('modelsInUse', () => {
  it('marks the configured model as active when nothing was promoted and it is a registry version', () => {
    const view = modelsInUse(registry(null), embedder('convbert:chat-topics-fr-small@1'));
    expect(
      view
        .list()
        .filter((m) => m.active)
        .map((m) => m.id),
    ).toEqual(['chat-topics-fr-small@1']);
    expect(view.activeId()).toBe('chat-topics-fr-small@1');
  });

  it('marks the promoted version, and none when the configured embedder is not a version (bag-of-words)', () => {
    const promoted = modelsInUse(registry('trained@2'), embedder('convbert:trained@2', 'trained@2'));
    expect(
      promoted
        .list()
        .filter((m) => m.active)
        .map((m) => m.id),
    ).toEqual(['trained@2']);
    const bow = modelsInUse(registry(null), embedder('bow-v1'));
    expect(bow.list().some((m) => m.active)).toBe(false);
    expect(bow.activeId()).toBeNull();
  });
});
