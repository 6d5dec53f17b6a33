import { PgConnection } from '../../../postgres/PgConnection';
import { PgListener } from '../../../postgres/PgListener';

/** The training jobs' own schema version on PostgreSQL. */
export const TRAINING_SCHEMA_VERSION = 1;

const VERSION_TABLE = 'chat_topics_training_version';
/** Where a write is announced: `<writer token> <kind> <job id> <first line seq> <last line seq>`. */
export const TRAINING_CHANNEL = 'chat_topics_training';

/** Same keys on every node: schema creation, and claims (one claim at a time, so "no other job runs" holds). */
const SCHEMA_LOCK = 0x63_74_74_72; // "cttr"
const CLAIM_LOCK = 0x63_74_74_63; // "cttc"

/**
 * A job's row holds its JSON (`TrainingJobSchema`) with its state copied out for the conditions, its run settings,
 * and who runs it: the node, its last heartbeat, whether a cancel was asked, and the one node that may claim it while
 * it is queued, if only one may (the CLI's own jobs). Loss points and log lines are rows
 * of their own, appended.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS chat_topics_training_jobs (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  doc TEXT NOT NULL,
  run TEXT,
  owner TEXT,
  heartbeat TIMESTAMPTZ,
  cancel_requested BOOLEAN NOT NULL DEFAULT FALSE,
  pinned TEXT
);
CREATE TABLE IF NOT EXISTS chat_topics_training_lines (
  seq BIGSERIAL PRIMARY KEY,
  job_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('loss', 'log')),
  line TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chat_topics_training_lines_job ON chat_topics_training_lines (job_id, kind, seq);
`;

export type LineKind = 'loss' | 'log';

/** How a job is written: see `SaveJobOptions` (nulls for what is not asked). */
export interface SaveOptions {
  from: string[] | null;
  progress: boolean;
  pin: string | null;
  owner: string | null;
  create: boolean;
}

/** What the thread posts when another process wrote: the rows it wrote, as stored (parsed by `PgJobStore`). */
export type TableChange =
  | { kind: 'job' | 'progress'; id: string; doc: string }
  | { kind: LineKind; id: string; lines: string[] }
  | { kind: 'cancel'; id: string }
  | { kind: 'resync' };

/**
 * The training jobs on PostgreSQL, asynchronous: one connection for the calls (it comes back by itself after
 * PostgreSQL restarts) and one that listens for the other processes' writes. It runs in the database thread (`pgJobService`).
 */
export class PgJobTable {
  private readonly conn: PgConnection;
  private listener: PgListener | null = null;

  private constructor(
    url: string,
    private readonly token: string,
  ) {
    this.conn = new PgConnection(url);
  }

  /**
   * Connects, creates the tables or checks their version, and listens for the other processes' writes.
   * @param onChange another process wrote (the rows are read here, so the main thread gets them with the change)
   */
  static async open(url: string, token: string, onChange: (change: TableChange) => void): Promise<PgJobTable> {
    const table = new PgJobTable(url, token);
    try {
      await table.conn.ready();
      await table.conn.createSchema({
        name: 'training jobs',
        lock: SCHEMA_LOCK,
        versionTable: VERSION_TABLE,
        version: TRAINING_SCHEMA_VERSION,
        sql: SCHEMA,
      });
      table.listener = await PgListener.start(url, TRAINING_CHANNEL, {
        onNotify: (payload) => void table.heard(payload, onChange),
        onResumed: () => onChange({ kind: 'resync' }),
      });
    } catch (err) {
      await table.close();
      throw err;
    }
    return table;
  }

  async loadJobs(): Promise<{ id: string; doc: string }[]> {
    const db = await this.conn.connected();
    const { rows } = await db.query<{ id: string; doc: string }>('SELECT id, doc FROM chat_topics_training_jobs');
    return rows;
  }

  async loadJob(id: string): Promise<string | null> {
    const db = await this.conn.connected();
    const { rows } = await db.query<{ doc: string }>('SELECT doc FROM chat_topics_training_jobs WHERE id = $1', [id]);
    return rows[0]?.doc ?? null;
  }

  /**
   * Writes a job; with `from`, only when its stored state is one of them; with `owner`, only while that node runs it.
   * A job that does not run forgets any cancel asked.
   * @returns whether it was written
   */
  async saveJob(id: string, state: string, doc: string, options: SaveOptions): Promise<boolean> {
    const { from, progress, pin, owner, create } = options;
    return this.conn.transaction(async () => {
      const values: unknown[] = [id, state, doc, state === 'running', pin];
      const conditions = ['id = $1'];
      if (from !== null) conditions.push(`state = ANY($${values.push(from)})`);
      if (owner !== null) conditions.push(`owner = $${values.push(owner)} AND state = 'running'`);
      const set = `state = $2, doc = $3, cancel_requested = j.cancel_requested AND $4,
        pinned = CASE WHEN $2 = 'queued' THEN $5 ELSE j.pinned END`;
      const result = create
        ? await this.conn.db.query(
            `INSERT INTO chat_topics_training_jobs (id, state, doc, pinned) VALUES ($1, $2, $3, $4)
             ON CONFLICT (id) DO NOTHING`,
            [id, state, doc, pin],
          )
        : conditions.length === 1
          ? await this.conn.db.query(
              `INSERT INTO chat_topics_training_jobs AS j (id, state, doc, pinned) VALUES ($1, $2, $3, $5)
               ON CONFLICT (id) DO UPDATE SET ${set}`,
              values,
            )
          : await this.conn.db.query(
              `UPDATE chat_topics_training_jobs AS j SET ${set} WHERE ${conditions.join(' AND ')}`,
              values,
            );
      if (result.rowCount === 0) return false;
      await this.notify(progress ? 'progress' : 'job', id);
      return true;
    });
  }

  /** Marks a queued job running on `node` (unless it is pinned to another); with `exclusive`, only when no other job runs. */
  async claim(id: string, doc: string, node: string, exclusive: boolean): Promise<boolean> {
    return this.conn.transaction(async () => {
      const { db } = this.conn;
      await db.query('SELECT pg_advisory_xact_lock($1)', [CLAIM_LOCK]);
      if (exclusive) {
        const { rows } = await db.query(
          `SELECT 1 FROM chat_topics_training_jobs WHERE state = 'running' AND id <> $1 LIMIT 1`,
          [id],
        );
        if (rows.length > 0) return false;
      }
      const result = await db.query(
        `UPDATE chat_topics_training_jobs
         SET state = 'running', doc = $2, owner = $3, heartbeat = now(), cancel_requested = FALSE
         WHERE id = $1 AND state = 'queued' AND (pinned IS NULL OR pinned = $3)`,
        [id, doc, node],
      );
      if (result.rowCount === 0) return false;
      await this.notify('job', id);
      return true;
    });
  }

  /** @returns whether a cancel was asked for the job (false also when `node` no longer runs it) */
  async heartbeat(id: string, node: string): Promise<boolean> {
    const db = await this.conn.connected();
    const { rows } = await db.query<{ cancel_requested: boolean }>(
      `UPDATE chat_topics_training_jobs SET heartbeat = now()
       WHERE id = $1 AND owner = $2 AND state = 'running' RETURNING cancel_requested`,
      [id, node],
    );
    return rows[0]?.cancel_requested ?? false;
  }

  async requestCancel(id: string): Promise<boolean> {
    return this.conn.transaction(async () => {
      const result = await this.conn.db.query(
        `UPDATE chat_topics_training_jobs SET cancel_requested = TRUE WHERE id = $1 AND state = 'running'`,
        [id],
      );
      if (result.rowCount === 0) return false;
      await this.notify('cancel', id);
      return true;
    });
  }

  /**
   * Running jobs whose node has not beaten for `staleMs`, set `interrupted`; the row lock gives each to one caller.
   * @returns their JSON
   */
  async reapStale(staleMs: number): Promise<string[]> {
    return this.conn.transaction(async () => {
      const { rows } = await this.conn.db.query<{ id: string; doc: string }>(
        `UPDATE chat_topics_training_jobs
         SET state = 'interrupted', doc = jsonb_set(doc::jsonb, '{state}', '"interrupted"')::text,
           cancel_requested = FALSE
         WHERE state = 'running' AND heartbeat < now() - make_interval(secs => $1)
         RETURNING id, doc`,
        [staleMs / 1000],
      );
      for (const row of rows) await this.notify('job', row.id);
      return rows.map((r) => r.doc);
    });
  }

  async saveRun(id: string, run: string): Promise<void> {
    const db = await this.conn.connected();
    await db.query('UPDATE chat_topics_training_jobs SET run = $2 WHERE id = $1', [id, run]);
  }

  async readRun(id: string): Promise<string | null> {
    const db = await this.conn.connected();
    const { rows } = await db.query<{ run: string | null }>('SELECT run FROM chat_topics_training_jobs WHERE id = $1', [
      id,
    ]);
    return rows[0]?.run ?? null;
  }

  async appendLines(id: string, kind: LineKind, lines: string[]): Promise<void> {
    if (lines.length === 0) return;
    await this.conn.transaction(async () => {
      const { rows } = await this.conn.db.query<{ seq: number }>(
        `INSERT INTO chat_topics_training_lines (job_id, kind, line)
         SELECT $1, $2, line FROM unnest($3::text[]) WITH ORDINALITY AS t(line, n) ORDER BY n RETURNING seq`,
        [id, kind, lines],
      );
      const seqs = rows.map((r) => r.seq);
      await this.notify(kind, id, Math.min(...seqs), Math.max(...seqs));
    });
  }

  /** The job's lines of a kind, in order; those of seq `from` to `to` only when given (one append's). */
  async readLines(id: string, kind: LineKind, from = 0, to = Number.MAX_SAFE_INTEGER): Promise<string[]> {
    const db = await this.conn.connected();
    const { rows } = await db.query<{ line: string }>(
      `SELECT line FROM chat_topics_training_lines WHERE job_id = $1 AND kind = $2 AND seq BETWEEN $3 AND $4
       ORDER BY seq`,
      [id, kind, from, to],
    );
    return rows.map((r) => r.line);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.conn.close(), this.listener?.close()]);
    this.listener = null;
  }

  /** Sent inside the writer's transaction: the others read the rows once they are committed. */
  private async notify(kind: string, id: string, first = 0, last = 0): Promise<void> {
    const payload = `${this.token} ${kind} ${id} ${first} ${last}`;
    await this.conn.db.query('SELECT pg_notify($1, $2)', [TRAINING_CHANNEL, payload]);
  }

  /** Another process's write: reads what it wrote and hands it on. */
  private async heard(payload: string, onChange: (change: TableChange) => void): Promise<void> {
    const [token, kind, id, first, last] = payload.split(' ');
    if (token === this.token || !id) return;
    try {
      if (kind === 'job' || kind === 'progress') {
        const doc = await this.loadJob(id);
        if (doc !== null) onChange({ kind, id, doc });
      } else if (kind === 'loss' || kind === 'log') {
        onChange({ kind, id, lines: await this.readLines(id, kind, Number(first), Number(last)) });
      } else if (kind === 'cancel') onChange({ kind, id });
    } catch {
      // PostgreSQL went away between the notification and the read: the listener's return says resync.
      onChange({ kind: 'resync' });
    }
  }
}
