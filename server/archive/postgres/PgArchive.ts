import type { ChannelRef, ChatMessage, StreamInfo, StreamSummary } from '../../../contracts/chat';
import { ArchiveError } from '../../errors';
import {
  iteratePages,
  requireStreamIn,
  type Archive,
  type ArchivePage,
  type NewStream,
  type PageCursor,
  type StreamDeletion,
} from '../Archive';
import { PgThread } from '../../postgres/PgThread';

const ENTRY = new URL('./pgArchiveService.ts', import.meta.url);

/** The longest one operation may take: deleting a stream of millions of messages is the slowest we have. */
const CALL_TIMEOUT_MS = 120_000;

/**
 * The archive on PostgreSQL, shared by every node of a deployment (`CHAT_TOPICS_DATABASE_URL`). Same schema version,
 * same behaviour and the same synchronous interface as `SqliteArchive`: node-postgres runs in the process's database
 * thread (`PgThread`, service `pgArchiveService`) and each call waits for its answer (`BlockingCalls`), about a network round trip more than a
 * SQLite read. Live writes go through the archive writer's thread as with SQLite, so the event loop does not wait for
 * commits; what waits is a listing, a replay's next page, a stream's creation.
 *
 * @example
 * const archive = PgArchive.open('postgres://chat:secret@db/chat_topics');
 * archive.listStreams();
 */
export class PgArchive implements Archive {
  private readonly streamListeners = new Set<() => void>();

  private constructor(
    readonly location: string,
    private readonly thread: PgThread,
  ) {
    thread.onMessage((message) => {
      if (message.type === 'streams-changed') this.changed();
    });
  }

  get label(): string {
    return this.thread.label;
  }

  /**
   * Connects (creating the schema in an empty database) and checks the schema version.
   * @param url `postgres://user:password@host:port/database`
   * @throws ArchiveError naming the database (password hidden) when it cannot be reached or is too new
   */
  static open(url: string): PgArchive {
    const thread = PgThread.open({
      entry: ENTRY,
      url,
      what: 'the archive',
      opPrefix: '',
      error: ArchiveError,
      callTimeoutMs: CALL_TIMEOUT_MS,
    });
    return new PgArchive(url, thread);
  }

  private call<T>(op: string, args: unknown[]): T {
    return this.thread.call<T>(op, args);
  }

  private changed(): void {
    this.streamListeners.forEach((l) => l());
  }

  createStream(info: NewStream): StreamInfo {
    const created = this.call<StreamInfo>('createStream', [info]);
    this.changed();
    return created;
  }

  insertMessages(messages: readonly ChatMessage[]): number {
    return messages.length === 0 ? 0 : this.call<number>('insertMessages', [messages]);
  }

  finishStream(streamId: string, messages: readonly ChatMessage[]): number {
    const inserted = this.call<number>('finishStream', [streamId, messages]);
    this.changed();
    return inserted;
  }

  markDeleted(streamId: string, deletion: StreamDeletion): string[] {
    return this.call<string[]>('markDeleted', [streamId, deletion]);
  }

  listStreams(): StreamSummary[] {
    return this.call<StreamSummary[]>('listStreams', []);
  }

  getStream(id: string): StreamSummary | null {
    return this.call<StreamSummary | null>('getStream', [id]);
  }

  requireStream(id: string): StreamSummary {
    return requireStreamIn(this, id);
  }

  deleteStream(id: string): void {
    this.call('deleteStream', [id]);
    this.changed();
  }

  onStreamsChanged(listener: () => void): () => void {
    this.streamListeners.add(listener);
    return () => this.streamListeners.delete(listener);
  }

  iterateMessages(streamId: string, pageSize = 2000): IterableIterator<ChatMessage> {
    return iteratePages(this, streamId, pageSize);
  }

  countMessagesBefore(streamId: string, elapsed: number): number {
    return this.call<number>('countMessagesBefore', [streamId, elapsed]);
  }

  readPage(streamId: string, after: PageCursor | null, limit: number): ArchivePage {
    return this.call<ArchivePage>('readPage', [streamId, after, limit]);
  }

  latestStream(channel: ChannelRef): { streamId: string; startedAt: number; lastTs: number } | null {
    return this.call('latestStream', [{ platform: channel.platform, name: channel.name }]);
  }

  close(): void {
    this.thread.close();
    this.streamListeners.clear();
  }
}
