import { xorshift32 } from '../../random';
import { startEdgeClocks, type EdgeSchedule, type SgdSettings } from './sgdPass';
import { useWasmKernel } from './wasmOptimizeLayout';
import {
  rowVectors,
  WasmMemoryPlan,
  writeEdges,
  writePowTables,
  writeRows,
  type WasmEdgeRegions,
} from './wasmSgdMemory';
import { rowBytes } from './wasmSgdModule';

/** The JS kernel's shared state: every buffer a SharedArrayBuffer. */
export interface JsSharedLayout {
  kind: 'js';
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
}

/**
 * The WebAssembly kernel's shared state: one shared memory (posting it to a worker shares it) holding x^b's tables,
 * the schedule, the layout and each thread's private copy of it, all as padded rows (see WasmSgdKernel).
 */
export interface WasmSharedLayout {
  kind: 'wasm';
  memory: WebAssembly.Memory;
  regions: WasmEdgeRegions;
  edges: number;
  /** Byte address of the layout every thread reads at the start of a sub-round. */
  layout: number;
  /** Byte address of thread 0's copy; thread t's is at own + t * rowsBytes. */
  own: number;
  /** Bytes of one copy of the layout (n padded rows). */
  rowsBytes: number;
}

/**
 * Everything the threads of one parallel layout share, as structured-cloneable data: posting the job to a worker
 * shares its memory rather than copying it.
 */
export interface ParallelLayoutJob {
  n: number;
  threads: number;
  subRounds: number;
  settings: SgdSettings;
  seed: number;
  shared: JsSharedLayout | WasmSharedLayout;
  /** Int32 [barrier generation, threads arrived, failed]. */
  control: SharedArrayBuffer;
}

const sharedFloat64 = (length: number) => new Float64Array(new SharedArrayBuffer(length * 8));

function jsShared(
  layout: Float32Array,
  schedule: EdgeSchedule,
  settings: SgdSettings,
  threads: number,
): JsSharedLayout {
  const share = <T extends Float32Array | Float64Array | Int32Array>(source: T): SharedArrayBuffer => {
    const buffer = new SharedArrayBuffer(source.byteLength);
    new (source.constructor as new (b: SharedArrayBuffer) => T)(buffer).set(source as never);
    return buffer;
  };
  const clocks = startEdgeClocks(schedule.epochsPerSample, settings.negativeSampleRate, sharedFloat64);
  return {
    kind: 'js',
    layout: share(layout),
    deltas: new SharedArrayBuffer(threads * layout.length * 8),
    head: share(schedule.head),
    tail: share(schedule.tail),
    epochsPerSample: share(schedule.epochsPerSample),
    nextSample: clocks.nextSample.buffer as SharedArrayBuffer,
    epochsPerNegative: clocks.epochsPerNegative.buffer as SharedArrayBuffer,
    nextNegative: clocks.nextNegative.buffer as SharedArrayBuffer,
  };
}

/**
 * Hands out a shared memory of at least `pages` pages for a job, zeroed (the kernel's padded rows rely on it): a
 * memory the executor keeps from job to job (see `LayoutExecutor.sharedMemory`).
 */
export type SharedMemorySource = (pages: number) => WebAssembly.Memory;

/** The WebAssembly kernel's shared memory for the job, or null where settings.kernel and the runtime say JS. */
function wasmShared(
  layout: Float32Array,
  n: number,
  schedule: EdgeSchedule,
  settings: SgdSettings,
  threads: number,
  memoryFor?: SharedMemorySource,
): WasmSharedLayout | null {
  const rowsBytes = n * rowBytes(rowVectors(settings.dims));
  const plan = new WasmMemoryPlan();
  const regions = plan.takeEdges(schedule.head.length);
  const layoutAt = plan.take(rowsBytes);
  const own = plan.take(threads * rowsBytes);
  if (!useWasmKernel(settings, plan, true)) return null;
  const memory = memoryFor ? memoryFor(plan.pages) : plan.allocate(true);
  writePowTables(memory.buffer, settings.b);
  writeEdges(memory.buffer, regions, schedule, settings.negativeSampleRate);
  writeRows(memory.buffer, layoutAt, layout, settings.dims);
  return { kind: 'wasm', memory, regions, edges: schedule.head.length, layout: layoutAt, own, rowsBytes };
}

/**
 * The job of a fit's layout over `threads` threads: the starting layout and the schedule copied into shared memory,
 * for the kernel settings.kernel picks (the WebAssembly one by default).
 *
 * @param subRounds sub-rounds per epoch: the threads see each other's moves only between them
 * @param memoryFor where the WebAssembly kernel's shared memory comes from (default: a new one for this job)
 */
export function createParallelLayoutJob(
  layout: Float32Array,
  n: number,
  schedule: EdgeSchedule,
  settings: SgdSettings,
  seed: number,
  threads: number,
  subRounds: number,
  memoryFor?: SharedMemorySource,
): ParallelLayoutJob {
  const shared =
    wasmShared(layout, n, schedule, settings, threads, memoryFor) ?? jsShared(layout, schedule, settings, threads);
  return { n, threads, subRounds, settings, seed, shared, control: new SharedArrayBuffer(3 * 4) };
}

/** Thread t's share of a job: its block of edges, its block of rows (in rows, not values) and its draws. */
export interface ThreadShare {
  edgeFrom: number;
  edgeTo: number;
  rowFrom: number;
  rowTo: number;
  /** The thread's own xorshift32 stream, drawn from the seed: the same thread count gives the same draws. */
  state: number;
}

export function threadShare(job: ParallelLayoutJob, t: number, edges: number): ThreadShare {
  const { n, threads } = job;
  let s = (job.seed ^ Math.imul(t + 1, 0x9e3779b9)) | 0 || 1;
  for (let i = 0; i < 4; i++) s = xorshift32(s);
  return {
    edgeFrom: Math.floor((edges * t) / threads),
    edgeTo: Math.floor((edges * (t + 1)) / threads),
    rowFrom: Math.floor((n * t) / threads),
    rowTo: Math.floor((n * (t + 1)) / threads),
    state: s,
  };
}

/** The edges [from, to) of sub-round r of a thread's block. */
export function subRoundSlice(share: ThreadShare, r: number, subRounds: number): [number, number] {
  const span = share.edgeTo - share.edgeFrom;
  return [
    share.edgeFrom + Math.floor((span * r) / subRounds),
    share.edgeFrom + Math.floor((span * (r + 1)) / subRounds),
  ];
}
