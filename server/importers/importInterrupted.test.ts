import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteArchive } from '../archive/SqliteArchive';
import { tempWorkspace } from './testHelpers';

let ws: ReturnType<typeof tempWorkspace>;
beforeAll(() => {
  ws = tempWorkspace();
});
afterAll(() => ws.cleanup());

describe('an import killed part-way', () => {
  it('leaves its stream listed as incomplete (never complete with messages missing), removable by the delete path', async () => {
    const lines = Array.from(
      { length: 600_000 },
      (_, i) =>
        `[${Math.floor(i / 3600)}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}] user${i % 97}: message ${i}`,
    );
    const file = ws.write('big.txt', lines.join('\n'));
    const db = path.join(ws.dir, 'killed.sqlite');
    SqliteArchive.open(db).close();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/importers/fuzz/importChild.ts', db, file], {
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const reader = SqliteArchive.open(db);
    try {
      // Kill it as soon as a first batch is committed, well before the end.
      let written = 0;
      for (let waited = 0; written === 0 && waited < 30_000; waited += 20) {
        await new Promise((r) => setTimeout(r, 20));
        written = reader.listStreams()[0]?.messageCount ?? 0;
      }
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      const [stream] = reader.listStreams();
      expect(stream!.messageCount).toBeGreaterThan(0);
      expect(stream!.messageCount).toBeLessThan(lines.length);
      expect(stream!.complete).toBe(false);
      reader.deleteStream(stream!.id);
      expect(reader.listStreams()).toEqual([]);
    } finally {
      child.kill('SIGKILL');
      reader.close();
    }
  }, 60_000);
});
