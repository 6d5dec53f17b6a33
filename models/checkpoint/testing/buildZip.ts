import { deflateRawSync } from 'node:zlib';
import { crc32Portable } from '../crc32';

/** Test helper: one file to put in a zip. */
export interface ZipInput {
  name: string;
  data: Uint8Array;
  /** Store it deflated (method 8) instead of stored (method 0). */
  deflate?: boolean;
}

/**
 * Test helper: writes a minimal single-disk zip (stored or deflated entries, no data descriptors). With
 * `zip64`, every size and offset goes through the zip64 extra field and zip64 end records, as large archives do.
 */
export function buildZip(inputs: readonly ZipInput[], options: { zip64?: boolean } = {}): Uint8Array {
  const zip64 = options.zip64 === true;
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const push = (chunk: Uint8Array) => {
    chunks.push(chunk);
    offset += chunk.length;
  };
  const central: Uint8Array[] = [];
  for (const input of inputs) {
    const name = new TextEncoder().encode(input.name);
    const body = input.deflate === true ? new Uint8Array(deflateRawSync(input.data)) : input.data;
    const crc = crc32Portable(input.data);
    const method = input.deflate === true ? 8 : 0;
    const localOffset = offset;

    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, zip64 ? 45 : 20, true);
    local.setUint16(8, method, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, body.length, true);
    local.setUint32(22, input.data.length, true);
    local.setUint16(26, name.length, true);
    push(new Uint8Array(local.buffer));
    push(name);
    push(body);

    const extra = new DataView(new ArrayBuffer(zip64 ? 28 : 0));
    if (zip64) {
      extra.setUint16(0, 0x0001, true);
      extra.setUint16(2, 24, true);
      extra.setBigUint64(4, BigInt(input.data.length), true);
      extra.setBigUint64(12, BigInt(body.length), true);
      extra.setBigUint64(20, BigInt(localOffset), true);
    }
    const header = new DataView(new ArrayBuffer(46));
    header.setUint32(0, 0x02014b50, true);
    header.setUint16(4, zip64 ? 45 : 20, true);
    header.setUint16(6, zip64 ? 45 : 20, true);
    header.setUint16(10, method, true);
    header.setUint32(16, crc, true);
    header.setUint32(20, zip64 ? 0xffffffff : body.length, true);
    header.setUint32(24, zip64 ? 0xffffffff : input.data.length, true);
    header.setUint16(28, name.length, true);
    header.setUint16(30, extra.byteLength, true);
    header.setUint32(42, zip64 ? 0xffffffff : localOffset, true);
    central.push(new Uint8Array(header.buffer), name, new Uint8Array(extra.buffer));
  }
  const cdOffset = offset;
  for (const c of central) push(c);
  const cdSize = offset - cdOffset;

  if (zip64) {
    const z64Offset = offset;
    const record = new DataView(new ArrayBuffer(56));
    record.setUint32(0, 0x06064b50, true);
    record.setBigUint64(4, 44n, true);
    record.setUint16(12, 45, true);
    record.setUint16(14, 45, true);
    record.setBigUint64(24, BigInt(inputs.length), true);
    record.setBigUint64(32, BigInt(inputs.length), true);
    record.setBigUint64(40, BigInt(cdSize), true);
    record.setBigUint64(48, BigInt(cdOffset), true);
    push(new Uint8Array(record.buffer));
    const locator = new DataView(new ArrayBuffer(20));
    locator.setUint32(0, 0x07064b50, true);
    locator.setBigUint64(8, BigInt(z64Offset), true);
    locator.setUint32(16, 1, true);
    push(new Uint8Array(locator.buffer));
  }
  const eocd = new DataView(new ArrayBuffer(22));
  eocd.setUint32(0, 0x06054b50, true);
  eocd.setUint16(8, zip64 ? 0xffff : inputs.length, true);
  eocd.setUint16(10, zip64 ? 0xffff : inputs.length, true);
  eocd.setUint32(12, zip64 ? 0xffffffff : cdSize, true);
  eocd.setUint32(16, zip64 ? 0xffffffff : cdOffset, true);
  push(new Uint8Array(eocd.buffer));

  const out = new Uint8Array(offset);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
