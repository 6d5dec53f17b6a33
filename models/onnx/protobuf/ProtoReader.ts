import { WIRE_TYPE } from './ProtoWriter';
import { ChatTopicsError, type ErrorKind } from '../../errors/ChatTopicsError';

/** One field of a protobuf message, as read by {@link readProtoFields}. */
export type ProtoField =
  | { field: number; wireType: typeof WIRE_TYPE.varint; value: bigint }
  | { field: number; wireType: typeof WIRE_TYPE.lengthDelimited; value: Uint8Array }
  | { field: number; wireType: typeof WIRE_TYPE.fixed32 | typeof WIRE_TYPE.fixed64; value: Uint8Array };

/** Thrown for bytes that are not a well-formed protobuf message. */
export class ProtoDecodeError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
  override readonly name = 'ProtoDecodeError';
}

/**
 * The top-level fields of one protobuf message, in order, without interpreting them: varints as bigint,
 * everything else as views into `bytes` (not copies). Enough to pick a few fields out of a large message, such
 * as the metadata of an ONNX model, without decoding its graph.
 *
 * @throws ProtoDecodeError on truncated or malformed input, naming the byte offset
 * @example
 * readProtoFields(Uint8Array.of(0x08, 0x96, 0x01)); // [{ field: 1, wireType: 0, value: 150n }]
 */
export function readProtoFields(bytes: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let at = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (at >= bytes.length) throw new ProtoDecodeError(`truncated varint at byte ${at}`);
      const b = bytes[at++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
    }
    throw new ProtoDecodeError(`varint longer than 10 bytes ending at byte ${at}`);
  };
  const take = (n: number, what: string): Uint8Array => {
    if (n > bytes.length - at)
      throw new ProtoDecodeError(`${what} of ${n} bytes at byte ${at} runs past the end (${bytes.length} bytes)`);
    const view = bytes.subarray(at, at + n);
    at += n;
    return view;
  };
  while (at < bytes.length) {
    const keyAt = at;
    const key = varint();
    const field = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (field === 0) throw new ProtoDecodeError(`field number 0 at byte ${keyAt}`);
    if (wireType === WIRE_TYPE.varint) fields.push({ field, wireType, value: varint() });
    else if (wireType === WIRE_TYPE.lengthDelimited) {
      const length = varint();
      if (length > BigInt(bytes.length))
        throw new ProtoDecodeError(`field ${field} at byte ${keyAt} claims ${length} bytes`);
      fields.push({ field, wireType, value: take(Number(length), `field ${field}`) });
    } else if (wireType === WIRE_TYPE.fixed32) fields.push({ field, wireType, value: take(4, `field ${field}`) });
    else if (wireType === WIRE_TYPE.fixed64) fields.push({ field, wireType, value: take(8, `field ${field}`) });
    else throw new ProtoDecodeError(`unsupported wire type ${wireType} for field ${field} at byte ${keyAt}`);
  }
  return fields;
}
