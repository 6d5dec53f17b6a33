import { ChatTopicsError, type ErrorKind } from '../../errors/ChatTopicsError';
import { JsLayoutThread } from './jsLayoutThread';
import { createParallelLayoutJob, type ParallelLayoutJob } from './parallelLayoutJob';
import type { EdgeSchedule, SgdSettings } from './sgdPass';
import { WasmLayoutThread } from './wasmLayoutThread';

export { createParallelLayoutJob, type ParallelLayoutJob } from './parallelLayoutJob';

/**
 * Runs threads 1..threads-1 of a job elsewhere (worker threads over the shared buffers); thread 0 runs on the caller.
 * The runtime provides one (models/runtime/LayoutThreadPool); the pure core only knows this shape.
 */
export interface LayoutExecutor {
  /** Threads a job gets, the caller's included. */
  readonly threads: number;
  /** Starts `runLayoutThread(job, t)` for t = 1..threads-1 and returns at once. */
  start(job: ParallelLayoutJob): void;
  /**
   * A zeroed shared memory of at least `pages` pages for the next job's WebAssembly kernel, kept from job to job.
   * Without it each job gets a memory of its own, and posting it to a worker keeps it alive there until that
   * worker's garbage collector runs, which a worker's small heap seldom asks for: a windowed analysis of 100k
   * messages grew by about 12 MB a window that way (800 MB in all).
   */
  sharedMemory?(pages: number): WebAssembly.Memory;
}

const GENERATION = 0;
const ARRIVED = 1;
const FAILED = 2;
/** Spins on the barrier this many times before sleeping on it: sub-rounds last about a millisecond. */
const SPINS = 4000;
/** A thread that waits this long at a barrier gives up (a worker that died cannot say so while the caller waits). */
const BARRIER_TIMEOUT_MS = 60_000;

/** A layout thread failed or stopped answering: our machinery, not the caller's input. */
export class ParallelLayoutError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'internal';
}

/**
 * One thread's share of a parallel layout. Thread t owns the t-th contiguous block of edges (edges are sorted by head,
 * so mostly the moves of its own block of points); each epoch's block is cut into `subRounds` slices. In a sub-round
 * each thread runs the sequential SGD over its slice on a private copy of the layout as it was at the start of the
 * sub-round (`compute`); then every thread adds all threads' moves, in thread order, to its own rows of the shared
 * layout (`merge`). No thread reads memory another writes within a phase, so the result depends only on the seed,
 * the kernel and the number of threads and sub-rounds, never on timing.
 */
interface LayoutThread {
  compute(epoch: number, r: number): void;
  merge(): void;
}

function layoutThread(job: ParallelLayoutJob, t: number): LayoutThread {
  return job.shared.kind === 'wasm' ? new WasmLayoutThread(job, job.shared, t) : new JsLayoutThread(job, job.shared, t);
}

/** Waits until every thread has arrived (a counting barrier with a generation number); throws if a thread failed. */
function barrier(control: Int32Array, threads: number, generation: number): void {
  if (Atomics.add(control, ARRIVED, 1) === threads - 1) {
    Atomics.store(control, ARRIVED, 0);
    Atomics.store(control, GENERATION, generation);
    Atomics.notify(control, GENERATION);
    return;
  }
  const started = Date.now();
  let spins = 0;
  while (Atomics.load(control, GENERATION) < generation) {
    if (Atomics.load(control, FAILED) !== 0) throw new ParallelLayoutError('another layout thread failed');
    if (++spins > SPINS) {
      Atomics.wait(control, GENERATION, Atomics.load(control, GENERATION), 50);
      if (Date.now() - started > BARRIER_TIMEOUT_MS)
        throw new ParallelLayoutError(`a layout thread did not reach the barrier within ${BARRIER_TIMEOUT_MS} ms`);
    }
  }
}

/**
 * Thread `t` of a job, from start to end, meeting the others at a barrier after each phase. An error marks the job
 * failed (so the others stop waiting) and is rethrown.
 */
export function runLayoutThread(job: ParallelLayoutJob, t: number): void {
  const control = new Int32Array(job.control);
  try {
    const thread = layoutThread(job, t);
    let generation = 0;
    for (let epoch = 0; epoch < job.settings.nEpochs; epoch++)
      for (let r = 0; r < job.subRounds; r++) {
        thread.compute(epoch, r);
        barrier(control, job.threads, ++generation);
        thread.merge();
        barrier(control, job.threads, ++generation);
      }
  } catch (err) {
    Atomics.store(control, FAILED, 1);
    Atomics.notify(control, GENERATION);
    throw err;
  }
}

/**
 * Every thread of a job on the calling thread, phase by phase in thread order: the same result as real threads, bit
 * for bit (no thread reads what another writes within a phase). For tests and for a machine without workers.
 */
export function runLayoutThreadsInline(job: ParallelLayoutJob): void {
  const threads = Array.from({ length: job.threads }, (_, t) => layoutThread(job, t));
  for (let epoch = 0; epoch < job.settings.nEpochs; epoch++)
    for (let r = 0; r < job.subRounds; r++) {
      for (const thread of threads) thread.compute(epoch, r);
      for (const thread of threads) thread.merge();
    }
}

/**
 * The fit's layout SGD split over the executor's threads (see {@link LayoutThread}): the same schedule, step sizes
 * and number of samples as `optimizeLayout`, a different (per-thread) negative-sample stream, and each thread seeing
 * the others' moves only between sub-rounds. Reproducible for a given seed, thread count, sub-round count and
 * kernel (settings.kernel: the WebAssembly one by default, its memory shared with the workers).
 * Mutates `layout` (a fit: heads and tails are the same points).
 *
 * @param executor runs the other threads; without one (or with one thread) every thread runs here, inline
 * @example optimizeLayoutParallel(embedding, n, edgeSchedule(graph, 200), settings, seed, pool, 8);
 */
export function optimizeLayoutParallel(
  layout: Float32Array,
  n: number,
  schedule: EdgeSchedule,
  settings: SgdSettings,
  seed: number,
  executor: LayoutExecutor | null,
  subRounds: number,
  threads = executor?.threads ?? 1,
): void {
  const pooled = executor !== null && executor.threads === threads && threads > 1;
  const memoryFor = pooled && executor.sharedMemory ? (pages: number) => executor.sharedMemory!(pages) : undefined;
  const job = createParallelLayoutJob(layout, n, schedule, settings, seed, threads, subRounds, memoryFor);
  if (pooled) {
    executor.start(job);
    runLayoutThread(job, 0);
  } else {
    runLayoutThreadsInline(job);
  }
  if (job.shared.kind === 'wasm') WasmLayoutThread.read(job.shared, settings.dims, layout);
  else JsLayoutThread.read(job.shared, layout);
}
