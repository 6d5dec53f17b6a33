import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMessage } from '../../../test/support/messages';
import { HAS_POSTGRES, startPostgres, type TestPostgres } from '../../../test/support/postgresServer';
import { waitFor } from '../../../test/support/waitFor';
import { ArchiveError } from '../../errors';
import { createLogger } from '../../logger';
import { ArchiveWriter } from '../ArchiveWriter';
import { ThreadedArchiveWriter } from '../ThreadedArchiveWriter';
import { openArchive } from '../openArchive';
import { PgArchive } from './PgArchive';
import { PgArchiveStore } from './PgArchiveStore';
import { ARCHIVE_SCHEMA_VERSION, PG_VERSION_TABLE } from './pgSchema.sql';

// What only the PostgreSQL back end has: several processes on one database, a connection that can fail, the version
// kept in a table. The behaviour it shares with SQLite is tested in ArchiveBackends.test.ts.

let postgres: TestPostgres | null = null;
beforeAll(async () => {
  if (HAS_POSTGRES) postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.close());

const info = {
  channel: 'zerator',
  source: 'live',
  title: 't',
  startedAt: Date.UTC(2024, 0, 2, 20, 0, 0),
  absoluteTime: true,
  importFormat: null,
} as const;

describe.skipIf(!HAS_POSTGRES)('PostgreSQL archive', () => {
  it('is shared: a stream one node creates and fills is listed and read by another, whose listeners are told', async () => {
    const url = await postgres!.createDatabase();
    const a = openArchive(url);
    const b = openArchive(url);
    try {
      expect(a).toBeInstanceOf(PgArchive);
      let seenByB = 0;
      let seenByA = 0;
      b.onStreamsChanged(() => seenByB++);
      a.onStreamsChanged(() => seenByA++);
      const s = a.createStream(info);
      a.insertMessages([makeMessage({ id: 'x', streamId: s.id, text: 'salut' })]);
      expect(b.listStreams()).toMatchObject([{ id: s.id, messageCount: 1 }]);
      expect([...b.iterateMessages(s.id)].map((m) => m.text)).toEqual(['salut']);
      await waitFor(() => seenByB === 1, "B told of A's stream");
      // Its own change is told once, not again through the database.
      await new Promise((r) => setTimeout(r, 200));
      expect(seenByA).toBe(1);
      // Two nodes naming a stream from the same start get two streams.
      expect(b.createStream(info).id).toBe(`${s.id}-2`);
      b.deleteStream(s.id);
      await waitFor(() => seenByA === 3, "A told of B's stream and of its deletion");
      expect(a.getStream(s.id)).toBeNull();
    } finally {
      a.close();
      b.close();
    }
  });

  it('drops the NUL characters PostgreSQL cannot store and keeps the rest of the message', async () => {
    const archive = PgArchive.open(await postgres!.createDatabase());
    try {
      const s = archive.createStream(info);
      expect(archive.insertMessages([makeMessage({ id: 'n', streamId: s.id, text: 'a\u0000b' })])).toBe(1);
      expect([...archive.iterateMessages(s.id)][0]!.text).toBe('ab');
    } finally {
      archive.close();
    }
  });

  it('refuses a database whose archive schema is newer than this program', async () => {
    const url = await postgres!.createDatabase();
    PgArchive.open(url).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`UPDATE ${PG_VERSION_TABLE} SET version = 99`);
    await client.end();
    expect(() => PgArchive.open(url)).toThrow(/schema version 99 is newer than this program/);
  });

  it('creates the schema once when two nodes open an empty database at the same moment', async () => {
    const url = await postgres!.createDatabase();
    const stores = await Promise.all(['a', 'b', 'c'].map((token) => PgArchiveStore.open(url, token, () => undefined)));
    await Promise.all(stores.map((s) => s.close()));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(`SELECT version FROM ${PG_VERSION_TABLE}`);
    await client.end();
    expect(rows).toEqual([{ version: ARCHIVE_SCHEMA_VERSION }]);
  });

  it('names the database it cannot reach, with its password hidden', () => {
    let error: unknown;
    try {
      PgArchive.open('postgres://chat:s3cret@127.0.0.1:1/archive');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ArchiveError);
    expect((error as Error).message).toMatch(
      /^postgres:\/\/chat:\*\*\*@127\.0\.0\.1:1\/archive: cannot open the archive/,
    );
    expect((error as Error).message).not.toContain('s3cret');
  });

  it("takes live chat from the archive writer's thread, as with SQLite", async () => {
    const archive = PgArchive.open(await postgres!.createDatabase());
    const writer = new ThreadedArchiveWriter(archive, { batchSize: 50, flushMs: 50 }, createLogger('silent'));
    try {
      const s = archive.createStream(info);
      writer.write(Array.from({ length: 120 }, (_, i) => makeMessage({ id: `m${i}`, streamId: s.id, elapsed: i })));
      await waitFor(() => writer.stats().written === 120, 'the 120 messages committed', 10_000);
      expect(archive.getStream(s.id)!.messageCount).toBe(120);
      expect(await writer.applyDeletion(s.id, { kind: 'message', messageId: 'm7' })).toEqual(['m7']);
    } finally {
      await writer.close();
      archive.close();
    }
  });

  // Last: it stops the file's server and starts it again.
  it('comes back after PostgreSQL restarts: chat written meanwhile is kept and committed, listening resumes', async () => {
    const url = await postgres!.createDatabase();
    const archive = PgArchive.open(url);
    const other = PgArchive.open(url);
    const writer = new ArchiveWriter(archive, { batchSize: 10, flushMs: 20, maxRetained: 30 }, createLogger('silent'));
    const batch = (streamId: string, from: number, count: number) =>
      Array.from({ length: count }, (_, i) => makeMessage({ id: `m${from + i}`, streamId, elapsed: from + i }));
    try {
      const s = archive.createStream(info);
      writer.write(batch(s.id, 0, 10));
      expect(writer.stats().written).toBe(10);
      let changes = 0;
      archive.onStreamsChanged(() => changes++);

      await postgres!.stop();
      writer.write(batch(s.id, 10, 25));
      expect(writer.stats()).toEqual({ written: 10, pending: 25, failed: 0 });
      // Past maxRetained, the oldest kept messages go first, counted.
      writer.write(batch(s.id, 35, 10));
      writer.flush();
      expect(writer.stats()).toEqual({ written: 10, pending: 30, failed: 5 });
      // A call while the database is away fails, naming it.
      expect(() => archive.listStreams()).toThrow(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/t\d+: listStreams: /);

      await postgres!.start();
      await waitFor(() => writer.stats().written === 40, 'the kept messages written', 15_000);
      expect(writer.stats()).toEqual({ written: 40, pending: 0, failed: 5 });
      const ids = [...archive.iterateMessages(s.id)].map((m) => m.id);
      expect(ids).toEqual(Array.from({ length: 45 }, (_, i) => `m${i}`).filter((_, i) => i < 10 || i >= 15));
      // Its listener is back: told once it reconnected, then of another process's new stream.
      await waitFor(() => changes >= 1, 'a change reported after listening again', 15_000);
      const before = changes;
      other.createStream({ ...info, channel: 'other' });
      await waitFor(() => changes > before, "the other process's stream", 5000);
    } finally {
      writer.close();
      archive.close();
      other.close();
    }
  }, 60_000);
});
