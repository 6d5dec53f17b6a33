import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteArchive } from './SqliteArchive';
import { ARCHIVE_SCHEMA_VERSION } from './schema.sql';

/** The streams table as schema version 3 wrote it (before platforms), with the messages table it references. */
const V3_DDL = `
CREATE TABLE streams (
  id TEXT PRIMARY KEY, channel TEXT NOT NULL, source TEXT NOT NULL, title TEXT NOT NULL, started_at INTEGER NOT NULL,
  absolute_time INTEGER NOT NULL, import_format TEXT, created_at INTEGER NOT NULL,
  message_count INTEGER NOT NULL DEFAULT 0, deleted_count INTEGER NOT NULL DEFAULT 0, duration REAL NOT NULL DEFAULT 0,
  complete INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX streams_channel ON streams(channel, started_at);
CREATE TABLE messages (
  stream_id TEXT NOT NULL REFERENCES streams(id) ON DELETE CASCADE, id TEXT NOT NULL, ts INTEGER NOT NULL,
  elapsed REAL NOT NULL, user_id TEXT, login TEXT NOT NULL, display_name TEXT NOT NULL, text TEXT NOT NULL,
  emotes TEXT, badges TEXT, flags INTEGER NOT NULL, bits INTEGER NOT NULL, reply_parent_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0, topic TEXT, PRIMARY KEY (stream_id, id)
);
CREATE INDEX messages_time ON messages(stream_id, elapsed);
CREATE INDEX messages_login ON messages(stream_id, login, ts);
PRAGMA user_version = 3;
`;

const START = Date.UTC(2024, 0, 2, 20, 0, 0);
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-archive-platform-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('Archive platforms', () => {
  it('upgrades a version 3 archive: its streams become Twitch streams a live session resumes from', () => {
    const file = path.join(dir, 'v3.sqlite');
    const v3 = new Database(file);
    v3.exec(V3_DDL);
    v3.prepare(
      `INSERT INTO streams (id, channel, source, title, started_at, absolute_time, import_format, created_at, message_count)
      VALUES ('zerator-1', 'zerator', 'live', '#zerator live', ?, 1, NULL, ?, 1)`,
    ).run(START, START);
    v3.prepare(
      `INSERT INTO messages (stream_id, id, ts, elapsed, login, display_name, text, flags, bits)
      VALUES ('zerator-1', 'm1', ?, 60, 'viewer', 'Viewer', 'salut', 0, 0)`,
    ).run(START + 60_000);
    v3.close();

    const archive = SqliteArchive.open(file);
    expect(archive.db.pragma('user_version', { simple: true })).toBe(ARCHIVE_SCHEMA_VERSION);
    expect(archive.getStream('zerator-1')).toMatchObject({
      channel: 'zerator',
      platform: 'twitch',
      source: 'live',
      messageCount: 1,
    });
    expect(archive.latestStream({ platform: 'twitch', name: 'zerator' })).toEqual({
      streamId: 'zerator-1',
      startedAt: START,
      lastTs: START + 60_000,
    });
    expect(archive.latestStream({ platform: 'fake', name: 'zerator' })).toBeNull();
    expect([...archive.iterateMessages('zerator-1')].map((m) => m.channel)).toEqual(['zerator']);
    archive.close();
  });
});
