import * as zlib from 'node:zlib';

let table: Uint32Array | null = null;

function crcTable(): Uint32Array {
  if (table !== null) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** Node's native CRC-32 when this Node has it (20.15+), else null. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32 ?? null;

/**
 * The CRC-32 (IEEE 802.3, the one zip uses) of `bytes`, as an unsigned 32-bit number.
 *
 * @example
 * crc32(new TextEncoder().encode('123456789')); // 0xcbf43926
 */
export function crc32(bytes: Uint8Array): number {
  return nativeCrc32 !== null ? nativeCrc32(bytes) >>> 0 : crc32Portable(bytes);
}

/** The table-driven implementation, exported so tests can check it against the native one. */
export function crc32Portable(bytes: Uint8Array): number {
  const t = crcTable();
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
