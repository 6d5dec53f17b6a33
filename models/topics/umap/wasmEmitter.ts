/**
 * A small WebAssembly binary writer: just enough of the format (LEB128 numbers, the type, import, function, export
 * and code sections, scalar and 128-bit SIMD instructions) to emit the layout SGD's kernel at run time, without a
 * toolchain. Numbers follow the WebAssembly core specification, binary format (section 5).
 */

/** Value types. */
export const WasmType = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b } as const;
export type WasmValueType = (typeof WasmType)[keyof typeof WasmType];

/** Scalar opcodes used by our kernels (one byte each). */
export const Op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  f32Load: 0x2a,
  f64Load: 0x2b,
  i32Store: 0x36,
  f32Store: 0x38,
  f64Store: 0x39,
  i32Const: 0x41,
  i64Const: 0x42,
  f32Const: 0x43,
  f64Const: 0x44,
  i32Eqz: 0x45,
  i32Ne: 0x47,
  i32LtU: 0x49,
  i32GtS: 0x4a,
  i32GeS: 0x4e,
  i32GeU: 0x4f,
  f32Gt: 0x5e,
  f64Le: 0x65,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32And: 0x71,
  i32Xor: 0x73,
  i32Shl: 0x74,
  i32ShrU: 0x76,
  i64Mul: 0x7e,
  i64ShrU: 0x88,
  f64Neg: 0x9a,
  f64Floor: 0x9c,
  f64Add: 0xa0,
  f64Sub: 0xa1,
  f64Mul: 0xa2,
  f64Div: 0xa3,
  f64Min: 0xa4,
  f64Max: 0xa5,
  i32WrapI64: 0xa7,
  i64ExtendI32U: 0xad,
  f32DemoteF64: 0xb6,
  f64ConvertI32S: 0xb7,
  f64PromoteF32: 0xbb,
  i32ReinterpretF32: 0xbc,
} as const;

/** Opcodes behind the 0xfd (SIMD) prefix. */
export const SimdOp = {
  v128Load: 0x00,
  v128Store: 0x0b,
  i8x16Shuffle: 0x0d,
  f32x4Splat: 0x13,
  f32x4ExtractLane: 0x1f,
  f32x4Neg: 0xe1,
  f32x4Add: 0xe4,
  f32x4Sub: 0xe5,
  f32x4Mul: 0xe6,
  f32x4Pmin: 0xea,
  f32x4Pmax: 0xeb,
} as const;

/** Opcodes behind the 0xfc prefix (saturating truncation). */
export const MiscOp = { i32TruncSatF64S: 0x02 } as const;

/** The empty block type (a block that takes and leaves nothing). */
const VOID_BLOCK = 0x40;

/** Unsigned LEB128 of a non-negative integer below 2^32. */
export function unsignedLeb128(value: number): number[] {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff)
    throw new RangeError(`unsignedLeb128: ${value} is not an unsigned 32-bit integer`);
  const out: number[] = [];
  let v = value;
  do {
    const byte = v % 128;
    v = Math.floor(v / 128);
    out.push(v > 0 ? byte | 0x80 : byte);
  } while (v > 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer (what i32.const takes). */
export function signedLeb128(value: number): number[] {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff)
    throw new RangeError(`signedLeb128: ${value} is not a signed 32-bit integer`);
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    // Done when the rest is all sign bits and the byte's top bit already says the sign.
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const utf8 = (text: string) => Array.from(new TextEncoder().encode(text));
const vector = (items: number[][]) => [...unsignedLeb128(items.length), ...items.flat()];
const named = (text: string) => [...unsignedLeb128(utf8(text).length), ...utf8(text)];

/**
 * A function body under construction: every method appends one instruction and returns the writer, so code reads as
 * a chain in stack-machine order. Alignment hints of memory instructions are the natural ones.
 *
 * @example new CodeWriter().get(0).get(1).op(Op.i32Add)  // a + b
 */
export class CodeWriter {
  readonly bytes: number[] = [];

  op(...codes: number[]): this {
    this.bytes.push(...codes);
    return this;
  }

  get(local: number): this {
    return this.op(Op.localGet, ...unsignedLeb128(local));
  }

  set(local: number): this {
    return this.op(Op.localSet, ...unsignedLeb128(local));
  }

  tee(local: number): this {
    return this.op(Op.localTee, ...unsignedLeb128(local));
  }

  i32(value: number): this {
    return this.op(Op.i32Const, ...signedLeb128(value));
  }

  /** i64.const of a small integer (shift counts and the like). */
  i64(value: number): this {
    return this.op(Op.i64Const, ...signedLeb128(value));
  }

  f64(value: number): this {
    const bytes = new Uint8Array(new Float64Array([value]).buffer);
    return this.op(Op.f64Const, ...bytes);
  }

  f32(value: number): this {
    const bytes = new Uint8Array(new Float32Array([value]).buffer);
    return this.op(Op.f32Const, ...bytes);
  }

  /** A scalar load or store: `log2Align` is log2 of the access size, `offset` a constant added to the address. */
  memory(code: number, log2Align: number, offset = 0): this {
    return this.op(code, ...unsignedLeb128(log2Align), ...unsignedLeb128(offset));
  }

  simd(code: number, ...immediates: number[]): this {
    return this.op(0xfd, ...unsignedLeb128(code), ...immediates);
  }

  /** v128.load or v128.store (16-byte aligned) at the address on the stack plus `offset`. */
  simdMemory(code: number, offset = 0): this {
    return this.simd(code, ...unsignedLeb128(4), ...unsignedLeb128(offset));
  }

  misc(code: number): this {
    return this.op(0xfc, ...unsignedLeb128(code));
  }

  block(): this {
    return this.op(Op.block, VOID_BLOCK);
  }

  loop(): this {
    return this.op(Op.loop, VOID_BLOCK);
  }

  if(): this {
    return this.op(Op.if, VOID_BLOCK);
  }

  end(): this {
    return this.op(Op.end);
  }

  br(depth: number): this {
    return this.op(Op.br, ...unsignedLeb128(depth));
  }

  brIf(depth: number): this {
    return this.op(Op.brIf, ...unsignedLeb128(depth));
  }
}

export interface WasmFunction {
  /** Exported under this name. */
  name: string;
  params: WasmValueType[];
  results: WasmValueType[];
  /** Locals beyond the parameters (indices continue after them). */
  locals: WasmValueType[];
  /** Instructions, without the final `end`. */
  code: CodeWriter;
}

export interface WasmModuleSpec {
  /** One memory imported as env.memory; shared memories (to post to workers) need a maximum. */
  memory: { shared: boolean; minPages: number; maxPages: number };
  functions: WasmFunction[];
}

function section(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb128(content.length), ...content];
}

/** Run-length local declarations: consecutive locals of one type become one (count, type) entry. */
function localDeclarations(locals: WasmValueType[]): number[] {
  const groups: number[][] = [];
  for (let i = 0; i < locals.length;) {
    let j = i;
    while (j < locals.length && locals[j] === locals[i]) j++;
    groups.push([...unsignedLeb128(j - i), locals[i]!]);
    i = j;
  }
  return vector(groups);
}

/**
 * The bytes of a module importing one memory and exporting the given functions (one type entry each).
 *
 * @example new WebAssembly.Module(emitWasmModule({ memory: { shared: false, minPages: 1, maxPages: 1 }, functions }))
 */
export function emitWasmModule(spec: WasmModuleSpec): Uint8Array<ArrayBuffer> {
  const { memory, functions } = spec;
  const types = functions.map((f) => [0x60, ...vector(f.params.map((t) => [t])), ...vector(f.results.map((t) => [t]))]);
  const limits = memory.shared
    ? [0x03, ...unsignedLeb128(memory.minPages), ...unsignedLeb128(memory.maxPages)]
    : [0x01, ...unsignedLeb128(memory.minPages), ...unsignedLeb128(memory.maxPages)];
  const imports = vector([[...named('env'), ...named('memory'), 0x02, ...limits]]);
  const declarations = vector(functions.map((_, i) => unsignedLeb128(i)));
  const exports = vector(functions.map((f, i) => [...named(f.name), 0x00, ...unsignedLeb128(i)]));
  const bodies = vector(
    functions.map((f) => {
      const body = [...localDeclarations(f.locals), ...f.code.bytes, Op.end];
      return [...unsignedLeb128(body.length), ...body];
    }),
  );
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(2, imports),
    ...section(3, declarations),
    ...section(7, exports),
    ...section(10, bodies),
  ]);
}
