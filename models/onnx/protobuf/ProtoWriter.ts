/*
 * Protocol Buffers wire format (https://protobuf.dev/programming-guides/encoding/): a message is a sequence of
 * fields, each a key varint `(field_number << 3) | wire_type` followed by the value. Wire types used here:
 * 0 varint (int32, int64, enums), 2 length-delimited (strings, bytes, nested messages, packed repeated scalars),
 * 5 fixed 32-bit (float). Varints store 7 bits per byte, least significant group first, high bit set on every
 * byte but the last; negative int32/int64 are sign-extended to 64 bits, so they always take 10 bytes.
 */

/** Wire types of the protobuf encoding. */
export const WIRE_TYPE = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;

/** Byte payloads at least this long are kept as their own chunk instead of being copied into the buffer. */
const ZERO_COPY_BYTES = 4096;

const TEXT = new TextEncoder();

/**
 * Appends the varint encoding of a non-negative integer up to 2^64 - 1, or of a negative one (sign-extended to
 * 64 bits, as protobuf does for int32 and int64), to `out`.
 */
function pushVarint(out: number[], value: number | bigint): void {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`varint: ${value} is not a safe integer`);
    if (value >= 0) {
      // Division rather than bit shifts: shifts would truncate values above 2^31.
      let v = value;
      while (v >= 0x80) {
        out.push((v % 0x80) | 0x80);
        v = Math.floor(v / 0x80);
      }
      out.push(v);
      return;
    }
    value = BigInt(value);
  }
  if (value < -(1n << 63n) || value >= 1n << 64n) throw new RangeError(`varint: ${value} does not fit in 64 bits`);
  let v = BigInt.asUintN(64, value);
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
}

/**
 * The varint encoding of one integer, for tests and for callers that frame bytes themselves.
 *
 * @example
 * encodeVarint(300); // Uint8Array [0xac, 0x02]
 * encodeVarint(-1); // ten bytes: 0xff x 9, then 0x01
 */
export function encodeVarint(value: number | bigint): Uint8Array {
  const out: number[] = [];
  pushVarint(out, value);
  return Uint8Array.from(out);
}

/**
 * Writes one protobuf message. Small values accumulate in a growable buffer; large byte payloads (tensor data)
 * and nested messages are kept as chunks and joined once in {@link finish}, so a model of tens of megabytes is
 * copied once, not once per nesting level.
 *
 * @example
 * const w = new ProtoWriter();
 * w.int64(1, 150);
 * w.string(2, 'testing');
 * w.finish(); // 08 96 01 12 07 74 65 73 74 69 6e 67
 */
export class ProtoWriter {
  private readonly chunks: Uint8Array[] = [];
  private chunkBytes = 0;
  private pending: number[] = [];

  /** Bytes written so far. */
  get byteLength(): number {
    return this.chunkBytes + this.pending.length;
  }

  /** A varint field (int32, int64, uint64, enum). Negative values are sign-extended to 10 bytes. */
  int64(field: number, value: number | bigint): this {
    this.key(field, WIRE_TYPE.varint);
    pushVarint(this.pending, value);
    return this;
  }

  /** A float field (wire type 5, IEEE 754 single precision, little-endian). */
  float(field: number, value: number): this {
    this.key(field, WIRE_TYPE.fixed32);
    this.pushBytes(float32Bytes([value]));
    return this;
  }

  /** A length-delimited byte field. Large payloads are referenced, not copied: do not modify them before `finish`. */
  bytes(field: number, data: Uint8Array): this {
    this.key(field, WIRE_TYPE.lengthDelimited);
    pushVarint(this.pending, data.byteLength);
    if (data.byteLength >= ZERO_COPY_BYTES) this.pushChunk(data);
    else this.pushBytes(data);
    return this;
  }

  /** A UTF-8 string field. */
  string(field: number, value: string): this {
    return this.bytes(field, TEXT.encode(value));
  }

  /** A nested message field; `message` must not be written to afterwards. */
  message(field: number, message: ProtoWriter): this {
    this.key(field, WIRE_TYPE.lengthDelimited);
    pushVarint(this.pending, message.byteLength);
    message.flush();
    for (const chunk of message.chunks) this.pushChunk(chunk);
    return this;
  }

  /** A packed repeated int64 field (one length-delimited run of varints). Nothing is written for an empty list. */
  packedInt64(field: number, values: readonly (number | bigint)[]): this {
    if (values.length === 0) return this;
    const body: number[] = [];
    for (const v of values) pushVarint(body, v);
    this.key(field, WIRE_TYPE.lengthDelimited);
    pushVarint(this.pending, body.length);
    this.pushBytes(body);
    return this;
  }

  /** A packed repeated float field. Nothing is written for an empty list. */
  packedFloat(field: number, values: readonly number[]): this {
    if (values.length === 0) return this;
    this.key(field, WIRE_TYPE.lengthDelimited);
    pushVarint(this.pending, values.length * 4);
    this.pushBytes(float32Bytes(values));
    return this;
  }

  /** The encoded message as one array. */
  finish(): Uint8Array {
    this.flush();
    if (this.chunks.length === 1) return this.chunks[0]!;
    const out = new Uint8Array(this.chunkBytes);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.byteLength;
    }
    return out;
  }

  private key(field: number, wireType: number): void {
    if (!Number.isInteger(field) || field < 1 || field > 0x1fffffff)
      throw new RangeError(`protobuf field number ${field} is out of range`);
    pushVarint(this.pending, field * 8 + wireType);
  }

  private pushBytes(bytes: ArrayLike<number>): void {
    for (let i = 0; i < bytes.length; i++) this.pending.push(bytes[i]!);
  }

  private pushChunk(chunk: Uint8Array): void {
    this.flush();
    this.chunks.push(chunk);
    this.chunkBytes += chunk.byteLength;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const bytes = Uint8Array.from(this.pending);
    this.pending = [];
    this.chunks.push(bytes);
    this.chunkBytes += bytes.byteLength;
  }
}

/** Little-endian float32 bytes, whatever the machine's byte order. */
function float32Bytes(values: readonly number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}
