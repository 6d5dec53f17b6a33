import type { Worker } from 'node:worker_threads';
import type { KnnGraph } from '../topics/knn';
import {
  ParallelLayoutError,
  WASM_MAX_PAGES,
  WASM_PAGE_BYTES,
  type LayoutExecutor,
  type ParallelLayoutJob,
} from '../topics/umap';
import type { BackgroundMapLayout, MapLayout } from '../topics/workspace';
import type { LayoutWorkerMessage, LayoutWorkerReply } from './layoutWorkerProtocol';
import { startTsWorker } from './startTsWorker';

const ENTRY = new URL('./layoutWorker.ts', import.meta.url);

/**
 * Worker threads for UMAP's parallel layout (`optimizeLayoutParallel`): `threads - 1` workers that stay up between
 * fits (starting one costs a few hundred milliseconds), the caller being the last thread. The workers do not keep
 * the process alive; `close` ends them.
 *
 * @example
 * const pool = new LayoutThreadPool({ threads: 2 });
 * try { await analyzeStream(stream, messages, { ...options, layoutExecutor: pool }); } finally { await pool.close(); }
 */
export class LayoutThreadPool implements LayoutExecutor, BackgroundMapLayout {
  readonly threads: number;
  private readonly workers: Worker[];
  /** Maps being laid out, by id: a worker answers in the order it was asked, but an id keeps that explicit. */
  private readonly maps = new Map<
    number,
    { resolve: (r: { map: MapLayout; ms: number }) => void; reject: (e: Error) => void }
  >();
  private nextMapId = 1;
  /** The jobs' WebAssembly memory, reused (see `sharedMemory`). */
  private memory: WebAssembly.Memory | null = null;

  constructor(options: { threads: number }) {
    if (!Number.isInteger(options.threads) || options.threads < 1)
      throw new RangeError(`LayoutThreadPool: threads must be an integer >= 1, got ${options.threads}`);
    this.threads = options.threads;
    this.workers = Array.from({ length: options.threads - 1 }, () => {
      return startTsWorker(ENTRY, { name: 'umap-layout' });
    });
    const mapper = this.workers[0];
    if (mapper) {
      mapper.on('message', (reply: LayoutWorkerReply) => {
        if (!('mapId' in reply)) return;
        const pending = this.maps.get(reply.mapId);
        if (!pending) return;
        this.settleMap(reply.mapId);
        if ('map' in reply) pending.resolve({ map: reply.map, ms: reply.ms });
        else pending.reject(new ParallelLayoutError(`2-D map layout failed in its worker: ${reply.error}`));
      });
      const fail = (why: string) => {
        for (const [id, pending] of [...this.maps]) {
          this.settleMap(id);
          pending.reject(new ParallelLayoutError(`2-D map layout stopped: ${why}`));
        }
      };
      mapper.on('error', (err) => fail(err.message));
      mapper.on('exit', (code) => fail(`its worker exited with code ${code}`));
    }
    // After the listeners: attaching a 'message' listener refs a worker again.
    for (const worker of this.workers) worker.unref();
  }

  /**
   * A pool for `threads` threads, or null for one: a single-threaded layout needs no worker, and `fitUmap` without an
   * executor runs the sequential SGD (the same layout as one thread).
   *
   * @example
   * const pool = LayoutThreadPool.forThreads(config.layoutThreads);
   * try { fitUmap(vectors, dim, params, { ...(pool ? { layoutExecutor: pool } : {}) }); } finally { await pool?.close(); }
   */
  static forThreads(threads: number): LayoutThreadPool | null {
    return threads > 1 ? new LayoutThreadPool({ threads }) : null;
  }

  start(job: ParallelLayoutJob): void {
    if (job.threads !== this.threads)
      throw new RangeError(`LayoutThreadPool: a job for ${job.threads} threads on a pool of ${this.threads}`);
    this.workers.forEach((worker, i) => worker.postMessage({ job, t: i + 1 } satisfies LayoutWorkerMessage));
  }

  /**
   * Lays a 2-D map out on the first worker (single-threaded: the same map as `mapLayout` inline, bit for bit) while
   * the caller goes on. Start no parallel layout job before it settles: that job's share would wait behind the map
   * in the worker's queue while the caller's thread waits for it at the job's first barrier.
   *
   * @example
   * const pending = pool.mapLayout(vectors, dim, knn, seed); // then cluster, label... on this thread
   * const { map } = await pending;
   */
  mapLayout(vectors: Float32Array, dim: number, knn: KnnGraph, seed: number): Promise<{ map: MapLayout; ms: number }> {
    const worker = this.workers[0];
    if (!worker)
      return Promise.reject(new RangeError('LayoutThreadPool: a pool of one thread has no worker for a map'));
    const id = this.nextMapId++;
    return new Promise((resolve, reject) => {
      this.maps.set(id, { resolve, reject });
      // A pending map keeps the process alive: the caller may have nothing else left to wait for.
      worker.ref();
      worker.postMessage({ map: { id, vectors, dim, knn, seed } } satisfies LayoutWorkerMessage);
    });
  }

  private settleMap(id: number): void {
    this.maps.delete(id);
    if (this.maps.size === 0) this.workers[0]?.unref();
  }

  /**
   * One shared memory for every job, zeroed for each and replaced by a larger one (a quarter more than asked, so a
   * window that grows a little does not replace it at every refit) when a job needs more: each job's own memory would
   * stay alive in the workers until their next garbage collection (see `LayoutExecutor.sharedMemory`).
   *
   * @param pages WebAssembly pages (64 KiB) the job needs
   */
  sharedMemory(pages: number): WebAssembly.Memory {
    const bytes = pages * WASM_PAGE_BYTES;
    if (this.memory === null || this.memory.buffer.byteLength < bytes) {
      const size = Math.min(WASM_MAX_PAGES, Math.max(pages, Math.ceil(pages * 1.25)));
      this.memory = new WebAssembly.Memory({ initial: size, maximum: size, shared: true });
      return this.memory;
    }
    new Uint8Array(this.memory.buffer, 0, bytes).fill(0);
    return this.memory;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
