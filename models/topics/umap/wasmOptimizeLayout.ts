import type { EdgeSchedule, SgdSettings } from './sgdPass';
import { WASM_SGD_MAX_DIMS, wasmSgdAvailable, WasmSgdKernel } from './WasmSgdKernel';
import { readRows, rowVectors, WasmMemoryPlan, writeEdges, writePowTables, writeRows } from './wasmSgdMemory';
import { rowBytes } from './wasmSgdModule';
import { UmapParamError } from './errors';

/**
 * Whether `settings` run on the WebAssembly kernel: 'js' never, 'wasm' always (an error where it cannot), 'auto'
 * where the runtime has WebAssembly SIMD (with shared memory for threads), the layout is at most WASM_SGD_MAX_DIMS
 * wide and its memory fits wasm32's addresses.
 *
 * @throws UmapParamError (INVALID_PARAM) for kernel 'wasm' where it cannot run
 */
export function useWasmKernel(settings: SgdSettings, plan: WasmMemoryPlan, shared = false): boolean {
  const choice = settings.kernel ?? 'auto';
  if (choice === 'js') return false;
  const problem = !wasmSgdAvailable(shared)
    ? 'this runtime has no WebAssembly SIMD'
    : settings.dims > WASM_SGD_MAX_DIMS
      ? `the layout has ${settings.dims} dimensions (at most ${WASM_SGD_MAX_DIMS})`
      : !plan.fits
        ? 'the schedule and layout need more than 2 GB of WebAssembly memory'
        : null;
  if (problem === null) return true;
  if (choice === 'wasm') throw new UmapParamError('INVALID_PARAM', `kernel 'wasm' cannot run: ${problem}`);
  return false;
}

/**
 * optimizeLayout's epochs on the WebAssembly kernel: copies the schedule and the rows into the kernel's memory, runs
 * `nEpochs` passes over every edge with one xorshift32 stream, and copies the rows back. Returns false, having done
 * nothing, where {@link useWasmKernel} says no. Heads and tails are one set of rows when `head === tail` (a fit).
 */
export function optimizeLayoutWasm(
  head: Float32Array,
  tail: Float32Array,
  nTail: number,
  schedule: EdgeSchedule,
  settings: SgdSettings,
  seedState: number,
): boolean {
  const { dims } = settings;
  const m = schedule.head.length;
  const same = head === tail;
  const stride = rowBytes(rowVectors(dims));
  const plan = new WasmMemoryPlan();
  const regions = plan.takeEdges(m);
  const headBase = plan.take((head.length / dims) * stride);
  const tailBase = same ? headBase : plan.take(nTail * stride);
  if (!useWasmKernel(settings, plan)) return false;
  const memory = plan.allocate(false);
  const buffer = memory.buffer;
  writePowTables(buffer, settings.b);
  writeEdges(buffer, regions, schedule, settings.negativeSampleRate);
  writeRows(buffer, headBase, head, dims);
  if (!same) writeRows(buffer, tailBase, tail.subarray(0, nTail * dims), dims);
  const kernel = new WasmSgdKernel(settings, memory, regions, false);
  let s = seedState | 0 || 1;
  for (let epoch = 0; epoch < settings.nEpochs; epoch++) s = kernel.pass(headBase, tailBase, nTail, 0, m, epoch, s);
  readRows(buffer, headBase, head, dims);
  if (!same && settings.moveOther) readRows(buffer, tailBase, tail.subarray(0, nTail * dims), dims);
  return true;
}
