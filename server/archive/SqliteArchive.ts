import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ChannelRef, ChatMessage, StreamInfo, StreamSummary } from '../../contracts/chat';
import { ArchiveError } from '../errors';
import { DEFAULT_PLATFORM } from '../ingest/channelRef';
import {
  iteratePages,
  requireStreamIn,
  type Archive,
  type ArchivePage,
  type NewStream,
  type PageCursor,
  type StreamDeletion,
} from './Archive';
import {
  MESSAGE_COLUMNS,
  messageValues,
  rowToMessage,
  rowToStream,
  streamIdBase,
  type MessageRow,
  type StreamRow,
} from './archiveRows';
import { ARCHIVE_SCHEMA, ARCHIVE_SCHEMA_VERSION, MIGRATE_1_TO_2, MIGRATE_2_TO_3, MIGRATE_3_TO_4 } from './schema.sql';

/**
 * The embedded archive: one SQLite file in WAL mode holding streams and their messages.
 * Synchronous (better-sqlite3): callers batch writes (`ArchiveWriter`) so a transaction covers many messages.
 *
 * @example
 * const archive = SqliteArchive.open('./data/archive.sqlite');
 * const stream = archive.createStream({ channel: 'demo', source: 'simulator', title: 'demo', startedAt: Date.now(), absoluteTime: true, importFormat: null });
 * archive.insertMessages([msg]);
 */
export class SqliteArchive implements Archive {
  private readonly insertStmt: Database.Statement;
  private readonly insertMany: (messages: readonly ChatMessage[]) => number;
  private readonly streamListeners = new Set<() => void>();
  private readonly markById: Database.Statement;
  private readonly markByUser: Database.Statement;
  private readonly markBefore: Database.Statement;
  private readonly addDeleted: Database.Statement;
  private readonly finishMany: (streamId: string, messages: readonly ChatMessage[]) => number;
  readonly location: string;
  readonly label: string;

  private constructor(
    readonly db: Database.Database,
    readonly file: string,
  ) {
    this.location = file === ':memory:' ? file : path.resolve(file);
    this.label = file;
    this.insertStmt = db.prepare(
      `INSERT OR IGNORE INTO messages (${MESSAGE_COLUMNS.join(', ')}) VALUES (${MESSAGE_COLUMNS.map(() => '?').join(', ')})`,
    );
    const mark = 'UPDATE messages SET deleted = 1 WHERE stream_id = ? AND deleted = 0 AND';
    this.markById = db.prepare(`${mark} id = ? RETURNING id`);
    this.markByUser = db.prepare(`${mark} login = ? AND ts <= ? RETURNING id`);
    this.markBefore = db.prepare(`${mark} ts <= ? RETURNING id`);
    const addCounts = db.prepare(
      'UPDATE streams SET message_count = message_count + ?, deleted_count = deleted_count + ?, duration = MAX(duration, ?) WHERE id = ?',
    );
    this.addDeleted = db.prepare('UPDATE streams SET deleted_count = deleted_count + ? WHERE id = ?');
    this.insertMany = db.transaction((messages: readonly ChatMessage[]) => {
      // Counters per stream of the batch (a batch usually holds one stream), applied once per stream.
      const counts = new Map<string, { added: number; deleted: number; duration: number }>();
      let inserted = 0;
      for (const m of messages) {
        const changes = this.insertStmt.run(...messageValues(m)).changes;
        if (changes === 0) continue;
        inserted++;
        let c = counts.get(m.streamId);
        if (!c) counts.set(m.streamId, (c = { added: 0, deleted: 0, duration: 0 }));
        c.added++;
        if (m.deleted) c.deleted++;
        if (m.elapsed > c.duration) c.duration = m.elapsed;
      }
      for (const [streamId, c] of counts) addCounts.run(c.added, c.deleted, c.duration, streamId);
      return inserted;
    });
    const setComplete = db.prepare('UPDATE streams SET complete = 1 WHERE id = ?');
    this.finishMany = db.transaction((streamId: string, messages: readonly ChatMessage[]) => {
      const inserted = this.insertMessages(messages);
      setComplete.run(streamId);
      return inserted;
    });
  }

  /**
   * Opens (creating if needed) an archive file. `:memory:` gives a throwaway archive.
   * @param file path of the SQLite file; its directory is created.
   */
  static open(file: string): SqliteArchive {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    let db: Database.Database;
    try {
      db = new Database(file);
      db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode: a committed transaction survives a process kill (the WAL is written before commit
      // returns); only an OS crash or power loss can lose the last transactions.
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > ARCHIVE_SCHEMA_VERSION) {
        throw new ArchiveError(
          `${file}: archive schema version ${version} is newer than this program (${ARCHIVE_SCHEMA_VERSION})`,
        );
      }
      db.transaction(() => {
        if (version === 1) db.exec(MIGRATE_1_TO_2);
        if (version === 1 || version === 2) db.exec(MIGRATE_2_TO_3);
        if (version >= 1 && version <= 3) db.exec(MIGRATE_3_TO_4);
        db.exec(ARCHIVE_SCHEMA);
        db.pragma(`user_version = ${ARCHIVE_SCHEMA_VERSION}`);
      })();
    } catch (err) {
      if (err instanceof ArchiveError) throw err;
      throw new ArchiveError(`${file}: cannot open the archive: ${(err as Error).message}`, { cause: err });
    }
    return new SqliteArchive(db, file);
  }

  createStream(info: NewStream): StreamInfo {
    const platform = info.platform ?? DEFAULT_PLATFORM;
    const base = streamIdBase(info);
    const exists = this.db.prepare('SELECT 1 FROM streams WHERE id = ?').pluck();
    let id = base;
    for (let n = 2; exists.get(id); n++) id = `${base}-${n}`;
    const stream: StreamInfo = { ...info, id };
    this.db
      .prepare(
        `INSERT INTO streams (id, channel, platform, source, title, started_at, absolute_time, import_format, created_at, complete)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        info.channel,
        platform,
        info.source,
        info.title,
        Math.round(info.startedAt),
        info.absoluteTime ? 1 : 0,
        info.importFormat,
        Date.now(),
        info.complete === false ? 0 : 1,
      );
    this.streamListeners.forEach((l) => l());
    const { complete: _, ...created } = stream as StreamInfo & { complete?: boolean };
    return created;
  }

  insertMessages(messages: readonly ChatMessage[]): number {
    if (messages.length === 0) return 0;
    return this.insertMany(messages);
  }

  finishStream(streamId: string, messages: readonly ChatMessage[]): number {
    const inserted = this.finishMany(streamId, messages);
    this.streamListeners.forEach((l) => l());
    return inserted;
  }

  markDeleted(streamId: string, deletion: StreamDeletion): string[] {
    return this.db.transaction(() => {
      const rows =
        deletion.kind === 'message'
          ? this.markById.all(streamId, deletion.messageId)
          : deletion.kind === 'user'
            ? this.markByUser.all(streamId, deletion.login.toLowerCase(), deletion.ts)
            : this.markBefore.all(streamId, deletion.ts);
      if (rows.length > 0) this.addDeleted.run(rows.length, streamId);
      return (rows as { id: string }[]).map((r) => r.id);
    })();
  }

  private summarySql(where: string): string {
    return `SELECT s.* FROM streams s ${where}`;
  }

  listStreams(): StreamSummary[] {
    const rows = this.db
      .prepare(this.summarySql('') + ' ORDER BY s.started_at DESC, s.created_at DESC')
      .all() as StreamRow[];
    return rows.map(rowToStream);
  }

  getStream(id: string): StreamSummary | null {
    const row = this.db.prepare(this.summarySql('WHERE s.id = ?')).get(id) as StreamRow | undefined;
    return row ? rowToStream(row) : null;
  }

  requireStream(id: string): StreamSummary {
    return requireStreamIn(this, id);
  }

  deleteStream(id: string): void {
    this.db.prepare('DELETE FROM streams WHERE id = ?').run(id);
    this.streamListeners.forEach((l) => l());
  }

  onStreamsChanged(listener: () => void): () => void {
    this.streamListeners.add(listener);
    return () => this.streamListeners.delete(listener);
  }

  iterateMessages(streamId: string, pageSize = 2000): IterableIterator<ChatMessage> {
    return iteratePages(this, streamId, pageSize);
  }

  /** Index `messages_time`, so cheap for any stream. */
  countMessagesBefore(streamId: string, elapsed: number): number {
    const row = this.db
      .prepare('SELECT COUNT(*) AS n FROM messages WHERE stream_id = ? AND elapsed < ?')
      .get(streamId, elapsed) as { n: number };
    return row.n;
  }

  /** The replay player shares the connection with the writer: no statement stays open between its pages. */
  readPage(streamId: string, after: PageCursor | null, limit: number): ArchivePage {
    const from = after ?? { elapsed: -Infinity, rowid: -1 };
    const rows = this.db
      .prepare(
        `SELECT m.rowid AS rid, m.*, s.channel, s.platform FROM messages m JOIN streams s ON s.id = m.stream_id
         WHERE m.stream_id = ? AND (m.elapsed, m.rowid) > (?, ?) ORDER BY m.elapsed, m.rowid LIMIT ?`,
      )
      .all(streamId, from.elapsed, from.rowid, limit) as (MessageRow & { rid: number })[];
    const last = rows[rows.length - 1];
    return { messages: rows.map(rowToMessage), cursor: last ? { elapsed: last.elapsed, rowid: last.rid } : null };
  }

  latestStream(channel: ChannelRef): { streamId: string; startedAt: number; lastTs: number } | null {
    const row = this.db
      .prepare(
        `SELECT s.id, s.started_at, (SELECT m.ts FROM messages m WHERE m.stream_id = s.id ORDER BY m.elapsed DESC LIMIT 1) AS last_ts
         FROM streams s WHERE s.channel = ? AND s.platform = ? AND s.source = 'live' ORDER BY s.started_at DESC LIMIT 1`,
      )
      .get(channel.name, channel.platform) as { id: string; started_at: number; last_ts: number | null } | undefined;
    return row ? { streamId: row.id, startedAt: row.started_at, lastTs: row.last_ts ?? row.started_at } : null;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
