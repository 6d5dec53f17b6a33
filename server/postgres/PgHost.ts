import { BlockingCalls } from './BlockingCalls';
import type { PgServiceMessage } from './PgService';

const HOST_ENTRY = new URL('./pgHostWorker.ts', import.meta.url);

/**
 * The hosts of this thread, one per database URL. A cache of threads, as a pool caches connections: the stores open
 * and close their own handles and never see it.
 */
const hosts = new Map<string, PgHost>();

/**
 * The process's one thread for a PostgreSQL URL: node-postgres and the services of every store on that database (the
 * archive, the stored analyses, the registry state, the training jobs) run there, each on its own connections, and
 * the stores' synchronous calls are answered one at a time (`BlockingCalls`). One thread instead of one per store
 * saves about 30 MB a store. It ends with its last store.
 *
 * @example
 * const { host, handle } = PgHost.acquire(url); // PgThread.open does this, then attaches its service
 */
export class PgHost {
  readonly calls: BlockingCalls;
  private readonly listeners = new Map<number, (message: PgServiceMessage) => void>();
  private readonly handles = new Set<number>();
  private nextHandle = 1;

  private constructor(private readonly url: string) {
    this.calls = new BlockingCalls(HOST_ENTRY, { url });
    this.calls.worker.on('message', (message: PgServiceMessage & { handle: number }) =>
      this.listeners.get(message.handle)?.(message),
    );
    // A message listener refs the worker again: a CLI command that leaves a store open would never exit.
    this.calls.worker.unref();
  }

  /** The host of `url` in this thread, started if there is none (or the last one died), with a new handle taken. */
  static acquire(url: string): { host: PgHost; handle: number } {
    let host = hosts.get(url);
    if (!host || host.calls.dead) {
      host = new PgHost(url);
      hosts.set(url, host);
    }
    const handle = host.nextHandle++;
    host.handles.add(handle);
    return { host, handle };
  }

  /** Messages the handle's service posts. */
  listen(handle: number, listener: (message: PgServiceMessage) => void): void {
    this.listeners.set(handle, listener);
  }

  /** Gives a handle back (its service already detached); the thread ends with the last one. */
  release(handle: number): void {
    this.listeners.delete(handle);
    this.handles.delete(handle);
    if (this.handles.size > 0) return;
    if (hosts.get(this.url) === this) hosts.delete(this.url);
    void this.calls.terminate();
  }
}
