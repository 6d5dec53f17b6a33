import type pg from 'pg';
import type { ChannelRef, ChatMessage, StreamInfo, StreamSummary } from '../../../contracts/chat';
import { DEFAULT_PLATFORM } from '../../ingest/channelRef';
import type { ArchivePage, NewStream, PageCursor, StreamDeletion } from '../Archive';
import {
  MESSAGE_COLUMNS,
  messageValues,
  rowToMessage,
  rowToStream,
  streamIdBase,
  type MessageRow,
} from '../archiveRows';
import {
  ARCHIVE_SCHEMA_VERSION,
  PG_ARCHIVE_SCHEMA,
  PG_MESSAGE_TYPES,
  PG_STREAMS_CHANNEL,
  PG_VERSION_TABLE,
} from './pgSchema.sql';
import { PgConnection } from '../../postgres/PgConnection';
import { PgListener } from '../../postgres/PgListener';

/** Same key for every node: two nodes starting at once create or upgrade the schema one after the other. */
const SCHEMA_LOCK = 0x63_74_61_72; // "ctar"

// PostgreSQL's text cannot hold U+0000 (SQLite's can). Chat never means it; it is dropped rather than refusing the batch.
const NUL = /\u0000/g;

function pgValue(value: string | number | null): string | number | null {
  return typeof value === 'string' && value.includes('\u0000') ? value.replace(NUL, '') : value;
}

const INSERT_SQL = `
INSERT INTO messages (${MESSAGE_COLUMNS.join(', ')})
SELECT ${MESSAGE_COLUMNS.map((c) => `t.${c}`).join(', ')}
FROM unnest(${PG_MESSAGE_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})
  WITH ORDINALITY AS t(${MESSAGE_COLUMNS.join(', ')}, ord)
ORDER BY t.ord
ON CONFLICT DO NOTHING
RETURNING stream_id, elapsed, deleted`;

/**
 * The archive's operations on PostgreSQL, asynchronous (node-postgres). It runs in `PgArchive`'s thread, one call at a
 * time on one connection; a second connection listens for other nodes' stream-list changes. Both come back by
 * themselves after PostgreSQL restarts or the network drops: a call finds its connection lost and opens a new one
 * (failing, with PostgreSQL's reason, while the database is away), and the listener reconnects with a growing pause and
 * then reports a change, since it may have missed some.
 */
export class PgArchiveStore {
  private readonly conn: PgConnection;
  private listener: PgListener | null = null;
  private readonly channels = new Map<string, { channel: string; platform: string }>();

  private constructor(
    private readonly url: string,
    /** Marks this store's own notifications, so it does not report its own changes back to itself. */
    private readonly token: string,
    private readonly onStreamsChanged: () => void,
  ) {
    this.conn = new PgConnection(url);
  }

  /**
   * Connects, creates the schema or checks its version, and listens for stream-list changes.
   * @param url a `postgres://` URL
   * @param onStreamsChanged called when another process sharing the database changed the stream list
   */
  static async open(url: string, token: string, onStreamsChanged: () => void): Promise<PgArchiveStore> {
    const store = new PgArchiveStore(url, token, onStreamsChanged);
    try {
      await store.ready();
      await store.createSchema();
      await store.listen();
    } catch (err) {
      await store.close();
      throw err;
    }
    return store;
  }

  /** Opens a new call connection when there is none or it was lost. */
  ready(): Promise<void> {
    return this.conn.ready();
  }

  private get db(): pg.Client {
    return this.conn.db;
  }

  private transaction<T>(body: () => Promise<T>): Promise<T> {
    return this.conn.transaction(body);
  }

  private async createSchema(): Promise<void> {
    await this.conn.createSchema({
      name: 'archive',
      lock: SCHEMA_LOCK,
      versionTable: PG_VERSION_TABLE,
      version: ARCHIVE_SCHEMA_VERSION,
      sql: PG_ARCHIVE_SCHEMA,
    });
  }

  private async listen(): Promise<void> {
    this.listener = await PgListener.start(this.url, PG_STREAMS_CHANNEL, {
      onNotify: (payload) => {
        if (payload !== this.token) this.onStreamsChanged();
      },
      // Whatever changed while nobody listened: the list is read again.
      onResumed: () => this.onStreamsChanged(),
    });
  }

  private notify(): Promise<unknown> {
    return this.db.query('SELECT pg_notify($1, $2)', [PG_STREAMS_CHANNEL, this.token]);
  }

  async createStream(info: NewStream): Promise<StreamInfo> {
    const platform = info.platform ?? DEFAULT_PLATFORM;
    const base = streamIdBase(info);
    // Insert-or-skip per candidate id: two nodes naming a stream at once get two ids, never one stream.
    for (let n = 1; ; n++) {
      const id = n === 1 ? base : `${base}-${n}`;
      const inserted = await this.db.query(
        `INSERT INTO streams (id, channel, platform, source, title, started_at, absolute_time, import_format, created_at, complete)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
        [
          id,
          pgValue(info.channel),
          platform,
          info.source,
          pgValue(info.title),
          Math.round(info.startedAt),
          info.absoluteTime ? 1 : 0,
          info.importFormat,
          Date.now(),
          info.complete === false ? 0 : 1,
        ],
      );
      if (inserted.rowCount === 1) {
        await this.notify();
        const { complete: _, ...created } = { ...info, id } as StreamInfo & { complete?: boolean };
        return created;
      }
    }
  }

  private async insert(messages: readonly ChatMessage[]): Promise<number> {
    if (messages.length === 0) return 0;
    const columns: (string | number | null)[][] = MESSAGE_COLUMNS.map(() => new Array(messages.length));
    messages.forEach((m, i) => messageValues(m).forEach((v, c) => (columns[c]![i] = pgValue(v))));
    const rows = (await this.db.query<{ stream_id: string; elapsed: number; deleted: number }>(INSERT_SQL, columns))
      .rows;
    const counts = new Map<string, { added: number; deleted: number; duration: number }>();
    for (const r of rows) {
      let c = counts.get(r.stream_id);
      if (!c) counts.set(r.stream_id, (c = { added: 0, deleted: 0, duration: 0 }));
      c.added++;
      if (r.deleted === 1) c.deleted++;
      if (r.elapsed > c.duration) c.duration = r.elapsed;
    }
    for (const [streamId, c] of counts)
      await this.db.query(
        `UPDATE streams SET message_count = message_count + $1, deleted_count = deleted_count + $2,
           duration = GREATEST(duration, $3) WHERE id = $4`,
        [c.added, c.deleted, c.duration, streamId],
      );
    return rows.length;
  }

  insertMessages(messages: readonly ChatMessage[]): Promise<number> {
    return messages.length === 0 ? Promise.resolve(0) : this.transaction(() => this.insert(messages));
  }

  finishStream(streamId: string, messages: readonly ChatMessage[]): Promise<number> {
    return this.transaction(async () => {
      const inserted = await this.insert(messages);
      await this.db.query('UPDATE streams SET complete = 1 WHERE id = $1', [streamId]);
      await this.notify();
      return inserted;
    });
  }

  markDeleted(streamId: string, deletion: StreamDeletion): Promise<string[]> {
    return this.transaction(async () => {
      const mark = 'UPDATE messages SET deleted = 1 WHERE stream_id = $1 AND deleted = 0 AND';
      const result =
        deletion.kind === 'message'
          ? await this.db.query<{ id: string }>(`${mark} id = $2 RETURNING id`, [streamId, deletion.messageId])
          : deletion.kind === 'user'
            ? await this.db.query<{ id: string }>(`${mark} login = $2 AND ts <= $3 RETURNING id`, [
                streamId,
                deletion.login.toLowerCase(),
                deletion.ts,
              ])
            : await this.db.query<{ id: string }>(`${mark} ts <= $2 RETURNING id`, [streamId, deletion.ts]);
      if (result.rows.length > 0)
        await this.db.query('UPDATE streams SET deleted_count = deleted_count + $1 WHERE id = $2', [
          result.rows.length,
          streamId,
        ]);
      return result.rows.map((r) => r.id);
    });
  }

  async listStreams(): Promise<StreamSummary[]> {
    const { rows } = await this.db.query('SELECT * FROM streams ORDER BY started_at DESC, created_at DESC');
    return rows.map(rowToStream);
  }

  async getStream(id: string): Promise<StreamSummary | null> {
    const { rows } = await this.db.query('SELECT * FROM streams WHERE id = $1', [id]);
    return rows[0] ? rowToStream(rows[0]) : null;
  }

  async deleteStream(id: string): Promise<void> {
    this.channels.delete(id);
    await this.transaction(async () => {
      await this.db.query('DELETE FROM streams WHERE id = $1', [id]);
      await this.notify();
    });
  }

  async countMessagesBefore(streamId: string, elapsed: number): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM messages WHERE stream_id = $1 AND elapsed < $2',
      [streamId, elapsed],
    );
    return rows[0]!.n;
  }

  async readPage(streamId: string, after: PageCursor | null, limit: number): Promise<ArchivePage> {
    const from = after ?? { elapsed: -Infinity, rowid: -1 };
    const channel = await this.channelOf(streamId);
    if (!channel) return { messages: [], cursor: null };
    // No join with streams per row (a third of the query's time for a 2,000-message page): the channel is the stream's.
    const { rows } = await this.db.query<Omit<MessageRow, 'channel' | 'platform'> & { rid: number }>(
      `SELECT seq AS rid, * FROM messages
       WHERE stream_id = $1 AND (elapsed, seq) > ($2::float8, $3::bigint) ORDER BY elapsed, seq LIMIT $4`,
      [streamId, from.elapsed, from.rowid, limit],
    );
    const last = rows[rows.length - 1];
    return {
      messages: rows.map((row) => rowToMessage({ ...row, ...channel })),
      cursor: last ? { elapsed: last.elapsed, rowid: last.rid } : null,
    };
  }

  /** A stream's channel and platform, which never change: asked once per stream. */
  private async channelOf(streamId: string): Promise<{ channel: string; platform: string } | null> {
    const known = this.channels.get(streamId);
    if (known) return known;
    const { rows } = await this.db.query<{ channel: string; platform: string }>(
      'SELECT channel, platform FROM streams WHERE id = $1',
      [streamId],
    );
    if (rows[0]) this.channels.set(streamId, rows[0]);
    return rows[0] ?? null;
  }

  async latestStream(channel: ChannelRef): Promise<{ streamId: string; startedAt: number; lastTs: number } | null> {
    const { rows } = await this.db.query<{ id: string; started_at: number; last_ts: number | null }>(
      `SELECT s.id, s.started_at, (SELECT m.ts FROM messages m WHERE m.stream_id = s.id ORDER BY m.elapsed DESC LIMIT 1) AS last_ts
       FROM streams s WHERE s.channel = $1 AND s.platform = $2 AND s.source = 'live' ORDER BY s.started_at DESC LIMIT 1`,
      [channel.name, channel.platform],
    );
    const row = rows[0];
    return row ? { streamId: row.id, startedAt: row.started_at, lastTs: row.last_ts ?? row.started_at } : null;
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.conn.close(), this.listener?.close()]);
    this.listener = null;
  }
}
