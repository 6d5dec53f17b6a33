/**
 * Decoding and encoding little-endian element bytes into fresh typed arrays. Checkpoint files are
 * little-endian; on a little-endian machine this is a plain copy, elsewhere a DataView loop.
 */

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Copies `bytes` (a whole number of 4-byte elements) into a new Float32Array. */
export function float32FromLE(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length / 4);
  if (HOST_IS_LITTLE_ENDIAN) new Uint8Array(out.buffer).set(bytes);
  else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  }
  return out;
}

/** Copies `bytes` (a whole number of 4-byte elements) into a new Int32Array. */
export function int32FromLE(bytes: Uint8Array): Int32Array {
  const out = new Int32Array(bytes.length / 4);
  if (HOST_IS_LITTLE_ENDIAN) new Uint8Array(out.buffer).set(bytes);
  else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < out.length; i++) out[i] = view.getInt32(i * 4, true);
  }
  return out;
}

/** Copies `bytes` (a whole number of 8-byte elements) into a new BigInt64Array. */
export function int64FromLE(bytes: Uint8Array): BigInt64Array {
  const out = new BigInt64Array(bytes.length / 8);
  if (HOST_IS_LITTLE_ENDIAN) new Uint8Array(out.buffer).set(bytes);
  else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < out.length; i++) out[i] = view.getBigInt64(i * 8, true);
  }
  return out;
}

/**
 * Widens IEEE half-precision values (2 bytes each, little-endian) to float32, exactly: every half value,
 * subnormals, infinities and NaN payloads included, is representable in float32.
 */
export function float32FromFloat16LE(bytes: Uint8Array): Float32Array {
  const n = bytes.length / 2;
  const out = new Float32Array(n);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i++) {
    const h = bytes[2 * i]! | (bytes[2 * i + 1]! << 8);
    const sign = (h & 0x8000) << 16;
    const exponent = (h >> 10) & 0x1f;
    let mantissa = h & 0x3ff;
    if (exponent === 0x1f) {
      bits[i] = (sign | 0x7f800000 | (mantissa << 13)) >>> 0;
    } else if (exponent !== 0) {
      bits[i] = (sign | ((exponent - 15 + 127) << 23) | (mantissa << 13)) >>> 0;
    } else if (mantissa === 0) {
      bits[i] = sign >>> 0;
    } else {
      // Subnormal half: shift the mantissa up until its leading 1 reaches the implicit bit.
      let e = -14;
      while ((mantissa & 0x400) === 0) {
        mantissa <<= 1;
        e--;
      }
      bits[i] = (sign | ((e + 127) << 23) | ((mantissa & 0x3ff) << 13)) >>> 0;
    }
  }
  return out;
}

/** Widens bfloat16 values (2 bytes each, little-endian) to float32: bfloat16 is the top half of a float32. */
export function float32FromBFloat16LE(bytes: Uint8Array): Float32Array {
  const n = bytes.length / 2;
  const out = new Float32Array(n);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i++) bits[i] = ((bytes[2 * i]! | (bytes[2 * i + 1]! << 8)) << 16) >>> 0;
  return out;
}

/** The little-endian bytes of a typed array's elements (a copy). */
export function toLittleEndianBytes(data: Float32Array | Int32Array | BigInt64Array): Uint8Array {
  if (HOST_IS_LITTLE_ENDIAN) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  const out = new Uint8Array(data.byteLength);
  const view = new DataView(out.buffer);
  if (data instanceof Float32Array) data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  else if (data instanceof Int32Array) data.forEach((v, i) => view.setInt32(i * 4, v, true));
  else data.forEach((v, i) => view.setBigInt64(i * 8, v, true));
  return out;
}
