import { describe, expect, it } from 'vitest';
import {
  CodeWriter,
  emitWasmModule,
  MiscOp,
  Op,
  signedLeb128,
  SimdOp,
  unsignedLeb128,
  WasmType,
  type WasmFunction,
} from './wasmEmitter';

const { i32, f64 } = WasmType;

function instantiate(functions: WasmFunction[], shared = false) {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared });
  const bytes = emitWasmModule({ memory: { shared, minPages: 1, maxPages: 1 }, functions });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  return { exports: instance.exports as Record<string, (...args: number[]) => number>, memory };
}

describe('LEB128', () => {
  it('encodes unsigned values as the specification examples and boundaries say', () => {
    expect(unsignedLeb128(0)).toEqual([0]);
    expect(unsignedLeb128(127)).toEqual([0x7f]);
    expect(unsignedLeb128(128)).toEqual([0x80, 0x01]);
    expect(unsignedLeb128(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(unsignedLeb128(0xffffffff)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(() => unsignedLeb128(-1)).toThrow(RangeError);
    expect(() => unsignedLeb128(2 ** 32)).toThrow(RangeError);
  });

  it('encodes signed values with the sign in the last byte', () => {
    expect(signedLeb128(0)).toEqual([0]);
    expect(signedLeb128(63)).toEqual([0x3f]);
    expect(signedLeb128(64)).toEqual([0xc0, 0x00]);
    expect(signedLeb128(-64)).toEqual([0x40]);
    expect(signedLeb128(-65)).toEqual([0xbf, 0x7f]);
    expect(signedLeb128(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(signedLeb128(-0x80000000)).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
    expect(() => signedLeb128(2 ** 31)).toThrow(RangeError);
  });
});

describe('emitWasmModule', () => {
  it('emits a module the runtime validates, whose exported functions compute what their code says', () => {
    // f(x, y) = x * 3 - y, with a loop: sum(n) = n + (n - 1) + ... + 1.
    const linear = new CodeWriter().get(0).i32(3).op(Op.i32Mul).get(1).op(Op.i32Sub);
    const sum = new CodeWriter()
      .block()
      .loop()
      .get(0)
      .op(Op.i32Eqz)
      .brIf(1)
      .get(1)
      .get(0)
      .op(Op.i32Add)
      .set(1)
      .get(0)
      .i32(1)
      .op(Op.i32Sub)
      .set(0)
      .br(0)
      .end()
      .end()
      .get(1);
    const { exports } = instantiate([
      { name: 'linear', params: [i32, i32], results: [i32], locals: [], code: linear },
      { name: 'sum', params: [i32], results: [i32], locals: [i32], code: sum },
    ]);
    expect(exports.linear!(7, -200)).toBe(221);
    expect(exports.sum!(100)).toBe(5050);
  });

  it('reads and writes the imported memory, shared or not, with f64 and f32x4 instructions', () => {
    for (const shared of [false, true]) {
      // out[0..3] = pmin(a + b, 2) lanewise (f32x4 at 0, 16 -> 32), and f64 at 48 = floor(f64 at 56 * 2).
      const code = new CodeWriter()
        .i32(32)
        .i32(0)
        .simdMemory(SimdOp.v128Load)
        .i32(0)
        .simdMemory(SimdOp.v128Load, 16)
        .simd(SimdOp.f32x4Add)
        .f32(2)
        .simd(SimdOp.f32x4Splat)
        .simd(SimdOp.f32x4Pmin)
        .simdMemory(SimdOp.v128Store)
        .i32(48)
        .i32(56)
        .memory(Op.f64Load, 3)
        .f64(2)
        .op(Op.f64Mul)
        .op(Op.f64Floor)
        .memory(Op.f64Store, 3);
      const { exports, memory } = instantiate([{ name: 'run', params: [], results: [], locals: [], code }], shared);
      const f32 = new Float32Array(memory.buffer);
      f32.set([1, 2, -3, 0.25], 0);
      f32.set([0.5, 0.5, 1, 1], 4);
      new Float64Array(memory.buffer)[7] = 1.75;
      exports.run!();
      expect(Array.from(f32.subarray(8, 12))).toEqual([1.5, 2, -2, 1.25]);
      expect(new Float64Array(memory.buffer)[6]).toBe(3);
    }
  });

  it('saturates float to int conversion (NaN to 0) and merges runs of local declarations', () => {
    const code = new CodeWriter().get(0).misc(MiscOp.i32TruncSatF64S).set(1).get(1).set(2).get(2);
    const { exports } = instantiate([{ name: 'trunc', params: [f64], results: [i32], locals: [i32, i32], code }]);
    expect(exports.trunc!(NaN)).toBe(0);
    expect(exports.trunc!(-2.5)).toBe(-2);
    expect(exports.trunc!(1e20)).toBe(2147483647);
  });
});
