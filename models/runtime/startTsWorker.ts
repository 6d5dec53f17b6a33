import { Worker, type WorkerOptions } from 'node:worker_threads';
import { TSX_EXEC_ARGV } from './tsxLoader';

/** Imports `workerData.entry` inside the thread, registering tsx there itself on Node versions that need it. */
const BOOT = new URL('./tsWorkerBoot.mjs', import.meta.url);

export interface TsWorkerOptions extends Omit<WorkerOptions, 'workerData' | 'execArgv' | 'eval'> {
  /** What the worker reads as `workerData` (its `entry` key is taken by the entry's URL). */
  data?: Record<string, unknown>;
}

/**
 * Starts a `worker_threads` Worker running a TypeScript module through tsx, the same under vitest, the CLI and the
 * server (none of them runs compiled JavaScript). The caller owns the worker: its messages, errors, exit and
 * termination.
 *
 * @param entry the module's file URL, e.g. `new URL('./embedWorker.ts', import.meta.url)`
 * @param options `data` for `workerData`, and any other Worker option (resourceLimits, name...)
 * @example
 * const worker = startTsWorker(new URL('./refitWorker.ts', import.meta.url));
 * worker.on('message', onMessage);
 */
export function startTsWorker(entry: URL, options: TsWorkerOptions = {}): Worker {
  const { data, ...workerOptions } = options;
  return new Worker(BOOT, {
    ...workerOptions,
    workerData: { ...data, entry: entry.href },
    execArgv: [...TSX_EXEC_ARGV],
  });
}
