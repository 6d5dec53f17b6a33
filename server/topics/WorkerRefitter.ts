import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../models/runtime/startTsWorker';
import type { ClusteringResult } from '../../models/topics/pipeline';
import { InternalError } from '../errors';
import { RefitCancelled, type Refitter, type RefitJob } from './Refitter';
import type { FromRefitWorker, ToRefitWorker } from './refitWorkerProtocol';

const ENTRY = new URL('./refitWorker.ts', import.meta.url);

/** A refit failed in the worker, or the worker died; the message says which and why. */
export class RefitError extends InternalError {
  override name = 'RefitError';
}

/**
 * Refits in a worker thread, so the event loop keeps assigning new messages (and serving the dashboard) while a
 * window of thousands of messages is re-clustered. Jobs run one at a time in order. A worker that dies fails the
 * jobs in flight and is started again for the next job.
 */
export class WorkerRefitter implements Refitter {
  /**
   * @param options.layoutThreads threads of the refits' UMAP layout (the setting `layoutThreads`; default 1): the
   *   refit worker starts `layoutThreads - 1` layout workers of its own, reproducible per seed and thread count
   */
  constructor(private readonly options: { layoutThreads?: number } = {}) {}

  private worker: Worker | null = null;
  private ready: Promise<Worker> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(r: ClusteringResult): void; reject(e: Error): void }>();
  private closed = false;

  async refit(job: RefitJob, signal?: AbortSignal): Promise<ClusteringResult> {
    if (this.closed) throw new RefitError('refit worker is closed');
    if (signal?.aborted) throw new RefitCancelled('refit cancelled: its channel closed');
    const worker = await this.start();
    // Closed while the worker started.
    if (signal?.aborted) throw new RefitCancelled('refit cancelled: its channel closed');
    const id = this.nextId++;
    return new Promise<ClusteringResult>((resolve, reject) => {
      const onAbort = () => {
        // Forget the waiter now (it holds the channel's engine), and tell the worker to skip the job.
        if (!this.pending.delete(id)) return;
        worker.postMessage({ type: 'cancel', id } satisfies ToRefitWorker);
        reject(new RefitCancelled('refit cancelled: its channel closed'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (r) => (settle(), resolve(r)),
        reject: (e) => (settle(), reject(e)),
      });
      // Copies, not transfers: the caller keeps its window's arrays.
      worker.postMessage({ type: 'refit', id, job } satisfies ToRefitWorker);
    });
  }

  prepare(): void {
    // A worker that fails to start is started again by the next refit, which reports the failure.
    if (!this.closed) this.start().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    this.failAll(new RefitError('refit worker closed'));
    if (worker) await worker.terminate();
  }

  private start(): Promise<Worker> {
    if (this.ready) return this.ready;
    const worker = startTsWorker(ENTRY, { data: { layoutThreads: this.options.layoutThreads ?? 1 } });
    this.worker = worker;
    this.ready = new Promise<Worker>((resolve, reject) => {
      const onFirst = (message: FromRefitWorker) => {
        if (message.type === 'ready') resolve(worker);
      };
      worker.on('message', onFirst);
      worker.on('message', (message: FromRefitWorker) => {
        if (message.type === 'ready') return;
        const waiter = this.pending.get(message.id);
        if (!waiter) return;
        this.pending.delete(message.id);
        if (message.type === 'done') waiter.resolve(message.result);
        else if (message.type === 'cancelled') waiter.reject(new RefitCancelled('refit cancelled: its channel closed'));
        else waiter.reject(new RefitError(`refit failed: ${message.error}`));
      });
      const died = (err: Error) => {
        if (this.worker === worker) {
          this.worker = null;
          this.ready = null;
        }
        reject(err);
        this.failAll(err);
      };
      worker.on('error', (err) => died(new RefitError(`refit worker crashed: ${err.message}`)));
      worker.on('exit', (code) => {
        if (!this.closed) died(new RefitError(`refit worker exited with code ${code}`));
      });
    });
    return this.ready;
  }

  private failAll(err: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(err);
    this.pending.clear();
  }
}
