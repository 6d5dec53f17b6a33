import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

/** Read size while hashing: large enough for full disk speed, small enough not to matter in memory. */
const CHUNK_BYTES = 1 << 20;

/** sha256 of bytes in memory, lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * sha256 of a file, lowercase hex, read in 1 MiB chunks so a 100 MB model is never held in memory at once.
 * Synchronous on purpose: loading a model is a start-up step, and a sync loader cannot hand back a model that is
 * still being checked.
 *
 * @returns the digest and the number of bytes hashed
 * @example
 * sha256File('models/twitch/model.onnx').hex; // 'e3b0c442...'
 */
export function sha256File(path: string): { hex: string; bytes: number } {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const fd = openSync(path, 'r');
  let total = 0;
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
      total += n;
    }
  } finally {
    closeSync(fd);
  }
  return { hex: hash.digest('hex'), bytes: total };
}
