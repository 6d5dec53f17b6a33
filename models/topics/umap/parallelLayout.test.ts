import { describe, expect, it } from 'vitest';
import { exactKnn } from '../knn';
import { findAbParams } from './curve';
import { fitUmap, PARALLEL_LAYOUT_MIN_POINTS } from './fitUmap';
import { fuzzySimplicialSet } from './fuzzySimplicialSet';
import { initialLayout } from './initialLayout';
import { edgeSchedule, optimizeLayout } from './optimizeLayout';
import {
  createParallelLayoutJob,
  optimizeLayoutParallel,
  ParallelLayoutError,
  runLayoutThread,
  type LayoutExecutor,
} from './parallelLayout';
import { resolveUmapParams } from './params';
import { neighbourPreservation } from './quality';
import { syntheticClusters } from './syntheticClusters';
import { neighbourMajorityAccuracy } from './testMetrics';
import { Xoshiro128StarStar } from '../../random';

const data = syntheticClusters({ n: 500, clusters: 5, dim: 32, seed: 4 });
const EPOCHS = 60;

/** A fit's starting point, graph schedule and SGD settings, as fitUmap builds them. */
function setup() {
  const p = resolveUmapParams({ nNeighbors: 15, nComponents: 4, minDist: 0.5, nEpochs: EPOCHS, seed: 3 }, 500);
  const knn = exactKnn(data.vectors, data.vectors, 32, 14, { metric: 'cosine', excludeSelf: true });
  const graph = fuzzySimplicialSet(500, 14, knn.indices, knn.distances, p);
  const random = new Xoshiro128StarStar(p.seed);
  const layout = initialLayout(graph, 4, 'spectral', random, { vectors: data.vectors, dim: 32, metric: 'cosine' });
  const { a, b } = findAbParams(p.spread, p.minDist);
  const settings = {
    dims: 4,
    nEpochs: EPOCHS,
    a,
    b,
    gamma: 1,
    initialAlpha: 1,
    negativeSampleRate: 5,
    moveOther: true,
  };
  return { layout, schedule: edgeSchedule(graph, EPOCHS), settings, reference: knn };
}

const inline = (threads: number, subRounds = 8, seed = 99) => {
  const { layout, schedule, settings } = setup();
  optimizeLayoutParallel(layout, 500, schedule, settings, seed, null, subRounds, threads);
  return layout;
};

describe('the parallel layout SGD', () => {
  it('is reproducible for a given seed and thread count, and the thread count and seed matter', () => {
    const twice = [inline(2), inline(2)];
    expect(Array.from(twice[1]!)).toEqual(Array.from(twice[0]!));
    expect(Array.from(inline(3))).not.toEqual(Array.from(twice[0]!));
    expect(Array.from(inline(2, 8, 100))).not.toEqual(Array.from(twice[0]!));
  });

  it('lays out as well as the sequential SGD: clusters apart, neighbourhoods kept about as often', () => {
    const { layout, schedule, settings, reference } = setup();
    optimizeLayout(layout, layout, 500, schedule, settings, 99);
    const sequential = neighbourPreservation(reference, layout, 4, 10);
    for (const threads of [2, 4]) {
      const parallel = inline(threads);
      expect(neighbourMajorityAccuracy(parallel, 4, data.labels)).toBeGreaterThan(0.95);
      expect(neighbourPreservation(reference, parallel, 4, 10)).toBeGreaterThan(sequential - 0.03);
    }
  });

  it('stops waiting at a barrier when another thread has failed', () => {
    const { layout, schedule, settings } = setup();
    const job = createParallelLayoutJob(layout, 500, schedule, settings, 1, 2, 4);
    Atomics.store(new Int32Array(job.control), 2, 1);
    expect(() => runLayoutThread(job, 0)).toThrow(ParallelLayoutError);
  });
});

describe('fitUmap with a layout executor', () => {
  // Starts nothing: below the size threshold fitUmap must not hand it a job.
  const idle: LayoutExecutor = {
    threads: 2,
    start() {
      throw new Error('a small fit started a parallel job');
    },
  };

  it('keeps the single-threaded SGD, bit for bit, below PARALLEL_LAYOUT_MIN_POINTS points', () => {
    expect(data.vectors.length / 32).toBeLessThan(PARALLEL_LAYOUT_MIN_POINTS);
    const params = { nNeighbors: 15, nEpochs: 30, seed: 2 };
    const plain = fitUmap(data.vectors, 32, params);
    const withExecutor = fitUmap(data.vectors, 32, params, { layoutExecutor: idle });
    expect(Array.from(withExecutor.embedding)).toEqual(Array.from(plain.embedding));
  });
});
