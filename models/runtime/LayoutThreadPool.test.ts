import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { fitUmap, optimizeLayoutParallel, PARALLEL_LAYOUT_MIN_POINTS, syntheticClusters } from '../topics/umap';
import { exactKnn } from '../topics/knn';
import { fuzzySimplicialSet } from '../topics/umap/fuzzySimplicialSet';
import { edgeSchedule } from '../topics/umap/optimizeLayout';
import { resolveUmapParams } from '../topics/umap/params';
import { mapLayout } from '../topics/workspace';
import { ParallelLayoutError } from '../topics/umap';
import { LayoutThreadPool } from './LayoutThreadPool';

const N = PARALLEL_LAYOUT_MIN_POINTS + 200;
const data = syntheticClusters({ n: N, clusters: 6, dim: 24, seed: 9 });
const params = { nNeighbors: 15, nComponents: 5, nEpochs: 40, seed: 11 };

describe('LayoutThreadPool', () => {
  const pool = new LayoutThreadPool({ threads: 2 });
  afterAll(() => pool.close());

  it('gives the layout of the inline run of the same threads, bit for bit, fit after fit', () => {
    const p = resolveUmapParams(params, N);
    const knn = exactKnn(data.vectors, data.vectors, 24, 14, { metric: 'cosine', excludeSelf: true });
    const schedule = edgeSchedule(fuzzySimplicialSet(N, 14, knn.indices, knn.distances, p), 40);
    const start = fitUmap(data.vectors, 24, { ...params, nEpochs: 0 });
    const settings = { dims: 5, nEpochs: 40, a: start.a, b: start.b, gamma: 1, initialAlpha: 1, negativeSampleRate: 5 };
    const inline = start.embedding.slice();
    optimizeLayoutParallel(inline, N, schedule, { ...settings, moveOther: true }, 5, null, 4, 2);
    expect(Array.from(inline)).not.toEqual(Array.from(start.embedding));
    for (let run = 0; run < 2; run++) {
      const threaded = start.embedding.slice();
      optimizeLayoutParallel(threaded, N, schedule, { ...settings, moveOther: true }, 5, pool, 4);
      expect(Array.from(threaded)).toEqual(Array.from(inline));
    }
  });

  it('keeps one memory for its jobs, zeroed for each, and a larger one when a job needs more', () => {
    const own = new LayoutThreadPool({ threads: 2 });
    try {
      const first = own.sharedMemory(8);
      new Uint8Array(first.buffer).fill(7);
      const again = own.sharedMemory(4);
      expect(again).toBe(first);
      expect(new Uint8Array(again.buffer, 0, 4 * 65536).every((b) => b === 0)).toBe(true);
      const larger = own.sharedMemory(40);
      expect(larger).not.toBe(first);
      expect(larger.buffer.byteLength).toBeGreaterThanOrEqual(40 * 65536);
    } finally {
      void own.close();
    }
  });

  it('lays out a job on the memory an earlier, different job left behind as on a fresh one', () => {
    // Rows of 3 dims are padded to 4 lanes that must read 0: the 5-dim job before writes values where they fall.
    const layoutOf = (dims: number, executor: LayoutThreadPool | null) =>
      fitUmap(data.vectors, 24, { ...params, nComponents: dims }, executor ? { layoutExecutor: executor } : {});
    const fresh = new LayoutThreadPool({ threads: 2 });
    try {
      layoutOf(5, pool);
      expect(Array.from(layoutOf(3, pool).embedding)).toEqual(Array.from(layoutOf(3, fresh).embedding));
    } finally {
      void fresh.close();
    }
  });

  it('runs fitUmap over its threads: reproducible, and not the single-threaded layout', () => {
    const a = fitUmap(data.vectors, 24, params, { layoutExecutor: pool });
    const b = fitUmap(data.vectors, 24, params, { layoutExecutor: pool });
    const single = fitUmap(data.vectors, 24, params);
    expect(Array.from(b.embedding)).toEqual(Array.from(a.embedding));
    expect(Array.from(a.embedding)).not.toEqual(Array.from(single.embedding));
  });

  it('refuses a job for another number of threads', () => {
    const base = fitUmap(data.vectors, 24, { ...params, nEpochs: 0 });
    const schedule = { head: Int32Array.of(0), tail: Int32Array.of(1), epochsPerSample: Float64Array.of(1) };
    const settings = {
      dims: 5,
      nEpochs: 1,
      a: 1,
      b: 1,
      gamma: 1,
      initialAlpha: 1,
      negativeSampleRate: 5,
      moveOther: true,
    };
    expect(() =>
      optimizeLayoutParallel(
        base.embedding.slice(),
        N,
        schedule,
        settings,
        5,
        { threads: 3, start: (job) => pool.start(job) },
        2,
      ),
    ).toThrow(/3 threads on a pool of 2/);
  });

  it('lays a whole 2-D map out on its worker, the same as the inline single-threaded map', async () => {
    const knn = exactKnn(data.vectors, data.vectors, 24, 14, { metric: 'cosine', excludeSelf: true });
    const inline = mapLayout(data.vectors, 24, knn, { seed: 5 });
    const [a, b] = await Promise.all([
      pool.mapLayout(data.vectors, 24, knn, 5),
      pool.mapLayout(data.vectors, 24, knn, 6),
    ]);
    expect(a.map).toEqual(inline);
    expect(b.map).not.toEqual(inline);
    expect(a.ms).toBeGreaterThan(0);
  });

  it('fails a pending map with a layout error when its worker ends, and a pool of one thread has none', async () => {
    const own = new LayoutThreadPool({ threads: 2 });
    const knn = exactKnn(data.vectors, data.vectors, 24, 14, { metric: 'cosine', excludeSelf: true });
    const pending = own.mapLayout(data.vectors, 24, knn, 5);
    await own.close();
    await expect(pending).rejects.toBeInstanceOf(ParallelLayoutError);
    await expect(new LayoutThreadPool({ threads: 1 }).mapLayout(data.vectors, 24, knn, 5)).rejects.toThrow(/no worker/);
  });

  it('keeps the process alive while a map is pending, and not after: an unclosed pool lets it exit', async () => {
    const script = new URL('./testing/poolExits.ts', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { timeout: 20_000 });
    expect(stdout).toBe('mapped 300\n');
  }, 40_000);
});
