import type { SgdSettings } from './sgdPass';
import { rowVectors, type WasmEdgeRegions } from './wasmSgdMemory';
import { sgdModuleBytes, type SgdModuleShape } from './wasmSgdModule';

/** Widest layout the kernel is emitted for (rows of up to 16 f32x4 vectors); wider ones take the JS kernel. */
export const WASM_SGD_MAX_DIMS = 64;

/** Compiled kernels by shape: compiling takes about a millisecond, and a fit or a thread reuses its shape. */
const compiled = new Map<string, WebAssembly.Module>();
let simdSupport: boolean | undefined;

/** Whether this runtime compiles the kernel (WebAssembly with SIMD; shared memory too when `shared`). */
export function wasmSgdAvailable(shared = false): boolean {
  if (simdSupport === undefined) {
    try {
      const probe = { vectors: 1, moveOther: true, shared: false, batchNegatives: true };
      simdSupport = typeof WebAssembly === 'object' && WebAssembly.validate(sgdModuleBytes(probe));
    } catch {
      simdSupport = false;
    }
  }
  return simdSupport && (!shared || typeof SharedArrayBuffer === 'function');
}

/** The compiled kernel of a shape (cached). */
export function sgdModule(shape: SgdModuleShape): WebAssembly.Module {
  const key = `${shape.vectors}/${shape.moveOther}/${shape.shared}/${shape.batchNegatives}`;
  let module = compiled.get(key);
  if (!module) {
    module = new WebAssembly.Module(sgdModuleBytes(shape));
    compiled.set(key, module);
  }
  return module;
}

interface SgdExports {
  pass(...args: number[]): number;
  merge(layout: number, own: number, ownStride: number, threads: number, from: number, to: number): void;
}

/**
 * The WebAssembly SIMD layout kernel over one memory laid out by a {@link WasmMemoryPlan}: x^b's tables, the
 * schedule's arrays (`regions`) and padded layout rows. {@link WasmSgdKernel.pass} is SgdKernel.pass's epoch on the
 * rows at given addresses (float32 lanes, the head row in registers, negative samples batched per edge unless
 * settings.kernel is 'wasm-sequential').
 */
export class WasmSgdKernel {
  private readonly exports: SgdExports;

  constructor(
    readonly settings: SgdSettings,
    readonly memory: WebAssembly.Memory,
    private readonly regions: WasmEdgeRegions,
    shared: boolean,
  ) {
    const module = sgdModule({
      vectors: rowVectors(settings.dims),
      moveOther: settings.moveOther,
      shared,
      batchNegatives: settings.kernel !== 'wasm-sequential',
    });
    this.exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as SgdExports;
  }

  /**
   * One epoch of the SGD over the edges [from, to), heads at `headBase`, tails and negative samples at `tailBase`
   * (nTail rows; the same address in a fit).
   *
   * @returns the xorshift state after the pass's draws
   */
  pass(headBase: number, tailBase: number, nTail: number, from: number, to: number, epoch: number, state: number) {
    const { a, b, gamma, initialAlpha, nEpochs } = this.settings;
    const r = this.regions;
    return this.exports.pass(
      headBase,
      tailBase,
      r.edgeHead,
      r.edgeTail,
      r.epochsPerSample,
      r.nextSample,
      r.epochsPerNegative,
      r.nextNegative,
      from,
      to,
      nTail,
      state,
      epoch + 1,
      initialAlpha * (1 - epoch / nEpochs),
      a,
      2 * a * b,
      2 * gamma * b,
    );
  }

  /** layout += the moves of `threads` private copies (see wasmSgdModule's merge), over bytes [from, to). */
  merge(layout: number, own: number, ownStride: number, threads: number, from: number, to: number): void {
    this.exports.merge(layout, own, ownStride, threads, from, to);
  }
}
