import { randomUUID } from 'node:crypto';
import { BlockingCalls, BlockingCallTimeout } from '../../postgres/BlockingCalls';
import { redactUrl } from '../../redactUrl';
import { RegistryStateError } from '../errors';
import { EMPTY_REGISTRY_STATE, parseRegistryState, type RegistryState } from '../registryState';
import type { RegistryStateStore } from '../RegistryStateStore';

const ENTRY = new URL('./pgRegistryWorker.ts', import.meta.url);
const OPEN_TIMEOUT_MS = 30_000;
const CALL_TIMEOUT_MS = 30_000;

/**
 * The model registry's state in the deployment's PostgreSQL database (`CHAT_TOPICS_DATABASE_URL`): one active
 * version for every node. A write is announced with `NOTIFY`; the other nodes' registries read the state again and
 * tell their listeners, and the server's `ModelSwitcher` then switches that node's live embedder. node-postgres runs
 * in a thread of its own and each call waits for its answer (`BlockingCalls`), as `PgArchive` does.
 *
 * @example
 * const registry = ModelRegistry.open(modelsPath(config), { state: PgRegistryState.open(url), logger });
 */
export class PgRegistryState implements RegistryStateStore {
  readonly label: string;
  private readonly listeners = new Set<() => void>();
  private closed = false;

  private constructor(
    url: string,
    private readonly calls: BlockingCalls,
  ) {
    this.label = redactUrl(url);
    calls.worker.on('message', (message: { type?: string }) => {
      if (message.type === 'changed') this.listeners.forEach((l) => l());
    });
  }

  /**
   * Connects (creating the table in a database without it) and checks its version.
   * @param url `postgres://user:password@host:port/database`
   * @throws RegistryStateError naming the database (password hidden) when it cannot be reached or is too new
   */
  static open(url: string): PgRegistryState {
    const calls = new BlockingCalls(ENTRY, { url, token: randomUUID() });
    const store = new PgRegistryState(url, calls);
    try {
      store.call('open', [], OPEN_TIMEOUT_MS);
    } catch (err) {
      void calls.terminate();
      throw err;
    }
    return store;
  }

  private call<T>(op: string, args: unknown[], timeoutMs = CALL_TIMEOUT_MS): T {
    if (this.closed) throw new RegistryStateError(`${this.label}: the model registry state is closed`);
    try {
      return this.calls.call<T>(op, args, timeoutMs);
    } catch (err) {
      const why = err instanceof BlockingCallTimeout ? 'PostgreSQL did not answer in time' : (err as Error).message;
      throw new RegistryStateError(
        `${this.label}: ${op === 'open' ? 'cannot open the model registry state' : `model registry: ${op}`}: ${why}`,
        { cause: err },
      );
    }
  }

  read(): RegistryState {
    const text = this.call<string | null>('read', []);
    return text === null
      ? structuredClone(EMPTY_REGISTRY_STATE)
      : parseRegistryState(text, `${this.label} (chat_topics_registry)`);
  }

  write(state: RegistryState): void {
    this.call('write', [JSON.stringify(state)]);
  }

  onExternalChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    if (this.closed) return;
    try {
      this.call('close', [], 10_000);
    } catch {
      // Closing a broken connection: the thread ends below either way.
    }
    this.closed = true;
    this.listeners.clear();
    void this.calls.terminate();
  }
}
