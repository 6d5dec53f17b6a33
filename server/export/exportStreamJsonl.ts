import type { Writable } from 'node:stream';
import type { StreamInfo } from '../../contracts/chat';
import { JSONL_VERSION, type JsonlMessageLine, type JsonlStreamLine } from '../../contracts/jsonl';
import type { Archive } from '../archive/Archive';

/** Bytes gathered before a write: few syscalls, flat memory. */
const CHUNK_CHARS = 64 * 1024;

/** Waits for `drain`; rejects if the writable errors or closes first (a closed pipe would never drain). */
function drained(writable: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (err?: Error) => {
      writable.off('drain', onDrain);
      writable.off('close', onClose);
      writable.off('error', settle);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new Error('the output closed before the export ended'));
    writable.on('drain', onDrain);
    writable.on('close', onClose);
    writable.on('error', settle);
  });
}

/**
 * Writes a stream as our JSONL (contracts/jsonl.ts): the `{"kind":"stream"}` header line, then one
 * `{"kind":"message"}` line per message in time order. Streams with backpressure; memory stays flat for any
 * stream length. Does not end `writable`.
 *
 * `iterateMessages` reads page by page and holds no statement open, so waiting for the writable to drain never
 * blocks the live archive writer on the shared connection.
 * @returns the number of message lines written.
 * @throws ArchiveError when the stream does not exist (before anything is written).
 */
export async function exportStreamJsonl(
  archive: Archive,
  streamId: string,
  writable: Writable,
): Promise<{ messages: number }> {
  const summary = archive.requireStream(streamId);
  const stream: StreamInfo = {
    id: summary.id,
    channel: summary.channel,
    source: summary.source,
    title: summary.title,
    startedAt: summary.startedAt,
    absoluteTime: summary.absoluteTime,
    importFormat: summary.importFormat,
  };
  const header: JsonlStreamLine = { kind: 'stream', version: JSONL_VERSION, stream };
  let chunk = JSON.stringify(header) + '\n';
  let messages = 0;
  // Watch errors for the whole export: a closed pipe (EPIPE) may be reported between two of our writes.
  let failure: Error | null = null;
  const onError = (err: Error) => {
    failure ??= err;
  };
  writable.on('error', onError);
  const write = async () => {
    if (failure) throw failure;
    const ok = writable.write(chunk);
    chunk = '';
    if (!ok) await drained(writable);
  };
  try {
    for (const m of archive.iterateMessages(streamId)) {
      const line: JsonlMessageLine = { kind: 'message', ...m };
      chunk += JSON.stringify(line) + '\n';
      messages++;
      if (chunk.length >= CHUNK_CHARS) await write();
    }
    if (chunk.length > 0) await write();
    if (failure) throw failure;
  } finally {
    writable.off('error', onError);
  }
  return { messages };
}
