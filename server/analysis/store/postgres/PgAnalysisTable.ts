import { PgConnection } from '../../../postgres/PgConnection';

/** The analysis store's own schema version on PostgreSQL (the archive's is separate: either can move alone). */
export const ANALYSIS_SCHEMA_VERSION = 1;

const VERSION_TABLE = 'chat_topics_analyses_version';

/** Same key for every node: two nodes starting at once create the table one after the other. */
const SCHEMA_LOCK = 0x63_74_61_6e; // "ctan"

/**
 * One row per stored analysis. `summary` is what the list shows (JSON of `StoredAnalysis`), so a list never reads a
 * document; `revision` comes from a sequence and changes at every save, for the readers' caches. The vectors are
 * stored uncompressed (`EXTERNAL`): floats do not compress, and trying costs every save and read.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS chat_topics_analyses (
  stream_id TEXT NOT NULL,
  key TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  summary TEXT NOT NULL,
  model_spec TEXT,
  document TEXT NOT NULL,
  vectors BYTEA,
  revision BIGINT NOT NULL,
  PRIMARY KEY (stream_id, key)
);
CREATE SEQUENCE IF NOT EXISTS chat_topics_analysis_revisions;
`;

/** Floats do not compress: trying costs every save and read. Once, when the table is new (an ALTER locks it). */
const ON_CREATE = 'ALTER TABLE chat_topics_analyses ALTER COLUMN vectors SET STORAGE EXTERNAL';

/** A row as the list reads it. */
export interface AnalysisSummaryRow {
  key: string;
  summary: string;
  searchable: boolean;
}

/** A row as `entry` reads it. */
export interface AnalysisEntryRow extends AnalysisSummaryRow {
  model_spec: string | null;
}

/** What `save` writes. */
export interface AnalysisRowInput {
  streamId: string;
  key: string;
  createdAt: number;
  summary: string;
  modelSpec: string | null;
  document: string;
  vectors: Uint8Array | null;
}

/**
 * The analysis store's operations on PostgreSQL, asynchronous (node-postgres), one call at a time on one connection
 * that comes back by itself after PostgreSQL restarts. It runs in the database thread (`pgAnalysisService`).
 */
export class PgAnalysisTable {
  private readonly conn: PgConnection;

  private constructor(url: string) {
    this.conn = new PgConnection(url);
  }

  /**
   * Connects, creates the table or checks its version.
   * @throws Error when the database cannot be reached or its analysis schema is newer than this program's
   */
  static async open(url: string): Promise<PgAnalysisTable> {
    const table = new PgAnalysisTable(url);
    try {
      await table.conn.ready();
      await table.conn.createSchema({
        name: 'analysis store',
        lock: SCHEMA_LOCK,
        versionTable: VERSION_TABLE,
        version: ANALYSIS_SCHEMA_VERSION,
        sql: SCHEMA,
        onCreate: ON_CREATE,
      });
    } catch (err) {
      await table.close();
      throw err;
    }
    return table;
  }

  private db() {
    return this.conn.connected();
  }

  /** Inserts or replaces; @returns the new revision */
  async save(row: AnalysisRowInput): Promise<number> {
    const db = await this.db();
    const { rows } = await db.query<{ revision: number }>(
      `INSERT INTO chat_topics_analyses (stream_id, key, created_at, summary, model_spec, document, vectors, revision)
       VALUES ($1, $2, $3, $4, $5, $6, $7, nextval('chat_topics_analysis_revisions'))
       ON CONFLICT (stream_id, key) DO UPDATE SET created_at = EXCLUDED.created_at, summary = EXCLUDED.summary,
         model_spec = EXCLUDED.model_spec, document = EXCLUDED.document, vectors = EXCLUDED.vectors,
         revision = EXCLUDED.revision
       RETURNING revision`,
      [
        row.streamId,
        row.key,
        Math.round(row.createdAt),
        row.summary,
        row.modelSpec,
        row.document,
        row.vectors ? Buffer.from(row.vectors.buffer, row.vectors.byteOffset, row.vectors.byteLength) : null,
      ],
    );
    return rows[0]!.revision;
  }

  async list(streamId: string): Promise<AnalysisSummaryRow[]> {
    const db = await this.db();
    const { rows } = await db.query<AnalysisSummaryRow>(
      `SELECT key, summary, vectors IS NOT NULL AS searchable FROM chat_topics_analyses
       WHERE stream_id = $1 ORDER BY created_at DESC, key`,
      [streamId],
    );
    return rows;
  }

  async entry(streamId: string, key: string): Promise<AnalysisEntryRow | null> {
    const db = await this.db();
    const { rows } = await db.query<AnalysisEntryRow>(
      `SELECT key, summary, model_spec, vectors IS NOT NULL AS searchable FROM chat_topics_analyses
       WHERE stream_id = $1 AND key = $2`,
      [streamId, key],
    );
    return rows[0] ?? null;
  }

  async document(streamId: string, key: string): Promise<{ document: string; revision: number } | null> {
    const db = await this.db();
    const { rows } = await db.query<{ document: string; revision: number }>(
      'SELECT document, revision FROM chat_topics_analyses WHERE stream_id = $1 AND key = $2',
      [streamId, key],
    );
    return rows[0] ?? null;
  }

  /** @returns the row's vectors (null when stored without), or undefined when there is no such row */
  async vectors(streamId: string, key: string): Promise<Uint8Array | null | undefined> {
    const db = await this.db();
    // As base64, decoded natively: node-postgres decodes bytea's hex text form in JavaScript, 10x slower measured.
    const { rows } = await db.query<{ vectors: string | null }>(
      `SELECT encode(vectors, 'base64') AS vectors FROM chat_topics_analyses WHERE stream_id = $1 AND key = $2`,
      [streamId, key],
    );
    if (!rows[0]) return undefined;
    const bytes = rows[0].vectors === null ? null : Buffer.from(rows[0].vectors, 'base64');
    // A plain Uint8Array crosses to the calling thread; a Buffer would arrive as one anyway, without its methods.
    return bytes ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null;
  }

  async revision(streamId: string, key: string): Promise<number | null> {
    const db = await this.db();
    const { rows } = await db.query<{ revision: number }>(
      'SELECT revision FROM chat_topics_analyses WHERE stream_id = $1 AND key = $2',
      [streamId, key],
    );
    return rows[0]?.revision ?? null;
  }

  async close(): Promise<void> {
    await this.conn.close();
  }
}
