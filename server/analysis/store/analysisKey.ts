import { createHash } from 'node:crypto';
import { TopicPipelineParamsSchema, type TopicPipelineParamsInput } from '../../../contracts/analysis';

/** A stored analysis' key: 12 hex digits. */
export const ANALYSIS_KEY_PATTERN = /^[0-9a-f]{12}$/;

/**
 * JSON with object keys sorted at every level (undefined members left out): the same value always gives the same
 * text, for hashing and comparing parameter sets.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The key of an analysis in the store: a short hash of the model id and the full parameters (defaults filled in),
 * so that re-running the same replaces it and another model or parameter adds one. Key order and omitted defaults
 * do not change it.
 *
 * @param modelId the embedder's id as the analysis names it (`bow-v1`, `convbert:name@version`…)
 * @param params the pipeline parameters, complete or partial
 * @example analysisKey('bow-v1', {}) === analysisKey('bow-v1', TopicPipelineParamsSchema.parse({})) // true
 */
export function analysisKey(modelId: string, params: TopicPipelineParamsInput): string {
  const full = TopicPipelineParamsSchema.parse(params);
  return createHash('sha256')
    .update(canonicalJson({ model: modelId, params: full }))
    .digest('hex')
    .slice(0, 12);
}
