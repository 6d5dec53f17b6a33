import type { ChatMessage } from '../../contracts/chat';

/**
 * A chat message as live ingest produces it: everything but the stream session fields, which the
 * `StreamSegmenter` assigns afterwards (`{ ...live, streamId, elapsed }` is a `ChatMessage`).
 */
export type LiveChatMessage = Omit<ChatMessage, 'streamId' | 'elapsed'>;
