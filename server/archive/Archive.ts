import type { ChannelRef, ChatMessage, StreamInfo, StreamSummary } from '../../contracts/chat';
import { ArchiveError } from '../errors';

/** A moderation event as it applies inside one stream (the channel is implied by the stream). */
export type StreamDeletion =
  | { kind: 'message'; messageId: string }
  | { kind: 'user'; login: string; ts: number }
  | { kind: 'channel'; ts: number };

/** Position in a stream's time order: (elapsed, insertion order). */
export interface PageCursor {
  elapsed: number;
  rowid: number;
}

/** A stream to create: `id` is kept when free; `complete: false` for an import still writing it. */
export type NewStream = Omit<StreamInfo, 'id'> & { id?: string; complete?: boolean };

/** One page of a stream in time order, and the cursor of the next (`null` after the last). */
export interface ArchivePage {
  messages: ChatMessage[];
  cursor: PageCursor | null;
}

/**
 * The chat archive: streams and their messages. Two back ends implement it: `SqliteArchive` (one file, the embedded
 * default) and `PgArchive` (a PostgreSQL database that several nodes share); `openArchive` picks one from a location.
 *
 * The interface is synchronous on purpose: the live path names a stream when its first message arrives and the
 * replay reads its next page from a timer, both without an `await` between a message and its stream. The PostgreSQL
 * back end keeps that contract by waiting on its own thread's connection (see `PgArchive`).
 */
export interface Archive {
  /** What `openArchive` takes to open this same archive from another thread or process (a path or a URL). */
  readonly location: string;
  /** The location as it may be shown or logged (a URL's password hidden). */
  readonly label: string;
  /**
   * Creates a stream. Its id is `<channel>-<yyyymmdd-hhmmss>` of its start (see `streamIdBase`), made unique with a
   * suffix; a requested `id` is kept when it is free. `platform` defaults to `twitch`.
   */
  createStream(info: NewStream): StreamInfo;
  /**
   * Inserts messages in one transaction. A message whose (stream, id) is already stored is ignored.
   * @returns how many were new.
   */
  insertMessages(messages: readonly ChatMessage[]): number;
  /**
   * Writes an import's last messages and marks its stream complete, in one transaction: a process killed before
   * this commits leaves the stream incomplete (`complete: false` in `listStreams`), never complete with messages
   * missing.
   * @returns how many of `messages` were new.
   */
  finishStream(streamId: string, messages: readonly ChatMessage[]): number;
  /**
   * Marks messages of one stream deleted by a moderation event: one message by id; a user's messages sent up to a
   * timeout or ban; every message sent up to a chat clear. Scoped to a stream on purpose: a `/clear` today must
   * not hide last month's archive.
   * @returns the ids newly marked.
   */
  markDeleted(streamId: string, deletion: StreamDeletion): string[];
  /** All streams, newest first, with their message counts; `complete: false` for an import cut short. */
  listStreams(): StreamSummary[];
  getStream(id: string): StreamSummary | null;
  /** Like `getStream` but throws an `ArchiveError` naming the missing id. */
  requireStream(id: string): StreamSummary;
  deleteStream(id: string): void;
  /**
   * Calls `listener` after a stream is created, finished or deleted (by this process, or by another one sharing a
   * PostgreSQL archive). @returns an unsubscribe function.
   */
  onStreamsChanged(listener: () => void): () => void;
  /** Reads a stream's messages in time order, lazily, a page at a time: constant memory for any stream. */
  iterateMessages(streamId: string, pageSize?: number): IterableIterator<ChatMessage>;
  /** Messages of a stream strictly before `elapsed` seconds: what a replay that jumps there has played. */
  countMessagesBefore(streamId: string, elapsed: number): number;
  /**
   * One page of a stream in time order, for readers that must not hold a statement open between pages. Pass the
   * returned cursor to get the next page.
   * @param after `null` for the first page, or a cursor; `{ elapsed: x, rowid: -1 }` starts at elapsed x (seek).
   */
  readPage(streamId: string, after: PageCursor | null, limit: number): ArchivePage;
  /**
   * The latest live stream of a channel, for resuming a live session after a restart or a takeover. The platform
   * counts: `zerator` on Twitch and on another platform are two channels. Its last message is the one of the latest
   * elapsed (a live stream's elapsed follows its times), read from the time index instead of scanning the stream.
   */
  latestStream(channel: ChannelRef): { streamId: string; startedAt: number; lastTs: number } | null;
  close(): void;
}

/**
 * `iterateMessages` over any `readPage`: no statement stays open between pages.
 * @param from where to start (`{ elapsed: x, rowid: -1 }`: at elapsed x); null: the stream's first message
 */
export function* iteratePages(
  archive: Pick<Archive, 'readPage'>,
  streamId: string,
  pageSize = 2000,
  from: PageCursor | null = null,
) {
  let cursor: PageCursor | null = from;
  do {
    const page = archive.readPage(streamId, cursor, pageSize);
    yield* page.messages;
    cursor = page.cursor;
  } while (cursor);
}

/** `requireStream` over any `getStream`: the same error, naming the id, from every back end. */
export function requireStreamIn(archive: Pick<Archive, 'getStream'>, id: string): StreamSummary {
  const stream = archive.getStream(id);
  if (!stream)
    throw new ArchiveError(`no stream "${id}" in the archive (chat-topics streams lists them)`, {
      code: 'stream.unknown',
      params: { streamId: id },
    });
  return stream;
}
