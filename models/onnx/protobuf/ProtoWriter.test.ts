import { describe, expect, it } from 'vitest';
import { readProtoFields, ProtoDecodeError } from './ProtoReader';
import { encodeVarint, ProtoWriter } from './ProtoWriter';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('protobuf varints', () => {
  it('encode 7 bits per byte, low group first, continuation bit on all but the last byte', () => {
    expect(hex(encodeVarint(0))).toBe('00');
    expect(hex(encodeVarint(1))).toBe('01');
    expect(hex(encodeVarint(127))).toBe('7f');
    expect(hex(encodeVarint(128))).toBe('8001');
    // 300 = 0b10_0101100: low group 0101100 | 0x80 = 0xac, then 0b10 = 0x02 (the spec's example).
    expect(hex(encodeVarint(300))).toBe('ac02');
    // 2^32: groups of 7 bits from the bottom are 0,0,0,0 and then 2^32 >> 28 = 16.
    expect(hex(encodeVarint(2 ** 32))).toBe('8080808010');
    expect(hex(encodeVarint(2n ** 64n - 1n))).toBe('ffffffffffffffffff01');
  });

  it('sign-extend negative values to 64 bits (ten bytes), as int64 fields require', () => {
    expect(hex(encodeVarint(-1))).toBe('ffffffffffffffffff01');
    // -2 = 0xffff_ffff_ffff_fffe: first group 1111110 = 0x7e | 0x80.
    expect(hex(encodeVarint(-2))).toBe('feffffffffffffffff01');
  });

  it('refuse values that do not fit or are not integers', () => {
    expect(() => encodeVarint(2n ** 64n)).toThrow(RangeError);
    expect(() => encodeVarint(0.5)).toThrow(RangeError);
  });
});

describe('ProtoWriter', () => {
  it('writes key = field << 3 | wire type, then the value (the spec examples)', () => {
    expect(hex(new ProtoWriter().int64(1, 150).finish())).toBe('089601');
    expect(hex(new ProtoWriter().string(2, 'testing').finish())).toBe('120774657374696e67');
    // A nested message is length-delimited: field 3, wire type 2 -> 0x1a, length 3, then 08 96 01.
    const inner = new ProtoWriter().int64(1, 150);
    expect(hex(new ProtoWriter().message(3, inner).finish())).toBe('1a03089601');
    // Packed repeated: one length-delimited run of varints.
    expect(hex(new ProtoWriter().packedInt64(4, [3, 270, 86942]).finish())).toBe('2206038e029ea705');
  });

  it('writes floats as little-endian fixed32 and field numbers above 15 with two-byte keys', () => {
    // 1.0f = 0x3f800000; field 1 wire type 5 -> 0x0d.
    expect(hex(new ProtoWriter().float(1, 1).finish())).toBe('0d0000803f');
    // Field 20 wire type 0: (20 << 3) = 160 = 0xa0 0x01.
    expect(hex(new ProtoWriter().int64(20, 7).finish())).toBe('a00107');
    expect(hex(new ProtoWriter().packedFloat(7, [1, -2]).finish())).toBe('3a080000803f000000c0');
  });

  it('keeps large payloads and nested chunks intact when joining them', () => {
    const payload = new Uint8Array(10_000).map((_, i) => (i * 7) & 0xff);
    const inner = new ProtoWriter().int64(1, 5).bytes(9, payload).string(8, 'w');
    const outer = new ProtoWriter().string(2, 'x').message(7, inner).int64(1, 8);
    const bytes = outer.finish();
    expect(bytes.byteLength).toBe(outer.byteLength);
    const fields = readProtoFields(bytes);
    expect(fields.map((f) => f.field)).toEqual([2, 7, 1]);
    const nested = readProtoFields(fields[1]!.value as Uint8Array);
    expect(nested.map((f) => f.field)).toEqual([1, 9, 8]);
    expect(Buffer.from(nested[1]!.value as Uint8Array).equals(Buffer.from(payload))).toBe(true);
  });

  it('reads back what it wrote, and refuses truncated input', () => {
    const bytes = new ProtoWriter().int64(3, -1).string(14, 'abc').finish();
    const fields = readProtoFields(bytes);
    expect(fields[0]).toMatchObject({ field: 3, wireType: 0, value: 2n ** 64n - 1n });
    expect(new TextDecoder().decode(fields[1]!.value as Uint8Array)).toBe('abc');
    expect(() => readProtoFields(bytes.subarray(0, bytes.length - 1))).toThrow(ProtoDecodeError);
    expect(() => readProtoFields(Uint8Array.of(0x08, 0x80))).toThrow(/truncated varint/);
  });
});
