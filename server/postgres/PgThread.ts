import type { ChatTopicsError } from '../errors';
import { redactUrl } from '../redactUrl';
import { BlockingCalls, BlockingCallTimeout } from './BlockingCalls';

/** The error class a store reports its database's failures with. */
type ErrorClass = new (message: string, options?: { cause?: unknown }) => ChatTopicsError;

export interface PgThreadOptions {
  /** The worker module: it serves `open`, `close` and the store's operations (`serveBlockingCalls`). */
  entry: URL;
  /** A `postgres://` URL; the worker gets it as `workerData.url`. */
  url: string;
  /** More `workerData` for the worker. */
  data?: Record<string, unknown>;
  /** What is opened, for messages: `the archive`, `the analysis store`. */
  what: string;
  /** Put before an operation's name in messages (`analyses: `); empty for none. */
  opPrefix: string;
  /** The store's own error class (kind `upstream` or the archive's). */
  error: ErrorClass;
  /** The longest `open` may take (a new thread, then PostgreSQL's answer and the schema check). */
  openTimeoutMs: number;
  /** The longest any other call may take. */
  callTimeoutMs: number;
}

/**
 * A synchronous store's thread on PostgreSQL: node-postgres runs in a worker and each call waits for its answer
 * (`BlockingCalls`). Every failure is the store's error class, its message naming the database with its password
 * hidden, the operation and PostgreSQL's reason. `PgArchive`, `PgAnalysisStore` and `PgRegistryState` sit on it.
 *
 * @example
 * const thread = PgThread.open({ entry, url, what: 'the analysis store', opPrefix: 'analyses: ', error: AnalysisStoreError,
 *   openTimeoutMs: 30_000, callTimeoutMs: 120_000 });
 * thread.call<string | null>('read', []);
 */
export class PgThread {
  /** The URL with its password hidden. */
  readonly label: string;
  private closed = false;

  private constructor(
    private readonly options: PgThreadOptions,
    private readonly calls: BlockingCalls,
  ) {
    this.label = redactUrl(options.url);
  }

  /**
   * Starts the thread and calls its `open`.
   * @throws the store's error class naming the database when it cannot be opened
   */
  static open(options: PgThreadOptions): PgThread {
    const calls = new BlockingCalls(options.entry, { ...options.data, url: options.url });
    const thread = new PgThread(options, calls);
    try {
      thread.call('open', [], options.openTimeoutMs);
    } catch (err) {
      void calls.terminate();
      throw err;
    }
    return thread;
  }

  /** Messages the worker posts on its own (notifications), as `{ type }` objects. */
  onMessage(listener: (message: { type?: string }) => void): void {
    this.calls.worker.on('message', listener);
    // A message listener refs the worker again: without this, a CLI command that leaves its store open never exits.
    this.calls.worker.unref();
  }

  /**
   * Calls an operation and waits for its answer.
   * @throws the store's error class, naming the database and the operation
   */
  call<T>(op: string, args: unknown[], timeoutMs = this.options.callTimeoutMs): T {
    const { what, opPrefix, error: StoreError } = this.options;
    if (this.closed) throw new StoreError(`${this.label}: ${what} is closed`);
    try {
      return this.calls.call<T>(op, args, timeoutMs);
    } catch (err) {
      const why = err instanceof BlockingCallTimeout ? 'PostgreSQL did not answer in time' : (err as Error).message;
      throw new StoreError(`${this.label}: ${op === 'open' ? `cannot open ${what}` : `${opPrefix}${op}`}: ${why}`, {
        cause: err,
      });
    }
  }

  /** Closes the worker's connections, then ends it. Idempotent. */
  close(): void {
    if (this.closed) return;
    try {
      this.call('close', [], 10_000);
    } catch {
      // Closing a broken connection: the thread ends below either way.
    }
    this.closed = true;
    void this.calls.terminate();
  }
}
