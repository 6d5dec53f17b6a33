import type { AppConfig } from '../../config/schema';
import type { ModelRegistry } from '../../registry/ModelRegistry';
import type { ModelSwitcher } from '../../registry/ModelSwitcher';
import type { ResolvedModel } from './AnalysisJobs';

/**
 * How a background analysis starts the model a request names: nothing named is the live embedder's model (the
 * registry's active version, else `embedModel`); a registry id is its installed directory; anything else (`bow`, a
 * shipped model's name, a URL) goes to `startConfiguredEmbedder` as it is, and fails the job if it names nothing.
 *
 * @example const resolve = analysisModelResolver({ registry, models, config }); resolve(undefined).id // 'bow-v1'
 */
export function analysisModelResolver(deps: {
  registry: Pick<ModelRegistry, 'list' | 'resolve'>;
  models: Pick<ModelSwitcher, 'modelId' | 'info'>;
  config: Pick<AppConfig, 'embedModel'>;
}): (requested: string | undefined) => ResolvedModel {
  return (requested) => {
    if (requested === undefined) {
      const active = deps.models.modelId();
      return {
        spec: active === null ? deps.config.embedModel : deps.registry.resolve(active),
        id: deps.models.info().id,
      };
    }
    if (deps.registry.list().some((m) => m.id === requested))
      return { spec: deps.registry.resolve(requested), id: requested };
    return { spec: requested, id: requested };
  };
}
