import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeMessage } from '../../test/support/messages';
import { waitFor } from '../../test/support/waitFor';
import { createLogger } from '../logger';
import { SqliteArchive } from './SqliteArchive';
import { ThreadedArchiveWriter } from './ThreadedArchiveWriter';

const dirs: string[] = [];
const open: { writer: ThreadedArchiveWriter; archive: SqliteArchive }[] = [];
function start(options = { batchSize: 50, flushMs: 50 }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-threaded-'));
  dirs.push(dir);
  const archive = SqliteArchive.open(path.join(dir, 'archive.sqlite'));
  const stream = archive.createStream({
    channel: 'c',
    source: 'live',
    title: '',
    startedAt: 0,
    absoluteTime: true,
    importFormat: null,
  });
  const writer = new ThreadedArchiveWriter(archive, options, createLogger('silent'));
  open.push({ writer, archive });
  return { archive, writer, stream };
}
afterEach(async () => {
  for (const { writer, archive } of open.splice(0)) {
    await writer.close();
    archive.close();
  }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const batch = (streamId: string, from: number, count: number, login = 'viewer') =>
  Array.from({ length: count }, (_, i) =>
    makeMessage({
      id: `m${from + i}`,
      streamId,
      ts: 1_700_000_000_000 + from + i,
      user: { id: '1', login, displayName: login },
    }),
  );

describe('ThreadedArchiveWriter', () => {
  it('commits from its worker what the main thread then reads, and counts it', async () => {
    const { archive, writer, stream } = start();
    for (let i = 0; i < 1000; i += 25) writer.write(batch(stream.id, i, 25));
    await writer.flush();
    expect(archive.getStream(stream.id)!.messageCount).toBe(1000);
    expect(writer.stats()).toEqual({ written: 1000, pending: 0, failed: 0 });
  });

  it('commits by itself within flushMs, without a flush call', async () => {
    const { archive, writer, stream } = start({ batchSize: 10_000, flushMs: 50 });
    writer.write(batch(stream.id, 0, 7));
    await waitFor(() => archive.getStream(stream.id)!.messageCount === 7, 'the timed commit');
  });

  it('applies a deletion after the messages written before it, and answers with the ids it marked', async () => {
    const { archive, writer, stream } = start({ batchSize: 10_000, flushMs: 10_000 });
    writer.write(batch(stream.id, 0, 3, 'troll'));
    writer.write(batch(stream.id, 3, 2, 'viewer'));
    const ids = await writer.applyDeletion(stream.id, { kind: 'user', login: 'troll', ts: 1_700_000_000_010 });
    expect(ids.sort()).toEqual(['m0', 'm1', 'm2']);
    expect(archive.getStream(stream.id)!.deletedCount).toBe(3);
  });

  it('loses nothing when its worker dies: the main thread writes what was not confirmed, and goes on writing', async () => {
    const { archive, writer, stream } = start({ batchSize: 10_000, flushMs: 10_000 });
    writer.write(batch(stream.id, 0, 300));
    // Handed over, not committed (the batch and the timer are far): then the worker is killed.
    await new Promise((resolve) => setImmediate(resolve));
    await writer['worker'].terminate();
    await waitFor(() => archive.getStream(stream.id)!.messageCount === 300, 'the rewrite on the main thread');
    writer.write(batch(stream.id, 300, 20));
    await writer.flush();
    expect(archive.getStream(stream.id)!.messageCount).toBe(320);
    expect(writer.stats()).toMatchObject({ written: 320, pending: 0, failed: 0 });
  });
});
