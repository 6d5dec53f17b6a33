import pg from 'pg';

const INT8_OID = 20;

/** BIGINT (times in ms, counts) as numbers: every value we store fits a double exactly. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as never,
};

/** A schema of ours: its tables (idempotent SQL), its version and where that is kept. */
export interface SchemaDefinition {
  /** For messages: `archive`, `analysis store`. */
  name: string;
  /** Its advisory lock key, the same on every node. */
  lock: number;
  /** The one-row table that holds its version (an identifier of ours). */
  versionTable: string;
  version: number;
  /** `CREATE ... IF NOT EXISTS` statements. */
  sql: string;
  /** Statements run once, after `sql`, when the schema is new (settings that would lock the tables at every open). */
  onCreate?: string;
}

/** How long a connection may take before the call fails (an unreachable host): the caller's thread waits for it. */
export const CONNECT_TIMEOUT_MS = 5000;

/** A node-postgres client with our type parsers and connect timeout. */
export function newPgClient(url: string): pg.Client {
  return new pg.Client({ connectionString: url, types, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
}

/**
 * One connection to PostgreSQL that comes back by itself: a call that finds it lost (PostgreSQL restarted, the network
 * dropped) opens a new one, and fails with PostgreSQL's reason while the database is away. Calls run one at a time
 * (the threads that hold one answer one call at a time).
 *
 * @example
 * const conn = new PgConnection(url);
 * await conn.ready();
 * await conn.transaction(() => conn.db.query('DELETE FROM t WHERE id = $1', [id]));
 */
export class PgConnection {
  private client: pg.Client | null = null;
  /** The connection reported an error or ended: the next call opens a new one. */
  private broken = false;

  /** @param url a `postgres://` URL */
  constructor(private readonly url: string) {}

  /** Opens a new connection when there is none or it was lost. */
  async ready(): Promise<void> {
    if (this.client && !this.broken) return;
    const old = this.client;
    this.client = null;
    if (old) void old.end().catch(() => undefined);
    const client = newPgClient(this.url);
    client.on('error', () => (this.broken = true));
    client.on('end', () => (this.broken = true));
    await client.connect();
    this.broken = false;
    this.client = client;
  }

  /** The connection, opened again first if it was lost. */
  async connected(): Promise<pg.Client> {
    await this.ready();
    return this.db;
  }

  /** The open connection. @throws Error when none is open (call {@link ready} first) */
  get db(): pg.Client {
    if (!this.client) throw new Error('no connection to PostgreSQL');
    return this.client;
  }

  /** Runs `body` between BEGIN and COMMIT (opening the connection again if it was lost); any error rolls back. */
  async transaction<T>(body: () => Promise<T>): Promise<T> {
    await this.ready();
    await this.db.query('BEGIN');
    try {
      const result = await body();
      await this.db.query('COMMIT');
      return result;
    } catch (err) {
      await this.db.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  /**
   * Creates a schema, or checks the version of the one there, under an advisory lock, so that nodes starting at once
   * on an empty database take turns. The version is kept in a one-row table of its own.
   * @throws Error when the database's version of this schema is newer than `schema.version`
   * @example await conn.createSchema({ name: 'analysis store', lock: 0x6374616e, versionTable: 't_version', version: 1, sql });
   */
  async createSchema(schema: SchemaDefinition): Promise<void> {
    const { name, lock, versionTable, version, sql } = schema;
    await this.transaction(async () => {
      await this.db.query('SELECT pg_advisory_xact_lock($1)', [lock]);
      await this.db.query(`CREATE TABLE IF NOT EXISTS ${versionTable} (version INTEGER NOT NULL)`);
      const found = await this.db.query<{ version: number }>(`SELECT version FROM ${versionTable}`);
      const existing = found.rows[0]?.version ?? 0;
      if (existing > version)
        throw new Error(`${name} schema version ${existing} is newer than this program (${version})`);
      await this.db.query(sql);
      if (existing !== 0) return;
      if (schema.onCreate) await this.db.query(schema.onCreate);
      await this.db.query(`INSERT INTO ${versionTable} VALUES ($1)`, [version]);
    });
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
