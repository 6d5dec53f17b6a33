import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_POSTGRES, startPostgres, type TestPostgres } from '../../../../test/support/postgresServer';
import { AnalysisStoreError, CorruptStoredAnalysisError } from '../errors';
import { openAnalysisStore } from '../openAnalysisStore';
import { TEST_STREAM, twoMessageAnalysis } from '../testAnalysis';
import { ANALYSIS_SCHEMA_VERSION } from './PgAnalysisTable';
import { PgAnalysisStore } from './PgAnalysisStore';

// What only the PostgreSQL store has: several nodes on one database, rows that can be edited by hand, a schema version
// in a table, a connection that can fail. What it shares with the file store is in AnalysisStoreBackends.test.ts.

let postgres: TestPostgres | null = null;
beforeAll(async () => {
  if (HAS_POSTGRES) postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.close());

const STREAM = TEST_STREAM;
const doc = twoMessageAnalysis;

async function sql(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

describe.skipIf(!HAS_POSTGRES)('PostgreSQL analysis store', () => {
  it('is shared: an analysis one node stores is listed, read and searched on another, and a new run is seen', async () => {
    const url = await postgres!.createDatabase();
    const a = openAnalysisStore(url);
    const b = openAnalysisStore(url);
    try {
      expect(a).toBeInstanceOf(PgAnalysisStore);
      const stored = a.save({
        analysis: doc(),
        vectors: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]),
        modelSpec: 'bow',
      });
      expect(b.list(STREAM).analyses).toEqual([stored]);
      expect(b.read(STREAM, stored.key)).toEqual(doc());
      expect([...b.readVectors(STREAM, stored.key)!.data]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      const before = b.revision(STREAM, stored.key);
      a.save({ analysis: doc(), vectors: null, modelSpec: 'bow' });
      expect(b.revision(STREAM, stored.key)).not.toBe(before);
      expect(b.readVectors(STREAM, stored.key)).toBeNull();
    } finally {
      a.close();
      b.close();
    }
  });

  it('lists the good analyses around a damaged row, and names the row whose document is not an analysis', async () => {
    const url = await postgres!.createDatabase();
    const store = PgAnalysisStore.open(url);
    try {
      const good = store.save({ analysis: doc(), vectors: null, modelSpec: null });
      const bad = store.save({ analysis: doc(50), vectors: null, modelSpec: null });
      await sql(url, 'UPDATE chat_topics_analyses SET summary = $1 WHERE key = $2', ['{"key": 3', bad.key]);
      const { analyses, problems } = store.list(STREAM);
      expect(analyses.map((s) => s.key)).toEqual([good.key]);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toBeInstanceOf(CorruptStoredAnalysisError);
      expect(problems[0]!.message).toContain(`${STREAM}/${bad.key} in postgres://`);

      const broken = { ...doc(), topics: [{ ...doc().topics[0], size: -1 }] };
      await sql(url, 'UPDATE chat_topics_analyses SET document = $1 WHERE key = $2', [
        JSON.stringify(broken),
        good.key,
      ]);
      expect(() => store.read(STREAM, good.key)).toThrow(/field topics\.0\.size/);
      await sql(url, 'UPDATE chat_topics_analyses SET vectors = $1 WHERE key = $2', [Buffer.from('CTVEC1'), good.key]);
      expect(() => store.readVectors(STREAM, good.key)).toThrow(`${STREAM}/${good.key}`);
    } finally {
      store.close();
    }
  });

  it('keeps its schema version and stores vectors uncompressed, and refuses a database whose schema is newer', async () => {
    const url = await postgres!.createDatabase();
    PgAnalysisStore.open(url).close();
    const { rows } = await sql(url, 'SELECT version FROM chat_topics_analyses_version');
    expect(rows).toEqual([{ version: ANALYSIS_SCHEMA_VERSION }]);
    // The vectors are stored uncompressed (the benchmark's faster saves and reads), set once at creation.
    const storage = await sql(
      url,
      `SELECT attstorage FROM pg_attribute WHERE attrelid = 'chat_topics_analyses'::regclass AND attname = 'vectors'`,
    );
    expect(storage.rows).toEqual([{ attstorage: 'e' }]);
    await sql(url, 'UPDATE chat_topics_analyses_version SET version = 99');
    expect(() => PgAnalysisStore.open(url)).toThrow(/analysis store schema version 99 is newer than this program/);
  });

  it('names the database it cannot reach, with its password hidden', () => {
    let error: unknown;
    try {
      PgAnalysisStore.open('postgres://chat:s3cret@127.0.0.1:1/analyses');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AnalysisStoreError);
    expect((error as Error).message).toMatch(
      /^postgres:\/\/chat:\*\*\*@127\.0\.0\.1:1\/analyses: cannot open the analysis store/,
    );
    expect((error as Error).message).not.toContain('s3cret');
  });

  // Last: it stops the file's server and starts it again.
  it('fails with an error naming the database while PostgreSQL is down, and works again once it is back', async () => {
    const url = await postgres!.createDatabase();
    const store = PgAnalysisStore.open(url);
    try {
      const stored = store.save({ analysis: doc(), vectors: null, modelSpec: null });
      await postgres!.stop();
      expect(() => store.list(STREAM)).toThrow(AnalysisStoreError);
      expect(() => store.list(STREAM)).toThrow(/^postgres:\/\/.*: analyses: list: /);
      await postgres!.start();
      expect(store.list(STREAM).analyses.map((s) => s.key)).toEqual([stored.key]);
    } finally {
      store.close();
    }
  });
});
