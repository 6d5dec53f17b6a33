import { PgThread } from '../../postgres/PgThread';
import { RegistryStateError } from '../errors';
import { EMPTY_REGISTRY_STATE, parseRegistryState, type RegistryState } from '../registryState';
import type { RegistryStateStore } from '../RegistryStateStore';

const ENTRY = new URL('./pgRegistryService.ts', import.meta.url);

/**
 * The model registry's state in the deployment's PostgreSQL database (`CHAT_TOPICS_DATABASE_URL`): one active
 * version for every node. A write is announced with `NOTIFY`; the other nodes' registries read the state again and
 * tell their listeners, and the server's `ModelSwitcher` then switches that node's live embedder. node-postgres runs
 * in the process's database thread (`PgThread`) and each call waits for its answer, as `PgArchive`'s do.
 *
 * @example
 * const registry = ModelRegistry.open(modelsPath(config), { state: PgRegistryState.open(url), logger });
 */
export class PgRegistryState implements RegistryStateStore {
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly thread: PgThread) {
    thread.onMessage((message) => {
      if (message.type === 'changed') this.listeners.forEach((l) => l());
    });
  }

  get label(): string {
    return this.thread.label;
  }

  /**
   * Connects (creating the table in a database without it) and checks its version.
   * @param url `postgres://user:password@host:port/database`
   * @throws RegistryStateError naming the database (password hidden) when it cannot be reached or is too new
   */
  static open(url: string): PgRegistryState {
    const thread = PgThread.open({
      entry: ENTRY,
      url,
      what: 'the model registry state',
      opPrefix: 'model registry: ',
      error: RegistryStateError,
    });
    return new PgRegistryState(thread);
  }

  private call<T>(op: string, args: unknown[]): T {
    return this.thread.call<T>(op, args);
  }

  read(): RegistryState {
    return this.readVersioned().state;
  }

  /** The version is the row's text as stored: a write in between changes it. */
  readVersioned(): { state: RegistryState; version: string | null } {
    const text = this.call<string | null>('read', []);
    const state =
      text === null
        ? structuredClone(EMPTY_REGISTRY_STATE)
        : parseRegistryState(text, `${this.label} (chat_topics_registry)`);
    return { state, version: text };
  }

  writeIf(state: RegistryState, version: string | null): boolean {
    return this.call<boolean>('writeIf', [JSON.stringify(state), version]);
  }

  onExternalChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.thread.close();
    this.listeners.clear();
  }
}
