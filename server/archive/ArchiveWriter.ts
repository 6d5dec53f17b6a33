import type { ChatMessage } from '../../contracts/chat';
import type { Logger } from '../logger';
import type { Archive, StreamDeletion } from './Archive';
import { isRefusedData } from './writeFailure';

export interface ArchiveWriterOptions {
  /** Flush when this many messages are pending. */
  batchSize: number;
  /** Flush at most this long after the first pending message. */
  flushMs: number;
  /**
   * How many messages a failing archive (a PostgreSQL away for a restart or a network cut) may leave waiting for
   * their commit before the oldest are dropped and counted as failed. Default: 100 batches.
   */
  maxRetained?: number;
}

/** The longest pause between two tries of a failing archive. */
const MAX_RETRY_MS = 5000;

/**
 * Batches archive writes: one transaction per batch instead of one per message (the difference between a few
 * thousand and a few hundred thousand messages per second). What a hard kill can lose is bounded by the batch:
 * at most `flushMs` milliseconds or `batchSize` messages of chat received but not yet committed.
 *
 * A batch whose commit fails is kept and tried again, with a growing pause (up to 5 s), together with what came
 * since: a database that comes back within `maxRetained` messages loses nothing. Trying again is safe because the
 * archive ignores a message it already has (a commit whose answer was lost). A batch refused for its data
 * (`isRefusedData`: it would fail forever) is written again stream by stream, so only the refused stream's messages
 * are dropped, counted as failed: one bad stream never holds the other channels' chat back.
 */
export class ArchiveWriter {
  private pending: ChatMessage[] = [];
  private timer: NodeJS.Timeout | null = null;
  private written = 0;
  private failed = 0;
  /** While the archive fails: when to try again, and the pause after the next failure. */
  private retryAt = 0;
  private retryMs = 0;
  private readonly maxRetained: number;

  constructor(
    private readonly archive: Archive,
    private readonly options: ArchiveWriterOptions,
    private readonly logger: Logger,
  ) {
    this.maxRetained = options.maxRetained ?? options.batchSize * 100;
  }

  /** Queues messages; flushes at once if the batch is full (unless the archive is failing: then at its next try). */
  write(messages: readonly ChatMessage[]): void {
    for (const m of messages) this.pending.push(m);
    if (this.pending.length >= this.options.batchSize && Date.now() >= this.retryAt) this.flush();
    else this.schedule(this.retryAt > Date.now() ? this.retryAt - Date.now() : this.options.flushMs);
  }

  private schedule(delayMs: number): void {
    if (!this.timer && this.pending.length > 0) this.timer = setTimeout(() => this.flush(), delayMs);
  }

  /** Commits everything pending in one transaction; keeps it for another try if the archive fails. */
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
      if (this.retryMs > 0)
        this.logger.warn({ count: batch.length }, 'archive writes back: the kept messages are written');
      this.retryAt = 0;
      this.retryMs = 0;
    } catch (err) {
      if (isRefusedData(err)) return this.writeApart(batch, err);
      this.pending = batch.concat(this.pending);
      const dropped = this.pending.length - this.maxRetained;
      if (dropped > 0) {
        this.pending.splice(0, dropped);
        this.failed += dropped;
      }
      this.retryMs = Math.min(MAX_RETRY_MS, Math.max(this.options.flushMs, this.retryMs * 2));
      this.retryAt = Date.now() + this.retryMs;
      // Keep the server alive; the count shows up in stats and the log says why.
      this.logger.error(
        { err, kept: this.pending.length, dropped: Math.max(0, dropped), retryMs: this.retryMs },
        'archive write failed; kept for another try',
      );
      this.schedule(this.retryMs);
    }
  }

  /** Writes a refused batch stream by stream; drops (and counts) the messages of the streams refused again. */
  private writeApart(batch: ChatMessage[], refusal: unknown): void {
    const byStream = new Map<string, ChatMessage[]>();
    for (const m of batch) {
      const list = byStream.get(m.streamId);
      if (list) list.push(m);
      else byStream.set(m.streamId, [m]);
    }
    // One stream: it is the one refused.
    if (byStream.size === 1) return this.drop(batch, refusal);
    for (const messages of byStream.values()) {
      try {
        this.archive.insertMessages(messages);
        this.written += messages.length;
      } catch (err) {
        this.drop(messages, err);
      }
    }
  }

  private drop(messages: ChatMessage[], err: unknown): void {
    this.failed += messages.length;
    this.logger.error(
      { err, streamId: messages[0]!.streamId, count: messages.length },
      'archive refused these messages; dropped',
    );
  }

  /**
   * Applies a moderation event to the archive (after flushing, so messages still in the batch are covered).
   * @returns the ids marked deleted.
   */
  applyDeletion(streamId: string, deletion: StreamDeletion): string[] {
    this.flush();
    return this.archive.markDeleted(streamId, deletion);
  }

  /** `pending` includes what a failing archive keeps for another try; `failed` what was dropped. */
  stats(): { written: number; pending: number; failed: number } {
    return { written: this.written, pending: this.pending.length, failed: this.failed };
  }

  /** Flushes and stops the timer; the archive itself stays open (its owner closes it). */
  close(): void {
    this.flush();
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }
}
