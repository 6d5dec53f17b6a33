/** Test helpers: a tiny pickle assembler, to craft torch-like (and malicious) pickles byte by byte. */

export type PickleBytes = number | readonly number[] | Uint8Array;

/** Concatenates opcodes and operands. */
export function asm(...parts: PickleBytes[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'number') out.push(p);
    else out.push(...p);
  }
  return new Uint8Array(out);
}

const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const utf8 = (s: string) => [...new TextEncoder().encode(s)];

export const PROTO2 = [0x80, 2];
export const MARK = 0x28;
export const STOP = 0x2e;
export const TUPLE = 0x74;
export const TUPLE1 = 0x85;
export const TUPLE2 = 0x86;
export const EMPTY_TUPLE = 0x29;
export const EMPTY_DICT = 0x7d;
export const EMPTY_LIST = 0x5d;
export const APPEND = 0x61;
export const APPENDS = 0x65;
export const SETITEM = 0x73;
export const SETITEMS = 0x75;
export const REDUCE = 0x52;
export const BUILD = 0x62;
export const BINPERSID = 0x51;
export const NONE = 0x4e;
export const NEWTRUE = 0x88;
export const NEWFALSE = 0x89;
export const STACK_GLOBAL = 0x93;

export const str = (s: string) => [0x58, ...u32(utf8(s).length), ...utf8(s)];
export const shortStr = (s: string) => [0x8c, utf8(s).length, ...utf8(s)];
export const global = (module: string, name: string) => [0x63, ...utf8(`${module}\n${name}\n`)];
export const int = (n: number) => [0x4a, ...u32(n)];
export const int1 = (n: number) => [0x4b, n];
export const put = (i: number) => [0x71, i];
export const get = (i: number) => [0x68, i];
export const float = (x: number) => {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x, false);
  return [0x47, ...new Uint8Array(b.buffer)];
};
/** LONG1 of a (possibly large or negative) integer, two's complement little-endian. */
export const long1 = (v: bigint) => {
  const bytes: number[] = [];
  let x = v;
  for (;;) {
    bytes.push(Number(x & 0xffn));
    x >>= 8n;
    const sign = (bytes[bytes.length - 1]! & 0x80) !== 0;
    if ((x === 0n && !sign) || (x === -1n && sign)) break;
  }
  return [0x8a, bytes.length, ...bytes];
};

/** One tensor for {@link torchStateDictPickle}. */
export interface TorchTensorSpec {
  name: string;
  storageType: string;
  key: string;
  /** Elements in the storage. */
  numel: number;
  offset: number;
  size: number[];
  stride: number[];
  /** Wrap it in `_rebuild_parameter`, as nn.Parameter values are. */
  parameter?: boolean;
}

const emptyOrderedDict = () => [...global('collections', 'OrderedDict'), EMPTY_TUPLE, REDUCE];

/** The pickle torch.save writes for an OrderedDict state dict (with its `_metadata` BUILD, like HF files). */
export function torchStateDictPickle(tensors: readonly TorchTensorSpec[]): Uint8Array {
  const parts: PickleBytes[] = [PROTO2, emptyOrderedDict(), MARK];
  for (const t of tensors) {
    parts.push(str(t.name));
    if (t.parameter === true) parts.push(global('torch._utils', '_rebuild_parameter'), MARK);
    parts.push(global('torch._utils', '_rebuild_tensor_v2'), MARK);
    parts.push(
      MARK,
      str('storage'),
      global('torch', t.storageType),
      str(t.key),
      str('cpu'),
      int(t.numel),
      TUPLE,
      BINPERSID,
    );
    parts.push(
      int(t.offset),
      MARK,
      ...t.size.map(int),
      TUPLE,
      MARK,
      ...t.stride.map(int),
      TUPLE,
      NEWFALSE,
      emptyOrderedDict(),
      TUPLE,
      REDUCE,
    );
    if (t.parameter === true) parts.push(NEWTRUE, emptyOrderedDict(), TUPLE, REDUCE);
  }
  parts.push(SETITEMS, EMPTY_DICT, str('_metadata'), emptyOrderedDict(), SETITEM, BUILD, STOP);
  return asm(...parts);
}
