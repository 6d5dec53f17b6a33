import type { ChatTopicsError } from '../errors';
import { redactUrl } from '../redactUrl';
import { BlockingCallTimeout } from './BlockingCalls';
import { PgHost } from './PgHost';
import type { PgServiceMessage } from './PgService';

/** The error class a store reports its database's failures with. */
type ErrorClass = new (message: string, options?: { cause?: unknown }) => ChatTopicsError;

/** How long opening or a call may take unless a store says otherwise. */
const DEFAULT_TIMEOUT_MS = 30_000;

export interface PgThreadOptions {
  /** The store's service module: it exports `service` (a `PgService`: `open`, `close` and the store's operations). */
  entry: URL;
  /** A `postgres://` URL; the service gets it as `data.url`. */
  url: string;
  /** More data for the service (it also gets the URL and a random token of its own: see `PgServiceContext`). */
  data?: Record<string, unknown>;
  /** What is opened, for messages: `the archive`, `the analysis store`. */
  what: string;
  /** Put before an operation's name in messages (`analyses: `); empty for none. */
  opPrefix: string;
  /** The store's own error class (kind `upstream` or the archive's). */
  error: ErrorClass;
  /** The longest `open` may take (a new thread, then PostgreSQL's answer and the schema check). Default 30 s. */
  openTimeoutMs?: number;
  /** The longest any other call may take. Default 30 s. */
  callTimeoutMs?: number;
}

/**
 * A synchronous store's handle on the process's database thread (`PgHost`): its service runs there and each call
 * waits for its answer (`BlockingCalls`). Every failure is the store's error class, its message naming the database
 * with its password hidden, the operation and PostgreSQL's reason. `PgArchive`, `PgAnalysisStore`, `PgRegistryState`
 * and `PgJobStore` sit on it.
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
    private readonly host: PgHost,
    private readonly handle: number,
  ) {
    this.label = redactUrl(options.url);
  }

  /**
   * Attaches the store's service to the database thread (started if none runs) and opens it.
   * @throws the store's error class naming the database when it cannot be opened
   */
  static open(options: PgThreadOptions): PgThread {
    const { host, handle } = PgHost.acquire(options.url);
    const thread = new PgThread(options, host, handle);
    try {
      const data = options.data ?? {};
      thread.request('open', 'attach', [handle, options.entry.href, data], options.openTimeoutMs ?? DEFAULT_TIMEOUT_MS);
    } catch (err) {
      // A service that failed to open may hold a connection: detached before the handle goes.
      thread.detach();
      throw err;
    }
    return thread;
  }

  /** Messages the service posts on its own (notifications), as `{ type }` objects. */
  onMessage(listener: (message: PgServiceMessage) => void): void {
    this.host.listen(this.handle, listener);
  }

  /**
   * Calls an operation and waits for its answer.
   * @throws the store's error class, naming the database and the operation
   */
  call<T>(op: string, args: unknown[], timeoutMs = this.options.callTimeoutMs ?? DEFAULT_TIMEOUT_MS): T {
    const { what, error: StoreError } = this.options;
    if (this.closed) throw new StoreError(`${this.label}: ${what} is closed`);
    return this.request<T>(op, `${this.handle}:${op}`, args, timeoutMs);
  }

  /** Closes the service's connections and gives the handle back. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.detach();
  }

  private detach(): void {
    try {
      this.host.calls.call('detach', [this.handle], 10_000);
    } catch {
      // Closing a broken connection: the handle goes below either way.
    }
    this.host.release(this.handle);
  }

  /** @param op the operation's name for messages; `wire` what the thread is asked */
  private request<T>(op: string, wire: string, args: unknown[], timeoutMs: number): T {
    const { what, opPrefix, error: StoreError } = this.options;
    try {
      return this.host.calls.call<T>(wire, args, timeoutMs);
    } catch (err) {
      const why = err instanceof BlockingCallTimeout ? 'PostgreSQL did not answer in time' : (err as Error).message;
      throw new StoreError(`${this.label}: ${op === 'open' ? `cannot open ${what}` : `${opPrefix}${op}`}: ${why}`, {
        cause: err,
      });
    }
  }
}
