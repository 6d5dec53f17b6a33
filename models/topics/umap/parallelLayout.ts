import { ChatTopicsError, type ErrorKind } from '../../errors/ChatTopicsError';
import { xorshift32 } from '../../random';
import { SgdKernel, startEdgeClocks, type EdgeSchedule, type SgdEdgeClocks, type SgdSettings } from './sgdPass';

/**
 * Everything the threads of one parallel layout share, as structured-cloneable data: every buffer is a
 * SharedArrayBuffer, so posting the job to a worker shares memory rather than copying it.
 */
export interface ParallelLayoutJob {
  n: number;
  threads: number;
  subRounds: number;
  settings: SgdSettings;
  seed: number;
  /** n x dims float32: the layout every thread reads at the start of a sub-round. */
  layout: SharedArrayBuffer;
  /** threads x n x dims float64: each thread's moves of the current sub-round. */
  deltas: SharedArrayBuffer;
  head: SharedArrayBuffer;
  tail: SharedArrayBuffer;
  epochsPerSample: SharedArrayBuffer;
  nextSample: SharedArrayBuffer;
  epochsPerNegative: SharedArrayBuffer;
  nextNegative: SharedArrayBuffer;
  /** Int32 [barrier generation, threads arrived, failed]. */
  control: SharedArrayBuffer;
}

/**
 * Runs threads 1..threads-1 of a job elsewhere (worker threads over the shared buffers); thread 0 runs on the caller.
 * The runtime provides one (models/runtime/LayoutThreadPool); the pure core only knows this shape.
 */
export interface LayoutExecutor {
  /** Threads a job gets, the caller's included. */
  readonly threads: number;
  /** Starts `runLayoutThread(job, t)` for t = 1..threads-1 and returns at once. */
  start(job: ParallelLayoutJob): void;
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

const sharedFloat64 = (length: number) => new Float64Array(new SharedArrayBuffer(length * 8));

/**
 * The job of a fit's layout over `threads` threads: the starting layout and the schedule copied into shared memory.
 *
 * @param subRounds sub-rounds per epoch: the threads see each other's moves only between them
 */
export function createParallelLayoutJob(
  layout: Float32Array,
  n: number,
  schedule: EdgeSchedule,
  settings: SgdSettings,
  seed: number,
  threads: number,
  subRounds: number,
): ParallelLayoutJob {
  const share = <T extends Float32Array | Float64Array | Int32Array>(source: T): SharedArrayBuffer => {
    const buffer = new SharedArrayBuffer(source.byteLength);
    new (source.constructor as new (b: SharedArrayBuffer) => T)(buffer).set(source as never);
    return buffer;
  };
  const clocks = startEdgeClocks(schedule.epochsPerSample, settings.negativeSampleRate, sharedFloat64);
  return {
    n,
    threads,
    subRounds,
    settings,
    seed,
    layout: share(layout),
    deltas: new SharedArrayBuffer(threads * layout.length * 8),
    head: share(schedule.head),
    tail: share(schedule.tail),
    epochsPerSample: share(schedule.epochsPerSample),
    nextSample: clocks.nextSample.buffer as SharedArrayBuffer,
    epochsPerNegative: clocks.epochsPerNegative.buffer as SharedArrayBuffer,
    nextNegative: clocks.nextNegative.buffer as SharedArrayBuffer,
    control: new SharedArrayBuffer(3 * 4),
  };
}

/**
 * One thread's share of a parallel layout. Thread t owns the t-th contiguous block of edges (edges are sorted by head,
 * so mostly the moves of its own block of points); each epoch's block is cut into `subRounds` slices. In a sub-round
 * each thread runs the sequential SGD over its slice on a private copy of the layout as it was at the start of the
 * sub-round, and records its moves; then every thread adds all threads' moves, in thread order, to its own rows of the
 * shared layout. No thread reads memory another writes within a phase, so the result depends only on the seed and the
 * number of threads and sub-rounds, never on timing.
 */
export class LayoutThread {
  private readonly layout: Float32Array;
  private readonly own: Float32Array;
  private readonly deltas: Float64Array;
  private readonly schedule: EdgeSchedule;
  private readonly clocks: SgdEdgeClocks;
  private readonly kernel: SgdKernel;
  private readonly edgeFrom: number;
  private readonly edgeTo: number;
  private readonly rowFrom: number;
  private readonly rowTo: number;
  private state: number;

  constructor(
    private readonly job: ParallelLayoutJob,
    readonly t: number,
  ) {
    const { n, threads, settings } = job;
    this.layout = new Float32Array(job.layout);
    this.own = new Float32Array(this.layout.length);
    this.deltas = new Float64Array(job.deltas);
    this.schedule = {
      head: new Int32Array(job.head),
      tail: new Int32Array(job.tail),
      epochsPerSample: new Float64Array(job.epochsPerSample),
    };
    this.clocks = {
      nextSample: new Float64Array(job.nextSample),
      epochsPerNegative: new Float64Array(job.epochsPerNegative),
      nextNegative: new Float64Array(job.nextNegative),
    };
    this.kernel = new SgdKernel(settings);
    const m = this.schedule.head.length;
    this.edgeFrom = Math.floor((m * t) / threads);
    this.edgeTo = Math.floor((m * (t + 1)) / threads);
    this.rowFrom = Math.floor((n * t) / threads) * settings.dims;
    this.rowTo = Math.floor((n * (t + 1)) / threads) * settings.dims;
    // A stream per thread, drawn from the seed: the same thread count gives the same draws.
    let s = (job.seed ^ Math.imul(t + 1, 0x9e3779b9)) | 0 || 1;
    for (let i = 0; i < 4; i++) s = xorshift32(s);
    this.state = s;
  }

  /** Phase 1 of sub-round `r` of `epoch`: SGD over this thread's slice on a private copy; its moves into its deltas. */
  compute(epoch: number, r: number): void {
    const { own, layout } = this;
    own.set(layout);
    const span = this.edgeTo - this.edgeFrom;
    const from = this.edgeFrom + Math.floor((span * r) / this.job.subRounds);
    const to = this.edgeFrom + Math.floor((span * (r + 1)) / this.job.subRounds);
    this.state = this.kernel.pass(own, own, this.job.n, this.schedule, this.clocks, from, to, epoch, this.state);
    const base = this.t * own.length;
    // Exact: the difference of two float32 values is a float64 without rounding.
    for (let i = 0; i < own.length; i++) this.deltas[base + i] = own[i]! - layout[i]!;
  }

  /** Phase 2: this thread's rows of the shared layout += every thread's deltas, in thread order. */
  merge(): void {
    const { layout, deltas } = this;
    const size = layout.length;
    const threads = this.job.threads;
    for (let i = this.rowFrom; i < this.rowTo; i++) {
      let v = layout[i]!;
      for (let q = 0; q < threads; q++) v += deltas[q * size + i]!;
      layout[i] = v;
    }
  }
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
    const thread = new LayoutThread(job, t);
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
  const threads = Array.from({ length: job.threads }, (_, t) => new LayoutThread(job, t));
  for (let epoch = 0; epoch < job.settings.nEpochs; epoch++)
    for (let r = 0; r < job.subRounds; r++) {
      for (const thread of threads) thread.compute(epoch, r);
      for (const thread of threads) thread.merge();
    }
}

/**
 * The fit's layout SGD split over the executor's threads (see {@link LayoutThread}): the same schedule, step sizes
 * and number of samples as `optimizeLayout`, a different (per-thread) negative-sample stream, and each thread seeing
 * the others' moves only between sub-rounds. Reproducible for a given seed, thread count and sub-round count.
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
  const job = createParallelLayoutJob(layout, n, schedule, settings, seed, threads, subRounds);
  if (executor && executor.threads === threads && threads > 1) {
    executor.start(job);
    runLayoutThread(job, 0);
  } else {
    runLayoutThreadsInline(job);
  }
  layout.set(new Float32Array(job.layout));
}
