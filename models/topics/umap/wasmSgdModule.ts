import { CodeWriter, emitWasmModule, MiscOp, Op, SimdOp, WasmType, type WasmValueType } from './wasmEmitter';

/**
 * x^b's tables at the start of the kernel's memory: (2^e)^b for the 256 float32 biased exponents (f64), then m^b at
 * m = 1 + i / 256, i = 0..256 (f64): FastPow's scheme, read by the kernel with constant offsets.
 */
export const POW_OCTAVE_OFFSET = 0;
export const POW_MANTISSA_OFFSET = 256 * 8;
/** Bytes of the tables, a multiple of 16 so that what follows stays aligned. */
export const POW_TABLE_BYTES = 4112;
/** Mantissa bits below the table's 8-bit bin index. */
const FRACTION_BITS = 15;

/** One row of a layout in the kernel's memory: `vectors` f32x4 lanes groups, the lanes past `dims` held at 0. */
export const rowBytes = (vectors: number) => 16 * vectors;

export interface SgdModuleShape {
  /** f32x4 vectors per layout row: ceil(dims / 4). */
  vectors: number;
  /** Fit (both ends of a positive edge move) or transform (only the head). */
  moveOther: boolean;
  /** Import a shared memory (threads) or a plain one. */
  shared: boolean;
  /**
   * An edge's negative samples all measured from its head as the positive step left it, their clipped steps summed
   * and added at the end, so that the CPU overlaps them (umap-learn moves the head after each: a chain of dependent
   * float operations per sample, which bounds the sequential kernel). Identical when an edge draws one at a time.
   */
  batchNegatives: boolean;
}

const { i32, f32, f64, v128 } = WasmType;

/**
 * `pass` parameters, in order (see {@link sgdModuleBytes}): byte addresses first, then counts, the xorshift state
 * and the float settings.
 */
const PASS_PARAMS = {
  headBase: [0, i32],
  tailBase: [1, i32],
  edgeHead: [2, i32],
  edgeTail: [3, i32],
  epochsPerSample: [4, i32],
  nextSample: [5, i32],
  epochsPerNegative: [6, i32],
  nextNegative: [7, i32],
  from: [8, i32],
  to: [9, i32],
  nTail: [10, i32],
  state: [11, i32],
  now: [12, f64],
  alpha: [13, f64],
  a: [14, f64],
  twoAB: [15, f64],
  twoGammaB: [16, f64],
} as const satisfies Record<string, readonly [number, WasmValueType]>;

/** Allocates locals after the parameters, naming them as it goes. */
class Locals {
  readonly types: WasmValueType[] = [];
  constructor(private readonly first: number) {}
  add(type: WasmValueType): number {
    this.types.push(type);
    return this.first + this.types.length - 1;
  }
}

/** Sum of the four lanes of the v128 on the stack (as f32), through `scratch`: two shuffles and two adds. */
function horizontalSum(c: CodeWriter, scratch: number): void {
  const swapHalves = [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];
  const swapPairs = [4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11];
  c.tee(scratch)
    .get(scratch)
    .get(scratch)
    .simd(SimdOp.i8x16Shuffle, ...swapHalves)
    .simd(SimdOp.f32x4Add);
  c.tee(scratch)
    .get(scratch)
    .get(scratch)
    .simd(SimdOp.i8x16Shuffle, ...swapPairs)
    .simd(SimdOp.f32x4Add);
  c.simd(SimdOp.f32x4ExtractLane, 0);
}

/** Squared length of the row difference held in the `diff` locals, as an f32 on the stack. */
function squaredLength(c: CodeWriter, diff: number[], scratch: number): void {
  diff.forEach((d, v) => {
    c.get(d).get(d).simd(SimdOp.f32x4Mul);
    if (v > 0) c.simd(SimdOp.f32x4Add);
  });
  horizontalSum(c, scratch);
}

/** x^b (f64 on the stack) for the positive f32 in local `x`, from the tables at address 0 (see FastPow). */
function power(c: CodeWriter, x: number, bits: number, bin: number, low: number): void {
  c.get(x).op(Op.i32ReinterpretF32).tee(bits).i32(23).op(Op.i32ShrU).i32(3).op(Op.i32Shl);
  c.memory(Op.f64Load, 3, POW_OCTAVE_OFFSET);
  // The bin's byte offset: the top 8 mantissa bits times 8.
  c.get(bits)
    .i32(FRACTION_BITS - 3)
    .op(Op.i32ShrU)
    .i32(0xff << 3)
    .op(Op.i32And)
    .tee(bin);
  c.memory(Op.f64Load, 3, POW_MANTISSA_OFFSET).tee(low);
  c.get(bits)
    .i32((1 << FRACTION_BITS) - 1)
    .op(Op.i32And)
    .op(Op.f64ConvertI32S)
    .f64(1 / (1 << FRACTION_BITS));
  c.op(Op.f64Mul);
  c.get(bin)
    .memory(Op.f64Load, 3, POW_MANTISSA_OFFSET + 8)
    .get(low)
    .op(Op.f64Sub)
    .op(Op.f64Mul)
    .op(Op.f64Add);
  c.op(Op.f64Mul);
}

/** The clipped step c * diff, clamped to [-limit, limit], on the stack (pmin/pmax: NaN passes, as in the JS). */
function clippedStep(c: CodeWriter, coeff: number, diff: number, limit: number, negLimit: number): void {
  c.get(coeff).get(diff).simd(SimdOp.f32x4Mul);
  c.get(negLimit).simd(SimdOp.f32x4Pmax).get(limit).simd(SimdOp.f32x4Pmin);
}

/** address = base + index(int32 at table + e * 4) * rowBytes. */
function rowAddress(c: CodeWriter, base: number, table: number, e: number, stride: number): void {
  c.get(base).get(table).get(e).i32(2).op(Op.i32Shl).op(Op.i32Add).memory(Op.i32Load, 2);
  c.i32(stride).op(Op.i32Mul).op(Op.i32Add);
}

/**
 * The SGD epoch over edges [from, to) — SgdKernel.pass's algorithm in f32x4 lanes, its negative samples batched
 * per edge with `batchNegatives` — as a wasm function body. The head row stays in registers while its negative
 * samples move it, so a negative sample that draws the head itself is skipped by address (where the JS kernel finds
 * it at distance 0 and skips it too).
 */
function passFunction(shape: SgdModuleShape) {
  const P = Object.fromEntries(Object.entries(PASS_PARAMS).map(([k, [index]]) => [k, index])) as {
    [K in keyof typeof PASS_PARAMS]: number;
  };
  const params = Object.values(PASS_PARAMS).map(([, type]) => type);
  const L = new Locals(params.length);
  const e = L.add(i32);
  const head = L.add(i32);
  const tailRow = L.add(i32);
  const negRow = L.add(i32);
  const negatives = L.add(i32);
  const bits = L.add(i32);
  const bin = L.add(i32);
  const address = L.add(i32);
  const state = P.state;
  const d2 = L.add(f32);
  const pb = L.add(f64);
  const low = L.add(f64);
  const due = L.add(f64);
  const perNegative = L.add(f64);
  const negClock = L.add(f64);
  const posScale = L.add(f64);
  const negScale = L.add(f64);
  const limit = L.add(v128);
  const negLimit = L.add(v128);
  const coeff = L.add(v128);
  const step = L.add(v128);
  const scratch = L.add(v128);
  const V = shape.vectors;
  const stride = rowBytes(V);
  const h = Array.from({ length: V }, () => L.add(v128));
  const t = Array.from({ length: V }, () => L.add(v128));
  const diff = Array.from({ length: V }, () => L.add(v128));
  const acc = shape.batchNegatives ? Array.from({ length: V }, () => L.add(v128)) : h;
  const c = new CodeWriter();
  const clockAddress = (table: number) => c.get(table).get(e).i32(3).op(Op.i32Shl).op(Op.i32Add);

  // Step bounds, the scales of both gradients.
  c.get(P.alpha).f64(4).op(Op.f64Mul).op(Op.f32DemoteF64).simd(SimdOp.f32x4Splat).tee(limit);
  c.simd(SimdOp.f32x4Neg).set(negLimit);
  c.get(P.twoAB).get(P.alpha).op(Op.f64Mul).op(Op.f64Neg).set(posScale);
  c.get(P.twoGammaB).get(P.alpha).op(Op.f64Mul).set(negScale);
  c.get(P.from).set(e);
  c.block().loop();
  c.get(e).get(P.to).op(Op.i32GeS).brIf(1);
  clockAddress(P.nextSample).tee(address).memory(Op.f64Load, 3).tee(due).get(P.now).op(Op.f64Le);
  c.if();
  {
    // The positive sample: head towards tail.
    rowAddress(c, P.headBase, P.edgeHead, e, stride);
    c.set(head);
    rowAddress(c, P.tailBase, P.edgeTail, e, stride);
    c.set(tailRow);
    h.forEach((hv, v) =>
      c
        .get(head)
        .simdMemory(SimdOp.v128Load, 16 * v)
        .set(hv),
    );
    h.forEach((hv, v) =>
      c
        .get(hv)
        .get(tailRow)
        .simdMemory(SimdOp.v128Load, 16 * v)
        .tee(t[v]!)
        .simd(SimdOp.f32x4Sub)
        .set(diff[v]!),
    );
    squaredLength(c, diff, scratch);
    c.tee(d2).f32(0).op(Op.f32Gt).if();
    {
      power(c, d2, bits, bin, low);
      c.set(pb);
      c.get(posScale).get(pb).op(Op.f64Mul);
      c.get(d2).op(Op.f64PromoteF32).get(P.a).get(pb).op(Op.f64Mul).f64(1).op(Op.f64Add).op(Op.f64Mul);
      // Bounded before the f32 conversion so that an overflow cannot turn the zero lanes past `dims` into NaN.
      c.op(Op.f64Div).f64(-3e38).op(Op.f64Max).op(Op.f32DemoteF64).simd(SimdOp.f32x4Splat).set(coeff);
      h.forEach((hv, v) => {
        clippedStep(c, coeff, diff[v]!, limit, negLimit);
        c.tee(step).get(hv).simd(SimdOp.f32x4Add).set(hv);
        if (shape.moveOther)
          c.get(tailRow)
            .get(t[v]!)
            .get(step)
            .simd(SimdOp.f32x4Sub)
            .simdMemory(SimdOp.v128Store, 16 * v);
      });
    }
    c.end();
    // Clocks: the next positive sample, then how many negative samples are due.
    c.get(address).get(due);
    clockAddress(P.epochsPerSample).memory(Op.f64Load, 3).op(Op.f64Add).memory(Op.f64Store, 3);
    c.get(P.now);
    clockAddress(P.nextNegative).tee(address).memory(Op.f64Load, 3).tee(negClock).op(Op.f64Sub);
    clockAddress(P.epochsPerNegative).memory(Op.f64Load, 3).tee(perNegative).op(Op.f64Div).op(Op.f64Floor);
    // Saturating: an infinite period (no negative samples) gives NaN here, and 0 samples.
    c.misc(MiscOp.i32TruncSatF64S).tee(negatives).i32(0).op(Op.i32GtS).if();
    {
      c.get(address).get(negClock).get(negatives).op(Op.f64ConvertI32S).get(perNegative).op(Op.f64Mul);
      c.op(Op.f64Add).memory(Op.f64Store, 3);
      if (shape.batchNegatives) acc.forEach((av) => c.f32(0).simd(SimdOp.f32x4Splat).set(av));
      c.loop();
      {
        // xorshift32 (13, 17, 5), then a row by multiplication: floor(s * nTail / 2^32), as the JS kernel draws.
        c.get(state).get(state).i32(13).op(Op.i32Shl).op(Op.i32Xor).set(state);
        c.get(state).get(state).i32(17).op(Op.i32ShrU).op(Op.i32Xor).set(state);
        c.get(state).get(state).i32(5).op(Op.i32Shl).op(Op.i32Xor).tee(state);
        c.op(Op.i64ExtendI32U).get(P.nTail).op(Op.i64ExtendI32U).op(Op.i64Mul).i64(32).op(Op.i64ShrU);
        c.op(Op.i32WrapI64).i32(stride).op(Op.i32Mul).get(P.tailBase).op(Op.i32Add).tee(negRow);
        c.get(head).op(Op.i32Ne).if();
        {
          h.forEach((hv, v) =>
            c
              .get(hv)
              .get(negRow)
              .simdMemory(SimdOp.v128Load, 16 * v)
              .simd(SimdOp.f32x4Sub)
              .set(diff[v]!),
          );
          squaredLength(c, diff, scratch);
          c.tee(d2).f32(0).op(Op.f32Gt).if();
          {
            power(c, d2, bits, bin, low);
            c.set(pb);
            c.get(negScale);
            c.get(d2).op(Op.f64PromoteF32).f64(0.001).op(Op.f64Add);
            c.get(P.a).get(pb).op(Op.f64Mul).f64(1).op(Op.f64Add).op(Op.f64Mul);
            c.op(Op.f64Div).f64(3e38).op(Op.f64Min).op(Op.f32DemoteF64).simd(SimdOp.f32x4Splat).set(coeff);
            h.forEach((hv, v) => {
              clippedStep(c, coeff, diff[v]!, limit, negLimit);
              c.get(acc[v]!).simd(SimdOp.f32x4Add).set(acc[v]!);
            });
          }
          c.end();
        }
        c.end();
        c.get(negatives).i32(1).op(Op.i32Sub).tee(negatives).i32(0).op(Op.i32GtS).brIf(0);
      }
      c.end();
      if (shape.batchNegatives) h.forEach((hv, v) => c.get(hv).get(acc[v]!).simd(SimdOp.f32x4Add).set(hv));
    }
    c.end();
    h.forEach((hv, v) =>
      c
        .get(head)
        .get(hv)
        .simdMemory(SimdOp.v128Store, 16 * v),
    );
  }
  c.end();
  c.get(e).i32(1).op(Op.i32Add).set(e).br(0);
  c.end().end();
  c.get(state);
  return { name: 'pass', params, results: [i32], locals: L.types, code: c };
}

/**
 * `merge(layout, own, ownStride, threads, from, to)`: for the bytes [from, to) of the layout (16-byte steps),
 * layout += sum over threads q, in order, of (own_q - layout), own_q at own + q * ownStride. Each thread's moves of a
 * sub-round, added in a fixed order: the parallel layout's merge phase.
 */
function mergeFunction() {
  const [layout, own, ownStride, threads, from, to] = [0, 1, 2, 3, 4, 5];
  const L = new Locals(6);
  const at = L.add(i32);
  const q = L.add(i32);
  const ownAt = L.add(i32);
  const start = L.add(v128);
  const sum = L.add(v128);
  const c = new CodeWriter();
  c.get(from).set(at);
  c.block().loop();
  c.get(at).get(to).op(Op.i32GeU).brIf(1);
  c.get(layout).get(at).op(Op.i32Add).simdMemory(SimdOp.v128Load).tee(start).set(sum);
  c.get(own).get(at).op(Op.i32Add).set(ownAt);
  c.i32(0).set(q);
  c.loop();
  c.get(sum).get(ownAt).simdMemory(SimdOp.v128Load).get(start).simd(SimdOp.f32x4Sub).simd(SimdOp.f32x4Add).set(sum);
  c.get(ownAt).get(ownStride).op(Op.i32Add).set(ownAt);
  c.get(q).i32(1).op(Op.i32Add).tee(q).get(threads).op(Op.i32LtU).brIf(0);
  c.end();
  c.get(layout).get(at).op(Op.i32Add).get(sum).simdMemory(SimdOp.v128Store);
  c.get(at).i32(16).op(Op.i32Add).set(at).br(0);
  c.end().end();
  return { name: 'merge', params: [i32, i32, i32, i32, i32, i32], results: [], locals: L.types, code: c };
}

/**
 * The layout SGD kernel as a WebAssembly module (SIMD): exports `pass` (one epoch over a range of edges, returns the
 * xorshift state) and `merge` (the parallel layout's merge phase). It imports env.memory, laid out by WasmSgdMemory.
 * The arithmetic is float32 in the lanes (distances, steps) and float64 for each sample's coefficient, x^b and the
 * schedule's clocks; the same inputs give the same bits on every machine (no relaxed SIMD).
 */
export function sgdModuleBytes(shape: SgdModuleShape): Uint8Array<ArrayBuffer> {
  if (!Number.isInteger(shape.vectors) || shape.vectors < 1)
    throw new RangeError(`sgdModuleBytes: vectors must be an integer >= 1, got ${shape.vectors}`);
  return emitWasmModule({
    memory: { shared: shape.shared, minPages: 1, maxPages: 65536 },
    functions: [passFunction(shape), mergeFunction()],
  });
}

export const SGD_PASS_PARAM_COUNT = Object.keys(PASS_PARAMS).length;
