import type { Worker } from 'node:worker_threads';
import type { ChatMessage } from '../../contracts/chat';
import { startTsWorker } from '../../models/runtime/startTsWorker';
import { ArchiveError } from '../errors';
import type { Logger } from '../logger';
import type { Archive, StreamDeletion } from './Archive';
import { ArchiveWriter, type ArchiveWriterOptions } from './ArchiveWriter';
import type { FromArchiveWorker, ToArchiveWorker } from './archiveWorkerProtocol';

const ENTRY = new URL('./archiveWorker.ts', import.meta.url);

/** Where the hub sends live chat to be archived: in-process (`ArchiveWriter`) or in a worker (`ThreadedArchiveWriter`). */
export interface ArchiveSink {
  write(messages: readonly ChatMessage[]): void;
  /** Marks archived messages deleted (after what was written before); resolves with the ids marked. */
  applyDeletion(streamId: string, deletion: StreamDeletion): string[] | Promise<string[]>;
  stats(): { written: number; pending: number; failed: number };
}

interface Waiter {
  resolve(ids: string[]): void;
  reject(err: Error): void;
}

/**
 * Writes live chat to the archive from a worker thread. SQLite commits are the largest cost of ingest (about 60 µs
 * a message here, a third of a core at 5,000 msg/s); on the main thread, under a burst, each 500-message commit
 * stalled the event loop for tens to hundreds of milliseconds — the dashboard, `/api/config` and tmi.js's socket
 * waited behind them. In the worker they run beside the event loop.
 *
 * Nothing is lost to the thread boundary: messages are handed over at most every few milliseconds, numbered, and
 * kept until the worker confirms their commit; if the worker dies, the unconfirmed ones are written again (the
 * archive ignores a message it already has) by an in-process `ArchiveWriter`, which takes over for the rest of the
 * run. A hard kill of the process loses what it did before: at most `flushMs` of chat.
 */
export class ThreadedArchiveWriter implements ArchiveSink {
  private readonly worker: Worker;
  private buffer: ChatMessage[] = [];
  private handOver: NodeJS.Immediate | null = null;
  private batch = 0;
  /** Handed-over batches not yet confirmed committed, by number. */
  private readonly unconfirmed = new Map<number, ChatMessage[]>();
  private readonly waiters = new Map<number, Waiter>();
  private nextId = 1;
  private written = 0;
  private failed = 0;
  private fallback: ArchiveWriter | null = null;
  private closing: Promise<void> | null = null;

  /**
   * @param archive the main thread's connection: only used if the worker dies
   * @example const writer = new ThreadedArchiveWriter(archive, { batchSize: 500, flushMs: 200 }, logger);
   */
  constructor(
    private readonly archive: Archive,
    private readonly options: ArchiveWriterOptions,
    private readonly logger: Logger,
  ) {
    this.worker = startTsWorker(ENTRY, {
      data: { file: archive.location, batchSize: options.batchSize, flushMs: options.flushMs, logLevel: logger.level },
    });
    this.worker.on('message', (message: FromArchiveWorker) => this.onMessage(message));
    this.worker.on('error', (err) => this.takeOver(err));
    this.worker.on('exit', (code) => {
      if (!this.closing) this.takeOver(new ArchiveError(`the archive worker exited with code ${code}`));
    });
  }

  /** Queues messages; they reach the worker within the current turn of the event loop. */
  write(messages: readonly ChatMessage[]): void {
    if (this.fallback) return this.fallback.write(messages);
    for (const m of messages) this.buffer.push(m);
    // One hand-over per turn of the event loop, not one per message: a burst arrives as frames of dozens.
    this.handOver ??= setImmediate(() => this.post());
  }

  applyDeletion(streamId: string, deletion: StreamDeletion): Promise<string[]> {
    if (this.fallback) return Promise.resolve(this.fallback.applyDeletion(streamId, deletion));
    this.post();
    return this.request({ type: 'delete', id: this.nextId++, streamId, deletion });
  }

  /** Resolves once everything written so far is committed. */
  async flush(): Promise<void> {
    if (this.fallback) return this.fallback.flush();
    this.post();
    await this.request({ type: 'flush', id: this.nextId++ });
  }

  stats(): { written: number; pending: number; failed: number } {
    const inFlight = this.buffer.length + [...this.unconfirmed.values()].reduce((n, b) => n + b.length, 0);
    const own = { written: this.written, pending: inFlight, failed: this.failed };
    if (!this.fallback) return own;
    const f = this.fallback.stats();
    return { written: own.written + f.written, pending: f.pending, failed: own.failed + f.failed };
  }

  /** Commits everything, closes the worker's connection and stops it; the main archive stays open (its owner closes it). */
  close(): Promise<void> {
    return (this.closing ??= (async () => {
      if (this.handOver) clearImmediate(this.handOver);
      if (this.fallback) return this.fallback.close();
      this.post();
      try {
        await this.request({ type: 'close', id: this.nextId++ });
      } catch (err) {
        this.logger.error({ err }, 'archive worker: closing failed');
      }
      await this.worker.terminate();
      // Died while closing: what it had not confirmed was handed to the fallback, which commits it now.
      (this.fallback as ArchiveWriter | null)?.close();
    })());
  }

  private post(): void {
    if (this.handOver) {
      clearImmediate(this.handOver);
      this.handOver = null;
    }
    if (this.buffer.length === 0 || this.fallback) return;
    const messages = this.buffer;
    this.buffer = [];
    this.batch++;
    this.unconfirmed.set(this.batch, messages);
    this.worker.postMessage({ type: 'write', batch: this.batch, messages } satisfies ToArchiveWorker);
  }

  private request(message: Extract<ToArchiveWorker, { id: number }>): Promise<string[]> {
    return new Promise<string[]>((resolve, reject) => {
      this.waiters.set(message.id, { resolve, reject });
      this.worker.postMessage(message);
    });
  }

  private onMessage(message: FromArchiveWorker): void {
    if (message.type === 'ready') return;
    if (message.type === 'committed') {
      for (const n of this.unconfirmed.keys()) if (n <= message.batch) this.unconfirmed.delete(n);
      this.written = message.written;
      this.failed = message.failed;
      return;
    }
    const waiter = this.waiters.get(message.id);
    if (!waiter) return;
    this.waiters.delete(message.id);
    if (message.type === 'done') waiter.resolve(message.ids);
    else waiter.reject(new ArchiveError(`archive worker: ${message.error}`));
  }

  /** The worker died: an in-process writer takes over, starting with what the worker had not committed. */
  private takeOver(err: Error): void {
    if (this.fallback) return;
    const replay = [...this.unconfirmed.keys()].sort((a, b) => a - b).flatMap((n) => this.unconfirmed.get(n)!);
    this.unconfirmed.clear();
    this.logger.error(
      { err, rewriting: replay.length + this.buffer.length },
      'archive worker died; writing the archive on the main thread from now on',
    );
    this.fallback = new ArchiveWriter(this.archive, this.options, this.logger);
    this.fallback.write([...replay, ...this.buffer]);
    this.buffer = [];
    this.fallback.flush();
    for (const waiter of this.waiters.values()) waiter.reject(err);
    this.waiters.clear();
  }
}
