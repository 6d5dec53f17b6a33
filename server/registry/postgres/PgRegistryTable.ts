import { PgConnection } from '../../postgres/PgConnection';
import { PgListener } from '../../postgres/PgListener';

/** The registry state's own schema version on PostgreSQL. */
export const REGISTRY_SCHEMA_VERSION = 1;

const VERSION_TABLE = 'chat_topics_registry_version';
/** Where a change is announced; the payload is the writer's token, so it does not hear its own. */
export const REGISTRY_CHANNEL = 'chat_topics_registry';

/** Same key for every node: two nodes starting at once create the table one after the other. */
const SCHEMA_LOCK = 0x63_74_72_67; // "ctrg"

/** One row: the registry state's JSON (`RegistryStateSchema`), as `registry.json` holds it. */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS chat_topics_registry (
  id SMALLINT PRIMARY KEY CHECK (id = 1),
  state TEXT NOT NULL
);
`;

/**
 * The registry state on PostgreSQL, asynchronous: one connection for the calls (it comes back by itself after
 * PostgreSQL restarts) and one that listens for other nodes' changes. It runs in the database thread (`pgRegistryService`).
 */
export class PgRegistryTable {
  private readonly conn: PgConnection;
  private listener: PgListener | null = null;

  private constructor(
    url: string,
    private readonly token: string,
  ) {
    this.conn = new PgConnection(url);
  }

  /**
   * Connects, creates the table or checks its version, and listens for changes.
   * @param onChanged another process wrote the state (or the listener came back and may have missed a write)
   */
  static async open(url: string, token: string, onChanged: () => void): Promise<PgRegistryTable> {
    const table = new PgRegistryTable(url, token);
    try {
      await table.conn.ready();
      await table.conn.createSchema({
        name: 'model registry',
        lock: SCHEMA_LOCK,
        versionTable: VERSION_TABLE,
        version: REGISTRY_SCHEMA_VERSION,
        sql: SCHEMA,
      });
      table.listener = await PgListener.start(url, REGISTRY_CHANNEL, {
        onNotify: (payload) => {
          if (payload !== token) onChanged();
        },
        onResumed: onChanged,
      });
    } catch (err) {
      await table.close();
      throw err;
    }
    return table;
  }

  /** The state's JSON text; null when nobody wrote one yet. */
  async read(): Promise<string | null> {
    const db = await this.conn.connected();
    const { rows } = await db.query<{ state: string }>('SELECT state FROM chat_topics_registry');
    return rows[0]?.state ?? null;
  }

  /**
   * Writes the state unless the stored one is no longer `expected` (null: no state yet), and tells the other nodes, in
   * one transaction (they read it once it is committed).
   * @returns false when another process wrote since `expected` was read
   */
  async writeIf(state: string, expected: string | null): Promise<boolean> {
    return this.conn.transaction(async () => {
      const { db } = this.conn;
      const result =
        expected === null
          ? await db.query('INSERT INTO chat_topics_registry (id, state) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [
              state,
            ])
          : await db.query('UPDATE chat_topics_registry SET state = $1 WHERE id = 1 AND state = $2', [state, expected]);
      if (result.rowCount === 0) return false;
      await db.query('SELECT pg_notify($1, $2)', [REGISTRY_CHANNEL, this.token]);
      return true;
    });
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.conn.close(), this.listener?.close()]);
    this.listener = null;
  }
}
