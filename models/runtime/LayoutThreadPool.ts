import type { Worker } from 'node:worker_threads';
import type { LayoutExecutor, ParallelLayoutJob } from '../topics/umap';
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

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
