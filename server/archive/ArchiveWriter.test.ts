import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeMessage } from '../../test/support/messages';
import { HAS_POSTGRES, startPostgres, type TestPostgres } from '../../test/support/postgresServer';
import { createLogger } from '../logger';
import { SqliteArchive } from './SqliteArchive';
import { ArchiveWriter } from './ArchiveWriter';
import { openArchive } from './openArchive';

let postgres: TestPostgres | null = null;
beforeAll(async () => {
  if (HAS_POSTGRES) postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.close());

// The loss bound holds on both back ends: the writer's batching is the same, and each commit is durable once done.
const backends = [
  { name: 'SQLite', skip: false, location: async () => tmpFile() },
  { name: 'PostgreSQL', skip: !HAS_POSTGRES, location: () => postgres!.createDatabase() },
];

const dirs: string[] = [];
function tmpFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-writer-'));
  dirs.push(dir);
  return path.join(dir, 'archive.sqlite');
}
afterEach(() => {
  vi.useRealTimers();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** An empty live stream of channel `c`: what the writer's batches go to. */
function liveStream(archive: SqliteArchive) {
  return archive.createStream({
    channel: 'c',
    source: 'live',
    title: '',
    startedAt: 0,
    absoluteTime: true,
    importFormat: null,
  });
}

describe('ArchiveWriter', () => {
  it('commits when the batch is full, and after flushMs otherwise', () => {
    vi.useFakeTimers();
    const archive = SqliteArchive.open(':memory:');
    const s = liveStream(archive);
    const writer = new ArchiveWriter(archive, { batchSize: 3, flushMs: 200 }, createLogger('silent'));
    writer.write([makeMessage({ id: '1', streamId: s.id }), makeMessage({ id: '2', streamId: s.id })]);
    expect(archive.getStream(s.id)!.messageCount).toBe(0);
    writer.write([makeMessage({ id: '3', streamId: s.id })]);
    expect(archive.getStream(s.id)!.messageCount).toBe(3);
    writer.write([makeMessage({ id: '4', streamId: s.id })]);
    vi.advanceTimersByTime(199);
    expect(archive.getStream(s.id)!.messageCount).toBe(3);
    vi.advanceTimersByTime(1);
    expect(archive.getStream(s.id)!.messageCount).toBe(4);
    expect(writer.stats()).toEqual({ written: 4, pending: 0, failed: 0 });
  });

  it("drops only the messages of a stream the archive refuses, and writes the other streams' at once", () => {
    const archive = SqliteArchive.open(':memory:');
    const ok = liveStream(archive);
    const writer = new ArchiveWriter(archive, { batchSize: 6, flushMs: 100 }, createLogger('silent'));
    // One batch of two channels; the second's stream is gone (a foreign key the archive refuses, forever).
    writer.write(
      Array.from({ length: 6 }, (_, i) =>
        makeMessage({ id: String(i), streamId: i % 2 === 0 ? ok.id : 'gone', elapsed: i }),
      ),
    );
    expect(writer.stats()).toEqual({ written: 3, pending: 0, failed: 3 });
    expect([...archive.iterateMessages(ok.id)].map((m) => m.id)).toEqual(['0', '2', '4']);
    // Nothing is kept for another try: the next batch goes through alone.
    writer.write(Array.from({ length: 6 }, (_, i) => makeMessage({ id: `n${i}`, streamId: ok.id, elapsed: 10 + i })));
    expect(writer.stats()).toEqual({ written: 9, pending: 0, failed: 3 });
    writer.close();
  });

  it('flushes pending messages before applying a deletion, so a just-received message can be deleted', () => {
    const archive = SqliteArchive.open(':memory:');
    const s = liveStream(archive);
    const writer = new ArchiveWriter(archive, { batchSize: 100, flushMs: 10_000 }, createLogger('silent'));
    writer.write([makeMessage({ id: 'x', streamId: s.id, channel: 'c' })]);
    expect(writer.applyDeletion(s.id, { kind: 'message', messageId: 'x' })).toEqual(['x']);
    writer.close();
  });
});

describe('ArchiveWriter in a process killed hard', () => {
  for (const { name, skip, location } of backends)
    it.skipIf(skip)(
      `loses at most the uncommitted batch when its process is killed hard (SIGKILL), on ${name}`,
      async () => {
        const where = await location();
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'test/support/archiveWriterChild.ts', where, '500', '200'],
          {
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        let lastLine = '';
        await new Promise<void>((resolve, reject) => {
          let buffered = '';
          child.stdout.on('data', (chunk: Buffer) => {
            buffered += chunk.toString();
            const lines = buffered.split('\n');
            buffered = lines.pop()!;
            if (lines.length) lastLine = lines[lines.length - 1]!;
            const committed = Number(/committed (\d+)/.exec(lastLine)?.[1] ?? 0);
            if (committed >= 5000) {
              child.kill('SIGKILL');
              resolve();
            }
          });
          child.on('exit', (code, signal) =>
            signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}`)),
          );
        });
        await new Promise((r) => child.on('exit', r));
        const [, sentBefore, committedBefore] = /sent (\d+) committed (\d+)/.exec(lastLine)!.map(Number);

        const archive = openArchive(where);
        try {
          if (archive instanceof SqliteArchive)
            expect(archive.db.pragma('integrity_check', { simple: true })).toBe('ok');
          const [stream] = archive.listStreams();
          const ids = [...archive.iterateMessages(stream!.id)].map((m) => Number(m.id));
          // Everything reported committed survived; what survived is an unbroken prefix (whole batches only).
          expect(ids.length).toBeGreaterThanOrEqual(committedBefore!);
          expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i));
          // Lost: only messages received after the last commit, i.e. less than one batch plus what arrived meanwhile.
          expect(sentBefore! - ids.length).toBeLessThan(500 + 37);
        } finally {
          archive.close();
        }
      },
    );
});
