// Archive back ends side by side: the SQLite file and PostgreSQL (a throwaway local server, or --database-url), the
// same operations in the same run. What a deployment pays for a shared archive: each call is a round trip to the
// database through PgArchive's thread.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import type { ChatMessage } from '../contracts/chat';
import type { Archive } from '../server/archive/Archive';
import { PgArchive } from '../server/archive/postgres/PgArchive';
import { SqliteArchive } from '../server/archive/SqliteArchive';
import { startPostgres, type TestPostgres } from '../test/support/postgresServer';
import { benchMachine, summary } from './stats';

function message(streamId: string, i: number): ChatMessage {
  return {
    id: `m${i}`,
    channel: 'bench',
    streamId,
    ts: 1_700_000_000_000 + i * 20,
    elapsed: i / 50,
    user: { id: String(i % 500), login: `viewer${i % 500}`, displayName: `Viewer${i % 500}` },
    text: `message numéro ${i} du chat, avec quelques mots KEKW`,
    emotes: i % 7 === 0 ? [{ id: '1', name: 'KEKW', start: 0, end: 3 }] : [],
    badges: i % 5 === 0 ? { subscriber: '12' } : {},
    flags: { action: false, cheer: false, command: false, bot: false },
    bits: 0,
    replyParentId: null,
    deleted: false,
  };
}

function time(work: () => void): number {
  const t0 = performance.now();
  work();
  return performance.now() - t0;
}

/** The same operations on one back end: write throughput in batches, then reads as the server makes them. */
async function measure(
  archive: Archive,
  messages: number,
  batchSize: number,
  repeats: number,
  settle: () => Promise<void> = async () => undefined,
) {
  const stream = archive.createStream({
    channel: 'bench',
    source: 'live',
    title: 'bench',
    startedAt: 1_700_000_000_000,
    absoluteTime: true,
    importFormat: null,
  });
  const batches: number[] = [];
  for (let from = 0; from < messages; from += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, messages - from) }, (_, i) => message(stream.id, from + i));
    batches.push(time(() => archive.insertMessages(batch)));
  }
  for (let s = 0; s < 200; s++)
    archive.createStream({
      channel: `other${s}`,
      source: 'import',
      title: 'x',
      startedAt: s * 1000,
      absoluteTime: true,
      importFormat: 'jsonl',
    });
  await settle();
  const runs = (work: () => void) => summary(Array.from({ length: repeats }, () => time(work)));
  let iterated = 0;
  return {
    insertMsgPerSecond: Math.round(messages / (batches.reduce((a, b) => a + b, 0) / 1000)),
    insertBatchMs: summary(batches),
    getStreamMs: runs(() => archive.getStream(stream.id)),
    listStreams201Ms: runs(() => archive.listStreams()),
    readPage2000Ms: runs(() => archive.readPage(stream.id, { elapsed: messages / 100, rowid: -1 }, 2000)),
    countBeforeMs: runs(() => archive.countMessagesBefore(stream.id, messages / 100)),
    iterateAllMs: summary([
      time(() => {
        for (const _ of archive.iterateMessages(stream.id)) iterated++;
      }),
    ]),
    iterated,
  };
}

/**
 * `npm run bench -- archive [--messages N] [--batch N] [--repeats N] [--database-url postgres://...]`
 * @param args command-line arguments after the suite name
 */
export async function runArchiveBench(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      messages: { type: 'string', default: '100000' },
      batch: { type: 'string', default: '500' },
      repeats: { type: 'string', default: '50' },
      'database-url': { type: 'string' },
    },
  });
  const messages = Number(values.messages);
  const batch = Number(values.batch);
  const repeats = Number(values.repeats);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-bench-archive-'));
  let server: TestPostgres | null = null;
  try {
    const sqlite = SqliteArchive.open(path.join(dir, 'archive.sqlite'));
    const onSqlite = await measure(sqlite, messages, batch, repeats);
    sqlite.close();
    let url = values['database-url'];
    if (!url) {
      server = await startPostgres({ durable: true });
      url = await server.createDatabase();
    }
    const pg = PgArchive.open(url);
    // What autovacuum does shortly after a bulk insert on a real server: without it the planner has no statistics
    // and every index read checks the table (reads took twice as long in a first run).
    const onPostgres = await measure(pg, messages, batch, repeats, async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query('VACUUM ANALYZE');
      await client.end();
    });
    pg.close();
    return {
      suite: 'archive',
      machine: benchMachine(),
      settings: {
        messages,
        batch,
        repeats,
        postgres: values['database-url']
          ? 'given URL'
          : "throwaway local server with PostgreSQL's defaults (fsync, synchronous commits)",
        postgresReads: 'after VACUUM ANALYZE (what autovacuum does after a bulk insert)',
      },
      sqlite: onSqlite,
      postgres: onPostgres,
    };
  } finally {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
