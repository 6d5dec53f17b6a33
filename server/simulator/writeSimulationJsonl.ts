import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { StreamInfo } from '../../contracts/chat';
import { JSONL_VERSION, type JsonlStreamLine } from '../../contracts/jsonl';
import { simulateChat, type SimulateChatOptions } from './ChatSimulator';

/** Bytes buffered before a write: large enough to be fast, small enough to stream. */
const CHUNK_BYTES = 64 * 1024;

/** The `StreamInfo` of a simulated stream (`source: 'simulator'`, parameters in the title). */
export function simulationStreamInfo(options: SimulateChatOptions): StreamInfo {
  const channel = (options.channel ?? 'demo').replace(/^#/, '').toLowerCase();
  return {
    id: options.streamId,
    channel,
    source: 'simulator',
    title: `simulated chat: seed ${options.seed}, ${options.ratePerSecond} msg/s, ${options.minutes} min`,
    startedAt: options.startedAt,
    absoluteTime: true,
    importFormat: null,
  };
}

/**
 * Writes a simulated stream as our JSONL (header line, then one `{"kind":"message",...}` line per message),
 * streaming with backpressure: memory stays flat whatever the length. Does not end `writable`.
 * @returns the number of message lines written.
 * @throws RangeError on invalid options; rejects when the writable errors.
 */
export async function writeSimulationJsonl(
  options: SimulateChatOptions,
  writable: Writable,
): Promise<{ messages: number }> {
  const header: JsonlStreamLine = { kind: 'stream', version: JSONL_VERSION, stream: simulationStreamInfo(options) };
  let chunk = JSON.stringify(header) + '\n';
  let messages = 0;
  const flush = async (): Promise<void> => {
    const ok = writable.write(chunk);
    chunk = '';
    if (!ok) await once(writable, 'drain');
  };
  for (const m of simulateChat(options)) {
    chunk += JSON.stringify({ kind: 'message', ...m }) + '\n';
    messages++;
    if (chunk.length >= CHUNK_BYTES) await flush();
  }
  if (chunk.length > 0) await flush();
  return { messages };
}
