import type { EmbedderInfo } from '../../contracts/socket-events';
import type { AdminModelRegistry } from './AdminDeps';

/** The embedder the server runs now, as the model switcher reports it. */
export interface RunningEmbedder {
  /** Registry id of a promoted version; null when the configured embedder (`embedModel`) runs. */
  modelId(): string | null;
  info(): EmbedderInfo;
}

/**
 * The registry as the admin section shows it: the version marked active (and used by the fill-mask playground) is
 * the one the server embeds with now. Until a version is promoted that is the configured embedder, which on a
 * default install is the shipped `chat-topics-fr-small`, itself a registry version: the registry alone would mark
 * none and the playground would refuse to run.
 *
 * @example createAdminSection({ config, logger, registry: modelsInUse(registry, switcher), switcher, training });
 */
export function modelsInUse(registry: AdminModelRegistry, running: RunningEmbedder): AdminModelRegistry {
  const inUse = (ids: readonly string[]): string | null => {
    const promoted = running.modelId();
    if (promoted !== null) return promoted;
    // A model's embedder id is `<architecture>:<name>@<version>`; the bag-of-words or a remote server match none.
    const configured = running.info().id.replace(/^[\w-]+:/, '');
    return ids.includes(configured) ? configured : null;
  };
  return {
    list: () => {
      const models = registry.list();
      const id = inUse(models.map((m) => m.id));
      return models.map((m) => ({ ...m, active: m.id === id }));
    },
    activeId: () => inUse(registry.list().map((m) => m.id)),
    resolve: (id) => registry.resolve(id),
    install: (dir, options) => registry.install(dir, options),
    onChange: (listener) => registry.onChange(listener),
  };
}
