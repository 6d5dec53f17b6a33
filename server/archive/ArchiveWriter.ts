import type { ChatMessage } from '../../contracts/chat';
import type { Logger } from '../logger';
import type { Archive, StreamDeletion } from './Archive';

export interface ArchiveWriterOptions {
  /** Flush when this many messages are pending. */
  batchSize: number;
  /** Flush at most this long after the first pending message. */
  flushMs: number;
}

/**
 * Batches archive writes: one transaction per batch instead of one per message (the difference between a few
 * thousand and a few hundred thousand messages per second). What a hard kill can lose is bounded by the batch:
 * at most `flushMs` milliseconds or `batchSize` messages of chat received but not yet committed.
 */
export class ArchiveWriter {
  private pending: ChatMessage[] = [];
  private timer: NodeJS.Timeout | null = null;
  private written = 0;
  private failed = 0;

  constructor(
    private readonly archive: Archive,
    private readonly options: ArchiveWriterOptions,
    private readonly logger: Logger,
  ) {}

  /** Queues messages; flushes at once if the batch is full. */
  write(messages: readonly ChatMessage[]): void {
    for (const m of messages) this.pending.push(m);
    if (this.pending.length >= this.options.batchSize) this.flush();
    else if (!this.timer && this.pending.length > 0) this.timer = setTimeout(() => this.flush(), this.options.flushMs);
  }

  /** Commits everything pending in one transaction. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      this.archive.insertMessages(batch);
      this.written += batch.length;
    } catch (err) {
      // Keep the server alive; the count shows up in stats and the log says why.
      this.failed += batch.length;
      this.logger.error({ err, count: batch.length }, 'archive write failed');
    }
  }

  /**
   * Applies a moderation event to the archive (after flushing, so messages still in the batch are covered).
   * @returns the ids marked deleted.
   */
  applyDeletion(streamId: string, deletion: StreamDeletion): string[] {
    this.flush();
    return this.archive.markDeleted(streamId, deletion);
  }

  stats(): { written: number; pending: number; failed: number } {
    return { written: this.written, pending: this.pending.length, failed: this.failed };
  }

  /** Flushes and stops the timer; the archive itself stays open (its owner closes it). */
  close(): void {
    this.flush();
  }
}
