import { TopicPipelineParamsSchema, type TopicPipelineParams } from '../../contracts/analysis';
import { RequestError } from '../errors';

/** Sections replaced whole by a change: a discriminated union, whose kinds have different parameters. */
const REPLACED_WHOLE: ReadonlySet<string> = new Set(['clusterer']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Pipeline parameters after a change: each section of `change` merged into the same section of `current` (the
 * clusterer replaced whole), then checked by the contract's schema, defaults filled in.
 * @param current the parameters the change applies to (a channel's, or the server's defaults for a reset)
 * @param change what the client sent: untrusted, any shape
 * @returns new parameters; `current` is not modified
 * @throws RequestError naming every refused parameter by its path (`params.clusterer.k: …`), unknown ones included
 * @example applyParamsChange(defaults, { clusterer: { kind: 'kmeans', k: 8 } }).clusterer // { kind: 'kmeans', k: 8, seed: 42, maxIterations: 100 }
 */
export function applyParamsChange(current: TopicPipelineParams, change: unknown): TopicPipelineParams {
  if (!isPlainObject(change)) throw new RequestError('params: expected an object of pipeline parameters');
  const sections = TopicPipelineParamsSchema.shape;
  const unknownSections = Object.keys(change).filter((key) => !Object.hasOwn(sections, key));
  if (unknownSections.length > 0)
    throw refused(
      unknownSections.map(
        (key) => `params.${key}: unknown section (expected one of ${Object.keys(sections).join(', ')})`,
      ),
    );

  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(change)) {
    const before = merged[key];
    // `key` is a known section (checked above); inside a section a spread keeps a client's `__proto__` an own key.
    merged[key] =
      !REPLACED_WHOLE.has(key) && isPlainObject(value) && isPlainObject(before) ? { ...before, ...value } : value;
  }
  const parsed = TopicPipelineParamsSchema.safeParse(merged);
  if (!parsed.success)
    throw refused(
      parsed.error.issues.map((issue) => `${['params', ...issue.path.map(String)].join('.')}: ${issue.message}`),
    );
  // The sections' schemas drop keys they do not know: a misspelt parameter must be refused, not silently ignored.
  const unknown = strippedKeys(change, parsed.data, 'params');
  if (unknown.length > 0) throw refused(unknown.map((path) => `${path}: unknown parameter`));
  return parsed.data;
}

function refused(problems: string[]): RequestError {
  return new RequestError(`pipeline parameters refused: ${problems.join('; ')}`);
}

/** Paths of the keys of `sent` that `kept` (its parsed form) lacks, at any depth of plain objects. */
function strippedKeys(sent: Record<string, unknown>, kept: unknown, path: string): string[] {
  if (!isPlainObject(kept)) return [];
  return Object.entries(sent).flatMap(([key, value]) => {
    const at = `${path}.${key}`;
    if (!Object.hasOwn(kept, key)) return [at];
    return isPlainObject(value) ? strippedKeys(value, kept[key], at) : [];
  });
}
