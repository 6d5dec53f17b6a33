import type { ChatMessage, StreamInfo } from './chat';

/**
 * Our JSONL chat format, version 1 (what `chat-topics export` writes and `import --format jsonl` reads;
 * the simulator writes it too).
 *
 * - Line 1 (optional on import): `{"kind":"stream","version":1,"stream":StreamInfo}`.
 * - Then one line per message: `{"kind":"message", ...ChatMessage}` in elapsed order.
 *
 * Every message line is self-contained, so a file without its header still imports (channel and times come
 * from the messages).
 */
export const JSONL_VERSION = 1;

export interface JsonlStreamLine {
  kind: 'stream';
  version: number;
  stream: StreamInfo;
}

export type JsonlMessageLine = { kind: 'message' } & ChatMessage;

export type JsonlLine = JsonlStreamLine | JsonlMessageLine;
