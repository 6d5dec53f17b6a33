import type { Worker } from 'node:worker_threads';
import { WASM_MAX_PAGES, WASM_PAGE_BYTES, type LayoutExecutor, type ParallelLayoutJob } from '../topics/umap';
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
export class LayoutThreadPool implements LayoutExecutor {
  readonly threads: number;
  private readonly workers: Worker[];
  /** The jobs' WebAssembly memory, reused (see `sharedMemory`). */
  private memory: WebAssembly.Memory | null = null;

  constructor(options: { threads: number }) {
    if (!Number.isInteger(options.threads) || options.threads < 1)
      throw new RangeError(`LayoutThreadPool: threads must be an integer >= 1, got ${options.threads}`);
    this.threads = options.threads;
    this.workers = Array.from({ length: options.threads - 1 }, () => {
      const worker = startTsWorker(ENTRY, { name: 'umap-layout' });
      worker.unref();
      return worker;
    });
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
    this.workers.forEach((worker, i) => worker.postMessage({ job, t: i + 1 }));
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
