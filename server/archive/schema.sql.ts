/**
 * Archive schema, version 4. Messages are keyed by (stream, message id): ids from files are kept as they are
 * (re-importing an export gives the same ids in a new stream). `rowid` order is insertion order; readers use
 * the (stream_id, elapsed, rowid) index for time order.
 */
export const ARCHIVE_SCHEMA_VERSION = 4;

export const ARCHIVE_SCHEMA = `
CREATE TABLE IF NOT EXISTS streams (
  id TEXT PRIMARY KEY,
  -- The channel's name on its platform (a Twitch login on Twitch).
  channel TEXT NOT NULL,
  source TEXT NOT NULL,
  title TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  absolute_time INTEGER NOT NULL,
  import_format TEXT,
  created_at INTEGER NOT NULL,
  -- Kept up to date by every write, so listing streams never scans the messages (a 1M-message archive took
  -- 220 ms per listing with COUNT/GROUP BY).
  message_count INTEGER NOT NULL DEFAULT 0,
  deleted_count INTEGER NOT NULL DEFAULT 0,
  duration REAL NOT NULL DEFAULT 0,
  -- 0 while an import is writing the stream, set to 1 in the transaction of its last batch: a stream an import
  -- left half-written (process killed, file truncated) stays 0 and is listed as incomplete.
  complete INTEGER NOT NULL DEFAULT 1,
  -- The chat platform of the channel (a registry name of server/ingest/LivePlatforms).
  platform TEXT NOT NULL DEFAULT 'twitch'
);
CREATE INDEX IF NOT EXISTS streams_channel ON streams(channel, started_at);

CREATE TABLE IF NOT EXISTS messages (
  stream_id TEXT NOT NULL REFERENCES streams(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  ts INTEGER NOT NULL,
  elapsed REAL NOT NULL,
  user_id TEXT,
  login TEXT NOT NULL,
  display_name TEXT NOT NULL,
  text TEXT NOT NULL,
  emotes TEXT,
  badges TEXT,
  flags INTEGER NOT NULL,
  bits INTEGER NOT NULL,
  reply_parent_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  topic TEXT,
  PRIMARY KEY (stream_id, id)
);
CREATE INDEX IF NOT EXISTS messages_time ON messages(stream_id, elapsed);
CREATE INDEX IF NOT EXISTS messages_login ON messages(stream_id, login, ts);
`;

/** Version 1 -> 2: per-stream counters, filled from the messages already stored. */
export const MIGRATE_1_TO_2 = `
ALTER TABLE streams ADD COLUMN message_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE streams ADD COLUMN deleted_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE streams ADD COLUMN duration REAL NOT NULL DEFAULT 0;
UPDATE streams SET
  message_count = (SELECT COUNT(*) FROM messages m WHERE m.stream_id = streams.id),
  deleted_count = (SELECT COUNT(*) FROM messages m WHERE m.stream_id = streams.id AND m.deleted = 1),
  duration = COALESCE((SELECT MAX(elapsed) FROM messages m WHERE m.stream_id = streams.id), 0);
`;

/** Version 2 -> 3: the completeness flag. Streams written before it are taken as complete (the only guess possible). */
export const MIGRATE_2_TO_3 = `
ALTER TABLE streams ADD COLUMN complete INTEGER NOT NULL DEFAULT 1;
`;

/** Version 3 -> 4: the chat platform. Every stream written before it came from Twitch (live) or Twitch chat files. */
export const MIGRATE_3_TO_4 = `
ALTER TABLE streams ADD COLUMN platform TEXT NOT NULL DEFAULT 'twitch';
`;
