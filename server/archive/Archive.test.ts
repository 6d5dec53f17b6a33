import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeMessage } from '../../test/support/messages';
import { Archive } from './Archive';
import { ARCHIVE_SCHEMA_VERSION } from './schema.sql';

let dir: string;
let archive: Archive;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-archive-'));
  archive = Archive.open(path.join(dir, 'nested', 'archive.sqlite'));
});
afterEach(() => {
  archive.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function stream(channel = 'testchan', startedAt = Date.UTC(2024, 0, 2, 20, 0, 0)) {
  return archive.createStream({
    channel,
    source: 'import',
    title: 't',
    startedAt,
    absoluteTime: true,
    importFormat: 'jsonl',
  });
}

describe('Archive', () => {
  it('creates the file in WAL mode under a new directory', () => {
    expect(fs.existsSync(path.join(dir, 'nested', 'archive.sqlite'))).toBe(true);
    expect(archive.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('names streams after channel and start time, unique on collision', () => {
    const a = stream();
    const b = stream();
    expect(a.id).toBe('testchan-20240102-200000');
    expect(b.id).toBe('testchan-20240102-200000-2');
  });

  it('stores every field of a message and reads it back in time order', () => {
    const s = stream();
    const full = makeMessage({
      id: 'm1',
      streamId: s.id,
      elapsed: 12.5,
      text: 'PogChamp quel clutch',
      emotes: [{ id: '88', name: 'PogChamp', start: 0, end: 8 }],
      badges: { subscriber: '12' },
      flags: { action: true, cheer: true, command: false, bot: true },
      bits: 100,
      replyParentId: 'parent',
      topic: 'boss-fight',
    });
    archive.insertMessages([
      makeMessage({ id: 'm2', streamId: s.id, elapsed: 20 }),
      full,
      makeMessage({ id: 'm0', streamId: s.id, elapsed: 1 }),
    ]);
    const read = [...archive.iterateMessages(s.id)];
    expect(read.map((m) => m.id)).toEqual(['m0', 'm1', 'm2']);
    expect(read[1]).toEqual(full);
  });

  it('ignores a message already stored in the same stream', () => {
    const s = stream();
    expect(archive.insertMessages([makeMessage({ id: 'a', streamId: s.id })])).toBe(1);
    expect(archive.insertMessages([makeMessage({ id: 'a', streamId: s.id, text: 'other' })])).toBe(0);
    expect(archive.getStream(s.id)!.messageCount).toBe(1);
  });

  it('pages through a stream with ties on elapsed without loss or repeat, and seeks', () => {
    const s = stream();
    const msgs = Array.from({ length: 25 }, (_, i) =>
      makeMessage({ id: `m${i}`, streamId: s.id, elapsed: Math.floor(i / 5) }),
    );
    archive.insertMessages(msgs);
    const seen: string[] = [];
    let cursor = null;
    for (;;) {
      const page = archive.readPage(s.id, cursor, 4);
      seen.push(...page.messages.map((m) => m.id));
      if (!page.cursor) break;
      cursor = page.cursor;
    }
    expect(seen).toEqual(msgs.map((m) => m.id));
    const fromThree = archive.readPage(s.id, { elapsed: 3, rowid: -1 }, 100).messages;
    expect(fromThree.map((m) => m.id)).toEqual(['m15', 'm16', 'm17', 'm18', 'm19', 'm20', 'm21', 'm22', 'm23', 'm24']);
  });

  it('marks deletions within one stream: one message, a user before a timeout, everything before a clear', () => {
    const s = stream();
    const older = stream('testchan', Date.UTC(2023, 0, 1));
    const t0 = 1_700_000_000_000;
    const troll = { id: '1', login: 'troll', displayName: 'Troll' };
    archive.insertMessages([
      makeMessage({ id: 'a', streamId: s.id, ts: t0, user: troll }),
      makeMessage({ id: 'b', streamId: s.id, ts: t0 + 1000, user: { id: '2', login: 'nice', displayName: 'Nice' } }),
      makeMessage({ id: 'c', streamId: s.id, ts: t0 + 5000, user: troll }),
      makeMessage({ id: 'old', streamId: older.id, ts: t0 - 1e9, user: troll }),
    ]);
    expect(archive.markDeleted(s.id, { kind: 'message', messageId: 'b' })).toEqual(['b']);
    expect(archive.markDeleted(s.id, { kind: 'user', login: 'Troll', ts: t0 + 2000 })).toEqual(['a']);
    expect([...archive.iterateMessages(s.id)].map((m) => m.deleted)).toEqual([true, true, false]);
    expect(archive.getStream(s.id)!.deletedCount).toBe(2);
    expect(archive.markDeleted(s.id, { kind: 'channel', ts: t0 + 9000 })).toEqual(['c']);
    // The other stream of the same channel is untouched.
    expect(archive.getStream(older.id)!.deletedCount).toBe(0);
  });

  it('lists streams with counts and duration, and tells listeners about new ones', () => {
    let changes = 0;
    archive.onStreamsChanged(() => changes++);
    const s = stream();
    archive.insertMessages([makeMessage({ id: 'a', streamId: s.id, elapsed: 3600 })]);
    expect(archive.listStreams()).toMatchObject([
      { id: s.id, messageCount: 1, durationSeconds: 3600, absoluteTime: true },
    ]);
    expect(changes).toBe(1);
    archive.deleteStream(s.id);
    expect(archive.listStreams()).toEqual([]);
    expect(changes).toBe(2);
  });

  it('keeps stream counters in step with inserts, duplicates and deletions', () => {
    const s = stream();
    archive.insertMessages([
      makeMessage({ id: 'a', streamId: s.id, elapsed: 5 }),
      makeMessage({ id: 'b', streamId: s.id, elapsed: 9, deleted: true }),
      makeMessage({ id: 'a', streamId: s.id, elapsed: 50 }), // duplicate: counts nothing
    ]);
    expect(archive.getStream(s.id)).toMatchObject({ messageCount: 2, deletedCount: 1, durationSeconds: 9 });
    archive.markDeleted(s.id, { kind: 'message', messageId: 'a' });
    archive.markDeleted(s.id, { kind: 'message', messageId: 'a' });
    expect(archive.getStream(s.id)).toMatchObject({ messageCount: 2, deletedCount: 2 });
  });

  it('upgrades a version 1 archive, filling the stream counters from its messages', () => {
    const file = path.join(dir, 'v1.sqlite');
    const v1 = Archive.open(file);
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
    const upgraded = Archive.open(file);
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
    const v2 = Archive.open(file);
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
    const upgraded = Archive.open(file);
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(ARCHIVE_SCHEMA_VERSION);
    expect(upgraded.getStream(s.id)).toMatchObject({ complete: true });
    upgraded.close();
  });

  it('lists a stream created incomplete as such until finishStream commits its last batch with the flag', () => {
    const archive = Archive.open(path.join(dir, 'c.sqlite'));
    const s = archive.createStream({
      channel: 'imp',
      source: 'import',
      title: '',
      startedAt: 0,
      absoluteTime: true,
      importFormat: 'csv',
      complete: false,
    });
    expect(s).not.toHaveProperty('complete');
    archive.insertMessages([makeMessage({ id: 'a', streamId: s.id })]);
    expect(archive.listStreams()).toMatchObject([{ id: s.id, complete: false, messageCount: 1 }]);
    // A failing last batch (a value SQLite cannot bind) rolls the flag back with it.
    const bad = makeMessage({ id: 'b', streamId: s.id });
    bad.user = { ...bad.user, login: {} as unknown as string };
    expect(() => archive.finishStream(s.id, [bad])).toThrow();
    expect(archive.getStream(s.id)).toMatchObject({ complete: false, messageCount: 1 });
    expect(archive.finishStream(s.id, [makeMessage({ id: 'c', streamId: s.id })])).toBe(1);
    expect(archive.getStream(s.id)).toMatchObject({ complete: true, messageCount: 2 });
    // The existing delete path removes an incomplete stream like any other.
    archive.deleteStream(s.id);
    expect(archive.listStreams()).toEqual([]);
    archive.close();
  });

  it('refuses a file that is not an archive with a message naming it', () => {
    const bogus = path.join(dir, 'bogus.sqlite');
    fs.writeFileSync(bogus, 'this is not sqlite'.repeat(100));
    expect(() => Archive.open(bogus)).toThrow(/bogus\.sqlite: cannot open the archive/);
  });
});
