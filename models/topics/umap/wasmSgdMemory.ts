import { startEdgeClocks, type EdgeSchedule } from './sgdPass';
import { POW_MANTISSA_OFFSET, POW_OCTAVE_OFFSET, POW_TABLE_BYTES, rowBytes } from './wasmSgdModule';

/*
 * The WebAssembly kernel's memory: x^b's tables at address 0 (the kernel reads them at constant offsets), then the
 * regions a WasmMemoryPlan hands out: the schedule's six arrays (head and tail row indices, epochs per sample, and the
 * clocks), and layouts as padded rows of ceil(dims / 4) f32x4 vectors whose lanes past `dims` are 0 (they stay 0: the
 * steps along them are 0). A fit has one set of rows for heads and tails; a transform has two; a parallel fit has the
 * shared layout and one private copy per thread.
 */

/** Bytes of a WebAssembly memory page. */
export const WASM_PAGE_BYTES = 65536;
/** wasm32 addresses: stay well inside them (a layout this big takes the JS kernel). */
export const WASM_MAX_PAGES = 32768;

/** f32x4 vectors per row of a `dims`-dimensional layout. */
export const rowVectors = (dims: number) => Math.ceil(dims / 4);

/** Byte addresses of the schedule's arrays in the kernel's memory. */
export interface WasmEdgeRegions {
  edgeHead: number;
  edgeTail: number;
  epochsPerSample: number;
  nextSample: number;
  epochsPerNegative: number;
  nextNegative: number;
}

/** Hands out 16-byte aligned regions of the kernel's memory after x^b's tables. */
export class WasmMemoryPlan {
  bytes = POW_TABLE_BYTES;

  take(bytes: number): number {
    const at = this.bytes;
    this.bytes += Math.ceil(bytes / 16) * 16;
    return at;
  }

  /** The schedule's six arrays for `edges` edges. */
  takeEdges(edges: number): WasmEdgeRegions {
    return {
      edgeHead: this.take(edges * 4),
      edgeTail: this.take(edges * 4),
      epochsPerSample: this.take(edges * 8),
      nextSample: this.take(edges * 8),
      epochsPerNegative: this.take(edges * 8),
      nextNegative: this.take(edges * 8),
    };
  }

  get pages(): number {
    return Math.max(1, Math.ceil(this.bytes / WASM_PAGE_BYTES));
  }

  /** Whether the plan fits the addresses the kernel may use. */
  get fits(): boolean {
    return this.pages <= WASM_MAX_PAGES;
  }

  /** A memory of the plan's size, shared (postable to workers) or not. */
  allocate(shared: boolean): WebAssembly.Memory {
    return new WebAssembly.Memory({ initial: this.pages, maximum: this.pages, shared });
  }
}

/** Writes x^b's tables (FastPow's: exponent factors and mantissa bins) at the start of `memory`. */
export function writePowTables(buffer: ArrayBufferLike, b: number): void {
  const octave = new Float64Array(buffer, POW_OCTAVE_OFFSET, 256);
  const mantissa = new Float64Array(buffer, POW_MANTISSA_OFFSET, 257);
  // Subnormal squared distances (below 1.2e-38) are read as 2^-126 (1 + m): their steps are clipped or negligible.
  for (let e = 0; e < 255; e++) octave[e] = Math.pow(2, (Math.max(1, e) - 127) * b);
  octave[255] = Infinity;
  for (let i = 0; i <= 256; i++) mantissa[i] = Math.pow(1 + i / 256, b);
}

/** Copies the schedule and its starting clocks into the regions. */
export function writeEdges(
  buffer: ArrayBufferLike,
  regions: WasmEdgeRegions,
  schedule: EdgeSchedule,
  negativeSampleRate: number,
): void {
  const m = schedule.head.length;
  new Int32Array(buffer, regions.edgeHead, m).set(schedule.head);
  new Int32Array(buffer, regions.edgeTail, m).set(schedule.tail);
  new Float64Array(buffer, regions.epochsPerSample, m).set(schedule.epochsPerSample);
  const at = [regions.nextSample, regions.epochsPerNegative, regions.nextNegative];
  let next = 0;
  startEdgeClocks(
    schedule.epochsPerSample,
    negativeSampleRate,
    (length) => new Float64Array(buffer, at[next++]!, length),
  );
}

/** Row-major `dims`-wide rows into the kernel's padded rows at `base` (the padding lanes must be, and stay, 0). */
export function writeRows(buffer: ArrayBufferLike, base: number, rows: Float32Array, dims: number): void {
  const n = rows.length / dims;
  const width = rowBytes(rowVectors(dims)) / 4;
  const target = new Float32Array(buffer, base, n * width);
  if (width === dims) target.set(rows);
  else for (let i = 0; i < n; i++) target.set(rows.subarray(i * dims, (i + 1) * dims), i * width);
}

/** The kernel's padded rows at `base` back into row-major `dims`-wide rows. */
export function readRows(buffer: ArrayBufferLike, base: number, rows: Float32Array, dims: number): void {
  const n = rows.length / dims;
  const width = rowBytes(rowVectors(dims)) / 4;
  const source = new Float32Array(buffer, base, n * width);
  if (width === dims) rows.set(source);
  else for (let i = 0; i < n; i++) rows.set(source.subarray(i * width, i * width + dims), i * dims);
}
