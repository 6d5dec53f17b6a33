/**
 * The model registry (trained and imported versions, the active one, rollback history) and the switch of the
 * live embedder to another version without downtime.
 */
export { ModelExistsError, ModelRegistryError, UnknownModelError } from './errors';
export { ModelRegistry, registryId, REGISTRY_FILE, type ModelRegistryOptions } from './ModelRegistry';
export { builtinModelDirs, BUILTIN_MODELS_DIR } from './builtinModels';
export { writeJsonAtomic } from './writeJsonAtomic';
export {
  embedderStarter,
  ModelSwitcher,
  startActiveEmbedder,
  type ActiveEmbedder,
  type EmbedderConsumer,
  type EmbedderStarter,
  type ModelSwitcherDeps,
} from './ModelSwitcher';
export { openConfiguredRegistry } from './openConfiguredRegistry';
