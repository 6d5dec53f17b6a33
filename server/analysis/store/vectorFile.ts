/**
 * The message vectors of a stored analysis, beside its document: a 16-byte header (the magic `CTVEC1\0\0`, then the
 * dimension and the number of rows as little-endian uint32), then the rows as little-endian float32, in the order of
 * the analysis' `messages`. Little endian whatever the machine, so a data directory can move between machines.
 */
const MAGIC = 'CTVEC1\0\0';
const HEADER_BYTES = 16;
/** On a little-endian machine (nearly all) the floats are copied as they are, not one by one. */
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Packed rows of `dimension` floats. */
export interface VectorRows {
  dimension: number;
  rows: number;
  data: Float32Array;
}

/**
 * Encodes packed rows as the file's bytes.
 * @param data `rows x dimension` floats, row after row
 * @throws RangeError when `data`'s length is not a multiple of `dimension`
 * @example fs.writeFileSync(file, encodeVectors(vectors, 256));
 */
export function encodeVectors(data: Float32Array, dimension: number): Uint8Array {
  if (!Number.isInteger(dimension) || dimension <= 0 || data.length % dimension !== 0)
    throw new RangeError(`vectors: ${data.length} floats are not whole rows of ${dimension}`);
  const bytes = new Uint8Array(HEADER_BYTES + data.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < MAGIC.length; i++) bytes[i] = MAGIC.charCodeAt(i);
  view.setUint32(8, dimension, true);
  view.setUint32(12, data.length / dimension, true);
  if (LITTLE_ENDIAN_HOST) bytes.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), HEADER_BYTES);
  else for (let i = 0; i < data.length; i++) view.setFloat32(HEADER_BYTES + i * 4, data[i]!, true);
  return bytes;
}

/**
 * Decodes the file's bytes.
 * @throws Error saying what is wrong (bad magic, a size that does not match the header)
 */
export function decodeVectors(bytes: Uint8Array): VectorRows {
  if (bytes.length < HEADER_BYTES) throw new Error(`${bytes.length} bytes, shorter than the header`);
  for (let i = 0; i < MAGIC.length; i++)
    if (bytes[i] !== MAGIC.charCodeAt(i)) throw new Error('not a vectors file (bad magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dimension = view.getUint32(8, true);
  const rows = view.getUint32(12, true);
  if (dimension === 0 || bytes.length !== HEADER_BYTES + rows * dimension * 4)
    throw new Error(`${bytes.length} bytes do not hold ${rows} rows of ${dimension} floats`);
  const data = new Float32Array(rows * dimension);
  if (LITTLE_ENDIAN_HOST) new Uint8Array(data.buffer).set(bytes.subarray(HEADER_BYTES));
  else for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(HEADER_BYTES + i * 4, true);
  return { dimension, rows, data };
}
