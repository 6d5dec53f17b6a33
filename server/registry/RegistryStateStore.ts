import path from 'node:path';
import { readRegistryState, type RegistryState } from './registryState';
import { writeJsonAtomic } from './writeJsonAtomic';

/**
 * Where the registry keeps its state (the active version, the rollback stack, the activations): `registry.json` in
 * the registry directory (`FileRegistryState`, the default), or a row in the deployment's PostgreSQL database
 * (`PgRegistryState`, with `CHAT_TOPICS_DATABASE_URL`), so that a version promoted on one node is the active one on
 * every node.
 */
export interface RegistryStateStore {
  /** Where it is, fit for messages (a URL without its password). */
  readonly label: string;
  /** @throws ModelRegistryError naming the store when the state is not valid */
  read(): RegistryState;
  /**
   * The state and what identifies that version of it, for {@link writeIf}.
   * @throws ModelRegistryError naming the store when the state is not valid
   */
  readVersioned(): { state: RegistryState; version: string | null };
  /**
   * Writes the state unless another process wrote since `version` was read (a compare-and-set: two promotions at
   * once on two nodes must not lose one).
   * @returns false when the stored state changed meanwhile (nothing written)
   */
  writeIf(state: RegistryState, version: string | null): boolean;
  /**
   * Calls `listener` when another process changed the state (only a store shared by processes tells).
   * @returns unsubscribe
   */
  onExternalChange(listener: () => void): () => void;
  close(): void;
}

/** The registry's own file in its directory. */
export const REGISTRY_FILE = 'registry.json';

/** `registry.json`, written atomically; one node's own. */
export class FileRegistryState implements RegistryStateStore {
  readonly label: string;

  /** @param dir the registry directory */
  constructor(dir: string) {
    this.label = path.join(dir, REGISTRY_FILE);
  }

  read(): RegistryState {
    return readRegistryState(this.label);
  }

  readVersioned(): { state: RegistryState; version: string | null } {
    return { state: this.read(), version: null };
  }

  /** One node writes its own file: nobody else writes between its read and its write. */
  writeIf(state: RegistryState): boolean {
    writeJsonAtomic(this.label, state);
    return true;
  }

  onExternalChange(): () => void {
    return () => undefined;
  }

  close(): void {
    // Nothing held open.
  }
}
