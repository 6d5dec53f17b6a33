import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ChannelRef, ChatMessage, StreamInfo, StreamSummary } from '../../contracts/chat';
import { ArchiveError } from '../errors';
import { channelKey, DEFAULT_PLATFORM } from '../ingest/channelRef';
import { ARCHIVE_SCHEMA, ARCHIVE_SCHEMA_VERSION, MIGRATE_1_TO_2, MIGRATE_2_TO_3, MIGRATE_3_TO_4 } from './schema.sql';

const FLAG_ACTION = 1;
const FLAG_CHEER = 2;
const FLAG_COMMAND = 4;
const FLAG_BOT = 8;

interface MessageRow {
  stream_id: string;
  channel: string;
  platform: string;
  id: string;
  ts: number;
  elapsed: number;
  user_id: string | null;
  login: string;
  display_name: string;
  text: string;
  emotes: string | null;
  badges: string | null;
  flags: number;
  bits: number;
  reply_parent_id: string | null;
  deleted: number;
  topic: string | null;
}

interface StreamRow {
  id: string;
  channel: string;
  platform: string;
  source: StreamInfo['source'];
  title: string;
  started_at: number;
  absolute_time: number;
  import_format: string | null;
  message_count: number;
  deleted_count: number;
  duration: number;
  complete: number;
}

/** A moderation event as it applies inside one stream (the channel is implied by the stream). */
export type StreamDeletion =
  | { kind: 'message'; messageId: string }
  | { kind: 'user'; login: string; ts: number }
  | { kind: 'channel'; ts: number };

/** Position in a stream's time order: (elapsed, insertion rowid). */
export interface PageCursor {
  elapsed: number;
  rowid: number;
}

function rowToStream(row: StreamRow): StreamSummary {
  return {
    id: row.id,
    channel: row.channel,
    platform: row.platform,
    source: row.source,
    title: row.title,
    startedAt: row.started_at,
    absoluteTime: row.absolute_time === 1,
    importFormat: row.import_format,
    messageCount: row.message_count,
    deletedCount: row.deleted_count,
    durationSeconds: row.duration,
    complete: row.complete === 1,
  };
}

function rowToMessage(row: MessageRow): ChatMessage {
  const msg: ChatMessage = {
    id: row.id,
    channel: channelKey({ platform: row.platform, name: row.channel }),
    streamId: row.stream_id,
    ts: row.ts,
    elapsed: row.elapsed,
    user: { id: row.user_id, login: row.login, displayName: row.display_name },
    text: row.text,
    emotes: row.emotes ? JSON.parse(row.emotes) : [],
    badges: row.badges ? JSON.parse(row.badges) : {},
    flags: {
      action: (row.flags & FLAG_ACTION) !== 0,
      cheer: (row.flags & FLAG_CHEER) !== 0,
      command: (row.flags & FLAG_COMMAND) !== 0,
      bot: (row.flags & FLAG_BOT) !== 0,
    },
    bits: row.bits,
    replyParentId: row.reply_parent_id,
    deleted: row.deleted === 1,
  };
  if (row.topic !== null) msg.topic = row.topic;
  return msg;
}

function compactDate(ts: number): string {
  return new Date(ts).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * The chat archive: one SQLite file in WAL mode holding streams and their messages.
 * Synchronous (better-sqlite3): callers batch writes (`ArchiveWriter`) so a transaction covers many messages.
 *
 * @example
 * const archive = Archive.open('./data/archive.sqlite');
 * const stream = archive.createStream({ channel: 'demo', source: 'simulator', title: 'demo', startedAt: Date.now(), absoluteTime: true, importFormat: null });
 * archive.insertMessages([msg]);
 */
export class Archive {
  private readonly insertStmt: Database.Statement;
  private readonly insertMany: (messages: readonly ChatMessage[]) => number;
  private readonly streamListeners = new Set<() => void>();
  private readonly markById: Database.Statement;
  private readonly markByUser: Database.Statement;
  private readonly markBefore: Database.Statement;
  private readonly addDeleted: Database.Statement;
  private readonly finishMany: (streamId: string, messages: readonly ChatMessage[]) => number;

  private constructor(
    readonly db: Database.Database,
    readonly file: string,
  ) {
    this.insertStmt = db.prepare(
      `INSERT OR IGNORE INTO messages (stream_id, id, ts, elapsed, user_id, login, display_name, text, emotes, badges,
         flags, bits, reply_parent_id, deleted, topic)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
        const flags =
          (m.flags.action ? FLAG_ACTION : 0) |
          (m.flags.cheer ? FLAG_CHEER : 0) |
          (m.flags.command ? FLAG_COMMAND : 0) |
          (m.flags.bot ? FLAG_BOT : 0);
        const changes = this.insertStmt.run(
          m.streamId,
          m.id,
          Math.round(m.ts),
          m.elapsed,
          m.user.id,
          m.user.login,
          m.user.displayName,
          m.text,
          m.emotes.length ? JSON.stringify(m.emotes) : null,
          Object.keys(m.badges).length ? JSON.stringify(m.badges) : null,
          flags,
          m.bits,
          m.replyParentId,
          m.deleted ? 1 : 0,
          m.topic ?? null,
        ).changes;
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
  static open(file: string): Archive {
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
    return new Archive(db, file);
  }

  /**
   * Creates a stream. Its id is `<channel>-<yyyymmdd-hhmmss>` of its start (of now, when the stream has no absolute
   * time; `<platform>-<channel>-...` off Twitch), made unique with a suffix;
   * a requested `id` is kept when it is free. `platform` defaults to `twitch`.
   */
  createStream(info: Omit<StreamInfo, 'id'> & { id?: string; complete?: boolean }): StreamInfo {
    const platform = info.platform ?? DEFAULT_PLATFORM;
    const prefix = platform === DEFAULT_PLATFORM ? info.channel : `${platform}-${info.channel}`;
    // A stream known only by offsets has no real start date: name it after its import time instead of 1970.
    const base = info.id ?? `${prefix}-${compactDate(info.absoluteTime ? info.startedAt : Date.now())}`;
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

  /**
   * Inserts messages in one transaction. A message whose (stream, id) is already stored is ignored.
   * @returns how many were new.
   */
  insertMessages(messages: readonly ChatMessage[]): number {
    if (messages.length === 0) return 0;
    return this.insertMany(messages);
  }

  /**
   * Writes an import's last messages and marks its stream complete, in one transaction: a process killed before
   * this commits leaves the stream incomplete (`complete: false` in `listStreams`), never complete with messages
   * missing. Streams start incomplete with `createStream({ ..., complete: false })`.
   * @returns how many of `messages` were new.
   */
  finishStream(streamId: string, messages: readonly ChatMessage[]): number {
    const inserted = this.finishMany(streamId, messages);
    this.streamListeners.forEach((l) => l());
    return inserted;
  }

  /**
   * Marks messages of one stream deleted by a moderation event: one message by id; a user's messages sent up to a
   * timeout or ban; every message sent up to a chat clear. Scoped to a stream on purpose: a `/clear` today must
   * not hide last month's archive.
   * @returns the ids newly marked.
   */
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

  /** All streams, newest first, with their message counts; `complete: false` for an import cut short. */
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

  /** Like `getStream` but throws an `ArchiveError` naming the missing id. */
  requireStream(id: string): StreamSummary {
    const stream = this.getStream(id);
    if (!stream)
      throw new ArchiveError(`no stream "${id}" in the archive (chat-topics streams lists them)`, {
        code: 'stream.unknown',
        params: { streamId: id },
      });
    return stream;
  }

  deleteStream(id: string): void {
    this.db.prepare('DELETE FROM streams WHERE id = ?').run(id);
    this.streamListeners.forEach((l) => l());
  }

  /** Calls `listener` after a stream is created or deleted. @returns an unsubscribe function. */
  onStreamsChanged(listener: () => void): () => void {
    this.streamListeners.add(listener);
    return () => this.streamListeners.delete(listener);
  }

  /**
   * Reads a stream's messages in time order, lazily, a page at a time: constant memory for any stream, and no
   * statement stays open between pages, so writers on the same connection are never blocked by a slow reader.
   */
  *iterateMessages(streamId: string, pageSize = 2000): IterableIterator<ChatMessage> {
    let cursor: PageCursor | null = null;
    do {
      const page = this.readPage(streamId, cursor, pageSize);
      yield* page.messages;
      cursor = page.cursor;
    } while (cursor);
  }

  /**
   * Messages of a stream strictly before `elapsed` seconds: what a replay that jumps there has played (index
   * `messages_time`, so cheap for any stream).
   */
  countMessagesBefore(streamId: string, elapsed: number): number {
    const row = this.db
      .prepare('SELECT COUNT(*) AS n FROM messages WHERE stream_id = ? AND elapsed < ?')
      .get(streamId, elapsed) as { n: number };
    return row.n;
  }

  /**
   * One page of a stream in time order, for readers that must not hold a statement open between pages (the
   * replay player shares the connection with the writer). Pass the returned cursor to get the next page.
   * @param after `null` for the first page, or a cursor; `{ elapsed: x, rowid: -1 }` starts at elapsed x (seek).
   */
  readPage(
    streamId: string,
    after: PageCursor | null,
    limit: number,
  ): { messages: ChatMessage[]; cursor: PageCursor | null } {
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

  /**
   * The latest live stream of a channel, for resuming a live session after a restart. The platform counts: `zerator`
   * on Twitch and on another platform are two channels.
   */
  latestStream(channel: ChannelRef): { streamId: string; startedAt: number; lastTs: number } | null {
    const row = this.db
      .prepare(
        `SELECT s.id, s.started_at, (SELECT MAX(ts) FROM messages m WHERE m.stream_id = s.id) AS last_ts
         FROM streams s WHERE s.channel = ? AND s.platform = ? AND s.source = 'live' ORDER BY s.started_at DESC LIMIT 1`,
      )
      .get(channel.name, channel.platform) as { id: string; started_at: number; last_ts: number | null } | undefined;
    return row ? { streamId: row.id, startedAt: row.started_at, lastTs: row.last_ts ?? row.started_at } : null;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
