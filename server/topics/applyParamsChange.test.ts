import { describe, expect, it } from 'vitest';
import { TopicPipelineParamsSchema } from '../../contracts/analysis';
import { RequestError } from '../errors';
import { applyParamsChange } from './applyParamsChange';

const defaults = TopicPipelineParamsSchema.parse({});
const tuned = TopicPipelineParamsSchema.parse({
  umap: { nEpochs: 60, nNeighbors: 10 },
  clusterer: { kind: 'kmeans', k: 5, seed: 7 },
});

/** The message of the error `change` is refused with. */
function refusal(change: unknown, current = defaults): string {
  try {
    applyParamsChange(current, change);
  } catch (err) {
    expect(err).toBeInstanceOf(RequestError);
    return (err as Error).message;
  }
  throw new Error('the change was accepted');
}

describe('applyParamsChange', () => {
  it('merges a section into the current one, keeping the parameters the change does not name, and leaves the input as it was', () => {
    const before = structuredClone(tuned);
    const next = applyParamsChange(tuned, { umap: { nNeighbors: 20 } });
    expect(next.umap).toEqual({ ...tuned.umap, nNeighbors: 20 });
    expect(next.umap.nEpochs).toBe(60);
    expect(next.clusterer).toEqual(tuned.clusterer);
    expect(tuned).toEqual(before);
  });

  it('replaces the clusterer whole: another kind drops the old kind’s parameters, the same kind restarts from its defaults', () => {
    expect(applyParamsChange(tuned, { clusterer: { kind: 'hdbscan' } }).clusterer).toEqual({ kind: 'hdbscan' });
    expect(applyParamsChange(tuned, { clusterer: { kind: 'kmeans', k: 9 } }).clusterer).toEqual({
      kind: 'kmeans',
      k: 9,
      seed: 42,
      maxIterations: 100,
    });
  });

  it('fills in defaults, so an empty change gives the current parameters back', () => {
    expect(applyParamsChange(tuned, {})).toEqual(tuned);
  });

  it('refuses a value out of range, naming its path and the rule', () => {
    expect(refusal({ clusterer: { kind: 'kmeans', k: 1 } })).toMatch(/params\.clusterer\.k: .*>=\s*2/);
    expect(refusal({ umap: { nNeighbors: 'many' } })).toMatch(/params\.umap\.nNeighbors: .*number/);
  });

  it('refuses an unknown clusterer kind, naming the field', () => {
    expect(refusal({ clusterer: { kind: 'dbscan' } })).toMatch(/params\.clusterer\.kind/);
  });

  it('refuses a misspelt parameter or section rather than ignoring it', () => {
    expect(refusal({ umap: { nNeighbours: 10 } })).toContain('params.umap.nNeighbours: unknown parameter');
    expect(refusal({ clusterer: { kind: 'kmeans', K: 4 } })).toMatch(/params\.clusterer: .*"K"/);
    expect(refusal({ umapp: {} })).toMatch(/params\.umapp: unknown section \(expected one of umap, /);
  });

  it('refuses parameters that are not an object, and a `__proto__` key without touching any prototype', () => {
    expect(refusal(null)).toContain('params: expected an object');
    expect(refusal([1])).toContain('params: expected an object');
    expect(refusal(JSON.parse('{"umap": {"__proto__": {"polluted": true}}}'))).toContain(
      'params.umap.__proto__: unknown parameter',
    );
    expect(refusal(JSON.parse('{"__proto__": {"polluted": true}}'))).toContain('params.__proto__: unknown section');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
