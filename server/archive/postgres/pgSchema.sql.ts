import { ARCHIVE_SCHEMA_VERSION } from '../schema.sql';

/**
 * The archive schema on PostgreSQL: the same tables, columns and version number as SQLite's (`schema.sql.ts`), in
 * PostgreSQL's types. Times in ms need BIGINT; `seq` stands for SQLite's rowid (insertion order, the tie-break of
 * time order). PostgreSQL archives start at version 4 (none existed before it), so they have no migrations yet; the
 * next version adds its step here and in `schema.sql.ts` together.
 */
export const PG_ARCHIVE_SCHEMA = `
CREATE TABLE IF NOT EXISTS streams (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  source TEXT NOT NULL,
  title TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  absolute_time SMALLINT NOT NULL,
  import_format TEXT,
  created_at BIGINT NOT NULL,
  message_count INTEGER NOT NULL DEFAULT 0,
  deleted_count INTEGER NOT NULL DEFAULT 0,
  duration DOUBLE PRECISION NOT NULL DEFAULT 0,
  complete SMALLINT NOT NULL DEFAULT 1,
  platform TEXT NOT NULL DEFAULT 'twitch'
);
CREATE INDEX IF NOT EXISTS streams_channel ON streams(channel, started_at);

CREATE TABLE IF NOT EXISTS messages (
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  stream_id TEXT NOT NULL REFERENCES streams(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  ts BIGINT NOT NULL,
  elapsed DOUBLE PRECISION NOT NULL,
  user_id TEXT,
  login TEXT NOT NULL,
  display_name TEXT NOT NULL,
  text TEXT NOT NULL,
  emotes TEXT,
  badges TEXT,
  flags INTEGER NOT NULL,
  bits INTEGER NOT NULL,
  reply_parent_id TEXT,
  deleted SMALLINT NOT NULL DEFAULT 0,
  topic TEXT,
  PRIMARY KEY (stream_id, id)
);
CREATE INDEX IF NOT EXISTS messages_time ON messages(stream_id, elapsed, seq);
CREATE INDEX IF NOT EXISTS messages_login ON messages(stream_id, login, ts);
`;

/** Where PostgreSQL keeps the version (SQLite's `user_version`): one row. */
export const PG_VERSION_TABLE = 'chat_topics_archive_version';

/** PostgreSQL types of the message columns, in `MESSAGE_COLUMNS` order (for `unnest` of one array per column). */
export const PG_MESSAGE_TYPES = [
  'text',
  'text',
  'bigint',
  'float8',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'int',
  'int',
  'text',
  'smallint',
  'text',
] as const;

/** The channel `NOTIFY` carries stream-list changes on, so every node sharing the database refreshes its list. */
export const PG_STREAMS_CHANNEL = 'chat_topics_streams';

export { ARCHIVE_SCHEMA_VERSION };
