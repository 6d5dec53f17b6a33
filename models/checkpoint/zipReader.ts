import { inflateRawSync } from 'node:zlib';
import { crc32 } from './crc32';
import { CheckpointError } from './errors';

/*
 * Zip archives (PKWARE APPNOTE): local file headers with the data, then the central directory, then the
 * end-of-central-directory record (EOCD), optionally preceded by a zip64 EOCD and its locator. The central
 * directory is authoritative for sizes and CRCs (torch.save writes data descriptors, so its local headers may
 * hold zero sizes); the local header only tells where the data starts (its name and extra field lengths, which
 * torch uses to pad entries to 64-byte alignment).
 */

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

/** One file of the archive, as the central directory describes it. */
export interface ZipEntry {
  readonly name: string;
  /** 0 = stored, 8 = deflated; others are refused when read. */
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly crc32: number;
  readonly localHeaderOffset: number;
  readonly flags: number;
}

/** A parsed archive: the entry list, and `read` for one entry's content. */
export interface ZipArchive {
  readonly entries: ReadonlyMap<string, ZipEntry>;
  /**
   * The uncompressed content of an entry, its CRC-32 checked. Stored entries come back as views of the
   * archive's bytes (do not modify them); deflated ones as new arrays.
   */
  read(name: string): Uint8Array;
}

/** True when `bytes` start like a zip archive (a local file header, or the EOCD of an empty archive). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const sig = (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0;
  return sig === SIG_LOCAL || sig === SIG_EOCD;
}

/**
 * Parses a zip archive held in memory: the EOCD (zip64 too), then the whole central directory. Nothing is
 * decompressed until `read`. Multi-disk archives and encrypted entries are refused.
 *
 * @param source the file name to put in error messages
 * @throws CheckpointError when the bytes are not a zip, or the directory is truncated or inconsistent
 * @example
 * const zip = openZip(readFileSync('pytorch_model.bin'), 'pytorch_model.bin');
 * const pickle = zip.read('pytorch_model/data.pkl');
 */
export function openZip(bytes: Uint8Array, source = '<zip>'): ZipArchive {
  const file = source;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number, what: string) => {
    const v = view.getBigUint64(at, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new CheckpointError(`${what} ${v} is too large`, { file });
    return Number(v);
  };

  const eocd = findEocd(bytes, view);
  if (eocd < 0) {
    throw new CheckpointError(
      looksLikeZip(bytes)
        ? 'truncated or corrupt zip: no end-of-central-directory record'
        : 'not a zip archive (no end-of-central-directory record)',
      { file },
    );
  }
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0)
    throw new CheckpointError('multi-disk zip archives are not supported', { file });
  let entryCount = u16(eocd + 10);
  let cdSize = u32(eocd + 12);
  let cdOffset = u32(eocd + 16);

  if (entryCount === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || u32(locator) !== SIG_ZIP64_LOCATOR)
      throw new CheckpointError('zip64 archive without a zip64 locator', { file });
    const z64 = u64(locator + 8, 'zip64 EOCD offset');
    if (z64 + 56 > bytes.length || u32(z64) !== SIG_ZIP64_EOCD)
      throw new CheckpointError('zip64 end-of-central-directory record is missing or truncated', { file });
    entryCount = u64(z64 + 32, 'zip64 entry count');
    cdSize = u64(z64 + 40, 'zip64 central directory size');
    cdOffset = u64(z64 + 48, 'zip64 central directory offset');
  }
  if (cdOffset + cdSize > bytes.length) {
    throw new CheckpointError(
      `truncated zip: the central directory (${cdSize} bytes at ${cdOffset}) goes beyond the end of the file (${bytes.length} bytes)`,
      { file },
    );
  }

  const decoder = new TextDecoder('utf-8');
  const entries = new Map<string, ZipEntry>();
  let at = cdOffset;
  for (let i = 0; i < entryCount; i++) {
    if (at + 46 > cdOffset + cdSize || u32(at) !== SIG_CENTRAL) {
      throw new CheckpointError(`corrupt zip: central directory entry ${i} of ${entryCount} is missing or truncated`, {
        file,
      });
    }
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    let compressedSize = u32(at + 20);
    let uncompressedSize = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let localHeaderOffset = u32(at + 42);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > cdOffset + cdSize)
      throw new CheckpointError(`corrupt zip: central directory entry ${i} runs past the directory`, { file });
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));

    // zip64 extended information: 8-byte values, present only for the fields saturated at 0xffffffff.
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      let x = at + 46 + nameLength;
      const extraEnd = x + extraLength;
      let found = false;
      while (x + 4 <= extraEnd) {
        const id = u16(x);
        const size = u16(x + 2);
        if (x + 4 + size > extraEnd)
          throw new CheckpointError('corrupt zip: an extra field runs past its entry', { file, field: name });
        if (id === 0x0001) {
          let p = x + 4;
          const take = (what: string) => {
            if (p + 8 > x + 4 + size)
              throw new CheckpointError(`corrupt zip64 extra field (${what})`, { file, field: name });
            const v = u64(p, what);
            p += 8;
            return v;
          };
          if (uncompressedSize === 0xffffffff) uncompressedSize = take('uncompressed size');
          if (compressedSize === 0xffffffff) compressedSize = take('compressed size');
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = take('local header offset');
          found = true;
          break;
        }
        x += 4 + size;
      }
      if (!found) throw new CheckpointError('zip64 sizes without a zip64 extra field', { file, field: name });
    }
    if (entries.has(name))
      throw new CheckpointError('duplicate entry in the zip central directory', { file, field: name });
    entries.set(name, { name, method, compressedSize, uncompressedSize, crc32: crc, localHeaderOffset, flags });
    at = next;
  }

  const read = (name: string): Uint8Array => {
    const entry = entries.get(name);
    if (entry === undefined) throw new CheckpointError('no such entry in the zip archive', { file, field: name });
    const where = { file, field: name };
    if (entry.flags & 1) throw new CheckpointError('encrypted zip entries are not supported', where);
    const lh = entry.localHeaderOffset;
    if (lh + 30 > bytes.length || u32(lh) !== SIG_LOCAL)
      throw new CheckpointError('corrupt zip: local file header missing or truncated', where);
    const dataStart = lh + 30 + u16(lh + 26) + u16(lh + 28);
    const dataEnd = dataStart + entry.compressedSize;
    if (dataEnd > bytes.length) {
      throw new CheckpointError(
        `truncated zip: entry data (${entry.compressedSize} bytes at ${dataStart}) goes beyond the end of the file (${bytes.length} bytes)`,
        where,
      );
    }
    const stored = bytes.subarray(dataStart, dataEnd);
    let content: Uint8Array;
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.uncompressedSize)
        throw new CheckpointError('corrupt zip: stored entry with different compressed and uncompressed sizes', where);
      content = stored;
    } else if (entry.method === 8) {
      try {
        const inflated = inflateRawSync(stored, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
        content = new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length);
      } catch (cause) {
        throw new CheckpointError(`corrupt deflated entry (${(cause as Error).message})`, { ...where, cause });
      }
      if (content.length !== entry.uncompressedSize) {
        throw new CheckpointError(
          `corrupt deflated entry: inflated to ${content.length} bytes, the directory says ${entry.uncompressedSize}`,
          where,
        );
      }
    } else {
      throw new CheckpointError(`unsupported zip compression method ${entry.method} (only stored and deflate)`, where);
    }
    const actual = crc32(content);
    if (actual !== entry.crc32) {
      throw new CheckpointError(
        `CRC-32 mismatch: computed ${hex(actual)}, the directory says ${hex(entry.crc32)}`,
        where,
      );
    }
    return content;
  };

  return { entries, read };
}

/** Offset of the EOCD record (scanning back over a possible archive comment), or -1. */
function findEocd(bytes: Uint8Array, view: DataView): number {
  const last = bytes.length - EOCD_SIZE;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) === SIG_EOCD && at + EOCD_SIZE + view.getUint16(at + 20, true) === bytes.length)
      return at;
  }
  return -1;
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
