import { beforeAll, describe, expect, it } from 'vitest';
import type { TopicAssignment } from '../../contracts/socket-events';
import type { KnnGraph } from '../../models/topics/knn';
import type { ClusteringResult } from '../../models/topics/pipeline';
import type { NeighbourIndex, NeighbourIndexFactory } from './channelTopicTypes';
import { FitState, type FitStateDeps } from './FitState';
import { clusterable, entriesOf, fastParams, gate, refitOf, silent } from './topicTestFixtures';
import type { WindowEntry } from './TopicWindow';

let window: WindowEntry[];
let later: WindowEntry[];
let result: ClusteringResult;
beforeAll(async () => {
  window = await entriesOf(clusterable(120));
  later = await entriesOf(clusterable(150, 120));
  result = await refitOf(window);
}, 60_000);

function state(deps: Partial<FitStateDeps> = {}) {
  const assigned: TopicAssignment[] = [];
  const fits = new FitState({
    channel: 'demo',
    logger: silent,
    indexFactory: null,
    representatives: 3,
    assigned: (a) => assigned.push(...a),
    ...deps,
  });
  return { fits, assigned };
}
const outcome = (generation: number) => ({ entries: window, result, generation, durationMs: 1 });
const now = (entries: readonly WindowEntry[]) => entries.map(() => performance.now());
const fresh = (entries: readonly WindowEntry[]) =>
  entries.map((e) => ({ ...e, topic: null, moment: null, fitted: false }));

describe('FitState', () => {
  it('applies a refit of the current generation: tracked topics, labelled window, one refit counted', () => {
    const { fits } = state();
    expect(fits.apply(outcome(fits.generation))).toBe(true);
    expect(fits.view().refits).toBe(1);
    expect(fits.current!.labels.size).toBe(result.nTopics);
    expect(
      fits.tracker
        .topics(120)
        .map((t) => t.id)
        .sort(),
    ).toEqual([...fits.current!.labels.keys()].sort());
    expect(window.every((e) => e.fitted)).toBe(true);
  });

  it('refuses a refit started before an embedder switch or a reset, keeping what it had', () => {
    const { fits } = state();
    const started = fits.generation;
    fits.apply(outcome(started));
    const fit = fits.current;
    fits.nextGeneration();
    expect(fits.apply(outcome(started))).toBe(false);
    expect(fits.current).toBe(fit);
    expect(fits.view().refits).toBe(1);
    const beforeReset = fits.generation;
    fits.reset();
    expect(fits.apply(outcome(beforeReset))).toBe(false);
    expect(fits.current).toBeNull();
    expect(fits.apply(outcome(fits.generation))).toBe(true);
  });

  it('places new messages with the current fit, announcing each once; a quiet re-placement announces only the new ones', async () => {
    const { fits, assigned } = state();
    fits.apply(outcome(fits.generation));
    const batch = fresh(later);
    await fits.place(batch.slice(0, 10), now(batch));
    expect(assigned.map((a) => a.seq)).toEqual(batch.slice(0, 10).map((e) => e.seq));
    expect(assigned.filter((a) => a.topic !== null).every((a) => fits.current!.labels.has(a.topic!))).toBe(true);
    await fits.place(batch.slice(0, 20), now(batch), true);
    expect(assigned.map((a) => a.seq)).toEqual(batch.slice(0, 20).map((e) => e.seq));
    expect(fits.view().latency.samples).toBe(20);
  });

  it('places nothing with a fit of an earlier generation (another model laid it out)', async () => {
    const { fits, assigned } = state();
    fits.apply(outcome(fits.generation));
    fits.nextGeneration();
    const batch = fresh(later);
    await fits.place(batch, now(batch));
    expect(assigned).toHaveLength(0);
    expect(batch.every((e) => !e.fitted)).toBe(true);
  });

  it('drops a placement whose neighbour search a newer fit overtook (two fits never mix their numbering)', async () => {
    const searching = gate();
    const searches: number[] = [];
    const closed: number[] = [];
    let built = 0;
    const factory: NeighbourIndexFactory = async () => {
      const n = built++;
      const index: NeighbourIndex = {
        search: async () => {
          searches.push(n);
          await searching.wait;
          return undefined as unknown as KnnGraph; // never read when the check works: the slice is dropped first
        },
        close: () => closed.push(n),
      };
      return index;
    };
    const { fits, assigned } = state({ indexFactory: factory });
    fits.apply(outcome(fits.generation));
    await fits.whenIndexReady();
    const placing = fits.place(fresh(later).slice(0, 10), now(later));
    await new Promise((resolve) => setImmediate(resolve));
    expect(searches).toEqual([0]);
    fits.apply(outcome(fits.generation));
    expect(closed).toEqual([0]);
    searching.open();
    await placing;
    expect(assigned).toHaveLength(0);
  });

  it('closes an index that arrives for a fit already replaced, and the current one on close; refuses refits after', async () => {
    const closed: number[] = [];
    const ready: (() => void)[] = [];
    let built = 0;
    const factory: NeighbourIndexFactory = () => {
      const n = built++;
      return new Promise((resolve) =>
        ready.push(() => resolve({ search: () => Promise.reject(new Error('unused')), close: () => closed.push(n) })),
      );
    };
    const { fits } = state({ indexFactory: factory });
    fits.apply(outcome(fits.generation));
    fits.apply(outcome(fits.generation));
    ready[0]!();
    ready[1]!();
    await fits.whenIndexReady();
    expect(closed).toEqual([0]);
    expect(fits.current!.index).not.toBeNull();
    fits.close();
    expect(closed).toEqual([0, 1]);
    expect(fits.apply(outcome(fits.generation))).toBe(false);
  });

  it('warm-starts only from a fit of the same generation and layout dimension', () => {
    const { fits } = state();
    expect(fits.warmStart(window, fastParams.umap.nComponents)).toBeUndefined();
    fits.apply(outcome(fits.generation));
    const rows = fits.warmStart(window, fastParams.umap.nComponents);
    expect(rows).toHaveLength(window.length * fastParams.umap.nComponents);
    expect(fits.warmStart(window, fastParams.umap.nComponents + 1)).toBeUndefined();
    fits.nextGeneration();
    expect(fits.warmStart(window, fastParams.umap.nComponents)).toBeUndefined();
  });
});
