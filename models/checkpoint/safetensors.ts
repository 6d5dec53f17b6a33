import { CheckpointError } from './errors';
import {
  float32FromBFloat16LE,
  float32FromFloat16LE,
  float32FromLE,
  int32FromLE,
  int64FromLE,
  toLittleEndianBytes,
} from './littleEndian';
import { formatShape, shapeSize, TENSOR_DTYPE_BYTES, type Tensor, type TensorDType } from './Tensor';

/*
 * safetensors layout: an unsigned 64-bit little-endian header length N, N bytes of UTF-8 JSON, then the data
 * block. The JSON maps each tensor name to { dtype, shape, data_offsets: [begin, end] } (offsets relative to
 * the data block) and may hold "__metadata__", a string-to-string map. The tensors must cover the data block
 * exactly: no gaps, no overlaps, nothing after the last one.
 */

const METADATA_KEY = '__metadata__';
/** The reference implementation refuses headers above 100 MB; so do we, before allocating anything. */
const MAX_HEADER_BYTES = 100_000_000;

/** safetensors dtypes this reader accepts: bytes per element and the dtype of the loaded tensor. */
const READABLE_DTYPES: Readonly<Record<string, { bytes: number; loadsAs: TensorDType }>> = {
  F32: { bytes: 4, loadsAs: 'float32' },
  F16: { bytes: 2, loadsAs: 'float32' },
  BF16: { bytes: 2, loadsAs: 'float32' },
  I32: { bytes: 4, loadsAs: 'int32' },
  I64: { bytes: 8, loadsAs: 'int64' },
};

const WRITTEN_DTYPE: Readonly<Record<TensorDType, string>> = { float32: 'F32', int32: 'I32', int64: 'I64' };

/** What {@link readSafetensorsHeader} returns. */
export interface SafetensorsHeader {
  /** In header order; `dtype` as written in the file (`F32`, `F16`, ...), offsets relative to the data block. */
  tensors: { name: string; dtype: string; shape: number[]; dataOffsets: [number, number] }[];
  metadata: Record<string, string> | null;
}

interface HeaderEntry {
  name: string;
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

/**
 * Reads a whole `.safetensors` file. Every tensor is validated (dtype, shape against byte size, offsets inside
 * the file, the data block covered exactly once) before any is decoded, and the result holds copies, not views
 * of `bytes`. F16 and BF16 are widened to float32; F32, I32 and I64 are kept; any other dtype is refused.
 * The map is in file order (for files written by the reference tools: alphabetical).
 *
 * @param source the file name to put in error messages
 * @throws CheckpointError naming the file and, where it applies, the tensor
 * @example
 * const tensors = readSafetensors(readFileSync('model.safetensors'), 'model.safetensors');
 * tensors.get('convbert.embeddings.word_embeddings.weight')?.shape; // [vocab, embedding_size]
 */
export function readSafetensors(bytes: Uint8Array, source = '<safetensors>'): Map<string, Tensor> {
  const { entries, dataStart } = parseSafetensorsHeader(bytes, source);
  const tensors = new Map<string, Tensor>();
  for (const entry of entries) {
    const raw = bytes.subarray(dataStart + entry.begin, dataStart + entry.end);
    tensors.set(entry.name, decode(entry, raw));
  }
  return tensors;
}

/**
 * Reads only the header: names, dtypes (as written in the file), shapes and `__metadata__`, without decoding
 * any data. Validated as strictly as {@link readSafetensors}.
 *
 * @example
 * const { tensors, metadata } = readSafetensorsHeader(bytes, 'model.safetensors');
 * metadata; // { format: 'pt' }
 */
export function readSafetensorsHeader(bytes: Uint8Array, source = '<safetensors>'): SafetensorsHeader {
  const { entries, metadata } = parseSafetensorsHeader(bytes, source);
  return {
    tensors: entries.map((e) => ({ name: e.name, dtype: e.dtype, shape: e.shape, dataOffsets: [e.begin, e.end] })),
    metadata,
  };
}

/**
 * Writes tensors as a `.safetensors` file the way the reference implementation does: `__metadata__` first
 * (when given), tensors sorted by name (byte order), packed end to end, the JSON header compact and padded with
 * spaces to a multiple of 8 bytes so the data block is 8-byte aligned. float32 -> F32, int32 -> I32,
 * int64 -> I64.
 *
 * @param tensors a map (its keys must equal the tensors' names) or a list of tensors with distinct names
 * @param metadata the `__metadata__` string map, e.g. `{ format: 'pt' }`; omitted from the header when absent
 * @throws CheckpointError on duplicate or reserved names, or data whose length does not match the shape
 * @example
 * const bytes = writeSafetensors([{ name: 'w', dtype: 'float32', shape: [2], data: new Float32Array([1, 2]) }], { format: 'pt' });
 * readSafetensors(bytes).get('w')?.data; // Float32Array [1, 2]
 */
export function writeSafetensors(
  tensors: ReadonlyMap<string, Tensor> | Iterable<Tensor>,
  metadata?: Readonly<Record<string, string>>,
): Uint8Array {
  const file = '<writeSafetensors>';
  const list: Tensor[] = [];
  if (tensors instanceof Map) {
    for (const [key, tensor] of tensors as ReadonlyMap<string, Tensor>) {
      if (key !== tensor.name)
        throw new CheckpointError(`map key differs from the tensor's name "${tensor.name}"`, { file, tensor: key });
      list.push(tensor);
    }
  } else {
    list.push(...(tensors as Iterable<Tensor>));
  }
  const seen = new Set<string>();
  for (const tensor of list) {
    if (tensor.name === METADATA_KEY)
      throw new CheckpointError(`"${METADATA_KEY}" is reserved`, { file, tensor: tensor.name });
    if (seen.has(tensor.name)) throw new CheckpointError('duplicate tensor name', { file, tensor: tensor.name });
    seen.add(tensor.name);
    const size = shapeSize(tensor.shape);
    if (size === null)
      throw new CheckpointError(`invalid shape ${JSON.stringify(tensor.shape)}`, { file, tensor: tensor.name });
    if (size !== tensor.data.length) {
      throw new CheckpointError(
        `shape ${formatShape(tensor.shape)} needs ${size} elements, data has ${tensor.data.length}`,
        { file, tensor: tensor.name },
      );
    }
  }
  list.sort((a, b) => compareUtf8(a.name, b.name));

  const header: Record<string, unknown> = {};
  if (metadata !== undefined) {
    for (const [k, v] of Object.entries(metadata)) {
      if (typeof v !== 'string')
        throw new CheckpointError('metadata values must be strings', { file, field: `${METADATA_KEY}.${k}` });
    }
    header[METADATA_KEY] = { ...metadata };
  }
  let offset = 0;
  for (const tensor of list) {
    const byteLength = tensor.data.length * TENSOR_DTYPE_BYTES[tensor.dtype];
    header[tensor.name] = {
      dtype: WRITTEN_DTYPE[tensor.dtype],
      shape: [...tensor.shape],
      data_offsets: [offset, offset + byteLength],
    };
    offset += byteLength;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.length / 8) * 8;

  const out = new Uint8Array(8 + headerLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let at = 8 + headerLength;
  for (const tensor of list) {
    const data = toLittleEndianBytes(tensor.data);
    out.set(data, at);
    at += data.length;
  }
  return out;
}

function parseSafetensorsHeader(
  bytes: Uint8Array,
  file: string,
): { entries: HeaderEntry[]; dataStart: number; metadata: Record<string, string> | null } {
  if (bytes.length < 8)
    throw new CheckpointError(`truncated: ${bytes.length} bytes, too short for the 8-byte header length`, { file });
  const declared = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (declared > BigInt(bytes.length - 8)) {
    throw new CheckpointError(
      `truncated: header length ${declared} goes beyond the end of the file (${bytes.length} bytes)`,
      { file },
    );
  }
  const headerLength = Number(declared);
  if (headerLength > MAX_HEADER_BYTES)
    throw new CheckpointError(`header length ${headerLength} exceeds ${MAX_HEADER_BYTES} bytes`, { file });
  if (headerLength < 2 || bytes[8] !== 0x7b /* { */)
    throw new CheckpointError('header is not a JSON object (it must start with "{")', { file });

  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)));
  } catch (cause) {
    throw new CheckpointError(`header is not valid UTF-8 JSON (${(cause as Error).message})`, { file, cause });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new CheckpointError('header is not a JSON object', { file });

  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  let metadata: Record<string, string> | null = null;
  const entries: HeaderEntry[] = [];
  for (const [name, info] of Object.entries(parsed as Record<string, unknown>)) {
    if (name === METADATA_KEY) {
      metadata = parseMetadata(info, file);
      continue;
    }
    entries.push(parseEntry(name, info, dataLength, file));
  }

  // The tensors must tile the data block: sorted by offset, each starts where the previous ended.
  const byOffset = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expectedBegin = 0;
  let previous: HeaderEntry | null = null;
  for (const entry of byOffset) {
    if (entry.begin < expectedBegin) {
      throw new CheckpointError(
        `data_offsets [${entry.begin}, ${entry.end}] overlap tensor "${previous?.name}" (which ends at ${expectedBegin})`,
        { file, tensor: entry.name },
      );
    }
    if (entry.begin > expectedBegin) {
      throw new CheckpointError(
        `data_offsets [${entry.begin}, ${entry.end}] leave a gap: bytes ${expectedBegin}..${entry.begin} of the data block belong to no tensor`,
        { file, tensor: entry.name },
      );
    }
    expectedBegin = entry.end;
    previous = entry;
  }
  if (expectedBegin !== dataLength) {
    throw new CheckpointError(`the tensors cover ${expectedBegin} bytes but the data block has ${dataLength}`, {
      file,
    });
  }
  return { entries, dataStart, metadata };
}

function parseMetadata(info: unknown, file: string): Record<string, string> {
  if (info === null || typeof info !== 'object' || Array.isArray(info))
    throw new CheckpointError('must be an object of strings', { file, field: METADATA_KEY });
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(info as Record<string, unknown>)) {
    if (typeof v !== 'string')
      throw new CheckpointError('values must be strings', { file, field: `${METADATA_KEY}.${k}` });
    out[k] = v;
  }
  return out;
}

function parseEntry(name: string, info: unknown, dataLength: number, file: string): HeaderEntry {
  const fail = (message: string) => new CheckpointError(message, { file, tensor: name });
  if (info === null || typeof info !== 'object' || Array.isArray(info)) throw fail('header entry is not an object');
  const { dtype, shape, data_offsets: offsets } = info as Record<string, unknown>;
  if (typeof dtype !== 'string') throw fail('dtype is missing or not a string');
  const spec = READABLE_DTYPES[dtype];
  if (spec === undefined)
    throw fail(`unsupported dtype "${dtype}" (supported: ${Object.keys(READABLE_DTYPES).join(', ')})`);
  if (!Array.isArray(shape)) throw fail('shape is missing or not an array');
  const size = shapeSize(shape);
  if (size === null) throw fail(`invalid shape ${JSON.stringify(shape)}`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
    throw fail(`data_offsets must be two non-negative integers, got ${JSON.stringify(offsets)}`);
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin) throw fail(`data_offsets [${begin}, ${end}] end before they begin`);
  if (end > dataLength) {
    throw fail(`truncated: data_offsets [${begin}, ${end}] go beyond the end of the data block (${dataLength} bytes)`);
  }
  if (end - begin !== size * spec.bytes) {
    throw fail(
      `data_offsets [${begin}, ${end}] span ${end - begin} bytes but ${dtype} ${formatShape(shape as number[])} needs ${size * spec.bytes}`,
    );
  }
  return { name, dtype, shape: shape as number[], begin, end };
}

function decode(entry: HeaderEntry, raw: Uint8Array): Tensor {
  const { name, shape } = entry;
  switch (entry.dtype) {
    case 'F32':
      return { name, dtype: 'float32', shape, data: float32FromLE(raw) };
    case 'F16':
      return { name, dtype: 'float32', shape, data: float32FromFloat16LE(raw) };
    case 'BF16':
      return { name, dtype: 'float32', shape, data: float32FromBFloat16LE(raw) };
    case 'I32':
      return { name, dtype: 'int32', shape, data: int32FromLE(raw) };
    case 'I64':
      return { name, dtype: 'int64', shape, data: int64FromLE(raw) };
    default:
      // parseEntry refuses every other dtype.
      throw new Error(`unreachable dtype ${entry.dtype}`);
  }
}

/** Orders strings by their UTF-8 bytes, as Rust's `str` ordering does (differs from `<` only outside the BMP). */
function compareUtf8(a: string, b: string): number {
  const ca = [...a].map((c) => c.codePointAt(0)!);
  const cb = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    if (ca[i] !== cb[i]) return ca[i]! - cb[i]!;
  }
  return ca.length - cb.length;
}
