import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteArchive } from '../../server/archive/SqliteArchive';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-shutdown-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('graceful shutdown', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('flushes the archive and exits 0 on %s', async (signal) => {
    const db = path.join(dir, `${signal}.sqlite`);
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/serverChild.ts', db, '600000'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const started = Date.now();
    while (!out.includes('ready')) {
      if (Date.now() - started > 20_000) throw new Error(`server did not start: ${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 700)); // the demo chats into the unflushed batch
    child.kill(signal);
    expect(await exit).toBe(0);
    expect(out).toContain('stopped, archive flushed');
    const archive = SqliteArchive.open(db);
    const [stream] = archive.listStreams();
    archive.close();
    expect(stream!.messageCount).toBeGreaterThan(0);
  });
});
