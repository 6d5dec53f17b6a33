import fs from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ChatTopicsError, type ErrorKind } from '../../errors';
import { IMPORT_LIMITS } from '../limits';

/** Bytes read per chunk: large enough that per-chunk costs vanish, small enough to keep memory flat. */
const CHUNK_BYTES = 256 * 1024;

/** Whether the file starts with gzip's magic bytes (the extension is not trusted either way). */
export async function isGzipFile(file: string): Promise<boolean> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    return bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** A decompression or read failure, with a message a user can act on. */
export class ReadFailure extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
}

function describe(err: unknown, gzip: boolean): ReadFailure {
  const e = err as NodeJS.ErrnoException;
  if (gzip && (e.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(e.message))) {
    return new ReadFailure('the gzip data ends early (truncated file)');
  }
  if (gzip && typeof e.code === 'string' && e.code.startsWith('Z_'))
    return new ReadFailure(`corrupt gzip data (${e.message})`);
  return new ReadFailure(e.message);
}

/**
 * The file's text as UTF-8 string chunks, gunzipped on the fly when `gzip`. Streams: memory stays at a few chunks
 * whatever the file size. A byte-order mark is dropped; invalid UTF-8 becomes U+FFFD. Read and gzip errors are
 * thrown as `ReadFailure` after every chunk decoded before them has been yielded.
 *
 * gzip data may expand to at most `maxGzipRatio` times its size (plus `gzipSlackBytes`): past that it is refused as a
 * gzip bomb, which would otherwise cost minutes of decompression (memory stays flat either way).
 */
export async function* readTextChunks(
  file: string,
  gzip: boolean,
  limits: { maxGzipRatio: number; gzipSlackBytes: number } = IMPORT_LIMITS,
): AsyncGenerator<string> {
  const maxBytes = gzip ? (await fs.promises.stat(file)).size * limits.maxGzipRatio + limits.gzipSlackBytes : Infinity;
  let bytes = 0;
  const source = fs.createReadStream(file, { highWaterMark: CHUNK_BYTES });
  // pipeline() forwards a read error to the gunzip stream and destroys both when we stop early.
  const input = gzip ? pipeline(source, createGunzip({ chunkSize: CHUNK_BYTES }), () => undefined) : source;
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const buf of input as AsyncIterable<Buffer>) {
      bytes += buf.length;
      if (bytes > maxBytes) {
        throw new ReadFailure(
          `the gzip data expands past ${Math.round(maxBytes / 1e6)} MB, over ${limits.maxGzipRatio} times its size: refused as a possible gzip bomb`,
        );
      }
      const text = decoder.decode(buf, { stream: true });
      if (text) yield text;
    }
  } catch (err) {
    if (err instanceof ReadFailure) throw err;
    throw describe(err, gzip);
  } finally {
    input.destroy();
    source.destroy();
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/**
 * The first `maxChars` characters of the (decompressed) text, for format detection. A file that fails to read
 * part-way still gives what came before the failure.
 * @returns the text and whether it is the whole file.
 */
export async function readHead(
  file: string,
  gzip: boolean,
  maxChars = 64 * 1024,
): Promise<{ text: string; complete: boolean }> {
  let text = '';
  try {
    for await (const chunk of readTextChunks(file, gzip)) {
      text += chunk;
      if (text.length >= maxChars) return { text: text.slice(0, maxChars), complete: false };
    }
  } catch {
    return { text, complete: false };
  }
  return { text, complete: true };
}
