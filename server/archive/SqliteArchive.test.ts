import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeMessage } from '../../test/support/messages';
import { SqliteArchive } from './SqliteArchive';
import { ARCHIVE_SCHEMA_VERSION } from './schema.sql';

let dir: string;
let archive: SqliteArchive;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-archive-'));
  archive = SqliteArchive.open(path.join(dir, 'nested', 'archive.sqlite'));
});
afterEach(() => {
  archive.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('SQLite archive', () => {
  it('creates the file in WAL mode under a new directory', () => {
    expect(fs.existsSync(path.join(dir, 'nested', 'archive.sqlite'))).toBe(true);
    expect(archive.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('upgrades a version 1 archive, filling the stream counters from its messages', () => {
    const file = path.join(dir, 'v1.sqlite');
    const v1 = SqliteArchive.open(file);
    const s = v1.createStream({
      channel: 'old',
      source: 'live',
      title: '',
      startedAt: 0,
      absoluteTime: true,
      importFormat: null,
    });
    v1.insertMessages([
      makeMessage({ id: 'x', streamId: s.id, elapsed: 42 }),
      makeMessage({ id: 'y', streamId: s.id, deleted: true }),
    ]);
    // Turn it back into the version 1 layout: no counter columns.
    v1.db.exec(`PRAGMA foreign_keys = OFF;
      CREATE TABLE streams_v1 (id TEXT PRIMARY KEY, channel TEXT NOT NULL, source TEXT NOT NULL, title TEXT NOT NULL,
        started_at INTEGER NOT NULL, absolute_time INTEGER NOT NULL, import_format TEXT, created_at INTEGER NOT NULL);
      INSERT INTO streams_v1 SELECT id, channel, source, title, started_at, absolute_time, import_format, created_at FROM streams;
      DROP TABLE streams; ALTER TABLE streams_v1 RENAME TO streams; PRAGMA user_version = 1;`);
    v1.close();
    const upgraded = SqliteArchive.open(file);
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(ARCHIVE_SCHEMA_VERSION);
    expect(upgraded.getStream(s.id)).toMatchObject({
      messageCount: 2,
      deletedCount: 1,
      durationSeconds: 42,
      complete: true,
    });
    upgraded.close();
  });

  it('upgrades a version 2 archive: its streams are taken as complete', () => {
    const file = path.join(dir, 'v2.sqlite');
    const v2 = SqliteArchive.open(file);
    const s = v2.createStream({
      channel: 'old',
      source: 'import',
      title: '',
      startedAt: 0,
      absoluteTime: true,
      importFormat: 'csv',
    });
    // The version 2 layout: neither the completeness flag (v3) nor the platform (v4).
    v2.db.exec(
      `PRAGMA foreign_keys = OFF; ALTER TABLE streams DROP COLUMN complete; ALTER TABLE streams DROP COLUMN platform; PRAGMA user_version = 2;`,
    );
    v2.close();
    const upgraded = SqliteArchive.open(file);
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(ARCHIVE_SCHEMA_VERSION);
    expect(upgraded.getStream(s.id)).toMatchObject({ complete: true });
    upgraded.close();
  });

  it('refuses a file that is not an archive with a message naming it', () => {
    const bogus = path.join(dir, 'bogus.sqlite');
    fs.writeFileSync(bogus, 'this is not sqlite'.repeat(100));
    expect(() => SqliteArchive.open(bogus)).toThrow(/bogus\.sqlite: cannot open the archive/);
  });
});
