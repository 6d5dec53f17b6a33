import { TopicPipelineParamsSchema, type TopicPipelineParams } from '../../../contracts/analysis';

const DEFAULTS = TopicPipelineParamsSchema.parse({});

/** `path = value` for every leaf of `value` that differs from `base` (arrays compared whole). */
function differences(value: unknown, base: unknown, path: string, out: string[]): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const baseObject = base !== null && typeof base === 'object' ? (base as Record<string, unknown>) : {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>))
      differences(v, baseObject[key], path ? `${path}.${key}` : key, out);
    return;
  }
  if (JSON.stringify(value) !== JSON.stringify(base)) out.push(`${path} ${JSON.stringify(value)}`);
}

/**
 * A short human summary of the parameters that differ from the defaults, for telling stored analyses apart:
 * `""` for the defaults.
 *
 * @example describeParameters({ ...defaults, umap: { ...defaults.umap, nEpochs: 50 } }) // 'umap.nEpochs 50'
 */
export function describeParameters(params: TopicPipelineParams): string {
  const out: string[] = [];
  differences(params, DEFAULTS, '', out);
  return out.join(', ');
}
