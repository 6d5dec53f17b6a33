import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCliContext } from '../../test/support/cliContext';
import type { ImportResponse } from '../../contracts/socket-events';
import { runCli } from '../cli/main';
import { handleImport } from '../http/importRoute';
import { createLogger } from '../logger';
import { FORMAT_WRITERS, hostileFile, type HostileFile } from './fuzz/hostileFile';
import { Sfc32 } from '../../models/random';
import { importChatFile } from './importChatFile';
import { tempWorkspace } from './testHelpers';

/** No single import of a generated file may take longer (a hang or a quadratic path shows here). */
const PER_FILE_MS = 5000;
const SEEDS = [11, 22, 33];

let ws: ReturnType<typeof tempWorkspace>;
beforeAll(() => {
  ws = tempWorkspace();
});
afterAll(() => ws.cleanup());

/** Writes a generated file; `gzip`: compress it; `gzName`: name it `.gz` (already compressed content). */
function write(f: HostileFile, content: string | Buffer, gzip = false, gzName = gzip): string {
  return ws.write(gzName ? `${f.fileName}.gz` : f.fileName, content, gzip);
}

async function timedImport(file: string, name: string) {
  const archive = ws.archive(`${name}.sqlite`);
  const started = performance.now();
  const report = await importChatFile(archive, { path: file });
  const ms = performance.now() - started;
  expect(ms, `import took ${ms.toFixed(0)} ms`).toBeLessThan(PER_FILE_MS);
  const texts = [...archive.iterateMessages(report.stream.id)].map((m) => m.text);
  return { archive, report, texts };
}

describe.each(FORMAT_WRITERS.map((w) => [w.format, w] as const))(
  '%s under hostile input (fixed seeds)',
  (format, writer) => {
    it.each(SEEDS)(
      'seed %i: keeps every good message, reports every bad record once, and says it is complete',
      async (seed) => {
        const f = hostileFile(writer, seed);
        // One seed in three goes through gzip, which every format accepts.
        const { archive, report, texts } = await timedImport(write(f, f.text, seed === 33), `${format}-${seed}`);
        expect(report.format).toBe(format);
        expect(texts).toEqual(f.good);
        expect(
          report.errorCount,
          `bad kinds injected: ${f.kinds.join(', ')}; reported: ${report.errors.map((e) => e.reason).join(' | ')}`,
        ).toBe(f.bad);
        expect(report.errors.every((e) => Number.isInteger(e.line) && e.line >= 1 && e.reason.length > 0)).toBe(true);
        expect(report).toMatchObject({ complete: true, fatal: null, imported: f.good.length });
        expect(archive.getStream(report.stream.id)).toMatchObject({
          complete: true,
          channel: f.channel,
          messageCount: f.good.length,
        });
      },
    );

    it('stops at a truncation, keeps the whole records before it, and says it is incomplete', async () => {
      const f = hostileFile(writer, 44);
      const rng = new Sfc32(44);
      let content: string | Buffer;
      let expected: string[] | null = null;
      if (writer.kind === 'json') {
        // A JSON file cut anywhere in its records: exactly the records that end before the cut are kept.
        const cut = Math.floor(f.text.length * (0.4 + 0.4 * rng.next()));
        content = f.text.slice(0, cut);
        expected = f.good.filter((_, i) => f.goodEnds[i]! <= cut);
      } else {
        // A plain line file cut short cannot be told from a whole one; a gzip file can.
        const gz = gzipSync(f.text);
        content = gz.subarray(0, Math.floor(gz.length * 0.6));
      }
      const { archive, report, texts } = await timedImport(
        write(f, content, false, writer.kind === 'lines'),
        `${format}-cut`,
      );
      expect(report.complete).toBe(false);
      expect(report.fatal).toMatch(
        writer.kind === 'json'
          ? /^line \d+, after record \d+: the JSON ends early .*\(at character \d+\)$/
          : /gzip data ends early/,
      );
      if (expected) expect(texts).toEqual(expected);
      else {
        expect(texts.length).toBeGreaterThan(0);
        expect(texts).toEqual(f.good.slice(0, texts.length));
      }
      expect(report.lastGoodLine).toBeGreaterThan(0);
      expect(archive.getStream(report.stream.id)).toMatchObject({ complete: false, messageCount: texts.length });
    });
  },
);

describe('hostile inputs beyond the limits', () => {
  it('stops a gzip bomb early, keeping the messages before it, and reports it as incomplete', async () => {
    const text = '[0:00:01] alice: one\n[0:00:02] bob: two\n[0:00:03] carol: three\n' + 'a'.repeat(64 * 1024 * 1024);
    const gz = gzipSync(text, { level: 9 });
    expect(gz.length).toBeLessThan(200_000);
    const archive = ws.archive('bomb.sqlite');
    const started = performance.now();
    const report = await importChatFile(archive, { path: ws.write('bomb.txt.gz', gz) });
    expect(performance.now() - started).toBeLessThan(PER_FILE_MS);
    expect(report).toMatchObject({ imported: 3, complete: false, lastGoodLine: 3 });
    expect(report.fatal).toMatch(/gzip bomb/);
  });

  it('imports deep nesting and one huge record or line in bounded memory (child process, 256 MB heap)', () => {
    const good = (i: number) =>
      JSON.stringify({
        _id: `c${i}`,
        content_offset_seconds: i,
        commenter: { name: 'bob' },
        message: { body: `hi ${i}` },
      });
    const n = 10_000_000;
    // 20 MB of nesting in one comment: the token-by-token builder took 2.7 GB and 23 s on this.
    const nested = ws.write(
      'nested.json',
      `{"comments":[${good(1)},{"x":${'['.repeat(n)}${']'.repeat(n)}},${good(2)}]}`,
    );
    // 30 MB in one string of one item.
    const bigString = ws.write(
      'big.json',
      `[${JSON.stringify({ message_id: 'a', author: { name: 'a' }, timestamp: 1.7e15, message: 'x'.repeat(30_000_000) })},${JSON.stringify({ message_id: 'b', message: 'ok', timestamp: 1.7e15, author: { name: 'b' } })}]`,
    );
    // 30 MB without a line break.
    const longLine = ws.write(
      'long.txt',
      `[0:00:01] alice: one\n[0:00:02] bob: ${'y'.repeat(30_000_000)}\n[0:00:03] carol: three\n`,
    );
    const child = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=256',
        '--import',
        'tsx',
        'server/importers/fuzz/importChild.ts',
        path.join(ws.dir, 'child.sqlite'),
        nested,
        bigString,
        longLine,
      ],
      {
        encoding: 'utf8',
        timeout: 40_000,
      },
    );
    expect(child.status, child.stderr).toBe(0);
    const lines = child.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({
      imported: 2,
      errorCount: 1,
      complete: true,
      errors: [{ line: 1, record: 2, reason: 'record nested deeper than 64 levels: skipped' }],
    });
    expect(lines[1]).toMatchObject({
      imported: 1,
      errorCount: 1,
      complete: true,
      errors: [{ record: 1, reason: 'record over 1024 KB: skipped' }],
    });
    expect(lines[2]).toMatchObject({
      imported: 2,
      errorCount: 1,
      complete: true,
      errors: [{ line: 2, reason: 'line is over 1 MB long: skipped (not a chat line)' }],
    });
    const { maxRssMb } = lines[3] as { maxRssMb: number };
    expect(maxRssMb).toBeLessThan(450);
  }, 60_000);
});

describe('what the CLI and the HTTP route say about a truncated file', () => {
  let truncated: string;
  beforeAll(() => {
    const f = hostileFile(
      FORMAT_WRITERS.find((w) => w.format === 'twitchdownloader-json')!,
      55,
    );
    truncated = ws.write('cut-vod.json', f.text.slice(0, Math.floor(f.text.length / 2)));
  });

  it('the CLI exits 2 and prints INCOMPLETE with the reason and the last good line', async () => {
    const run = captureCliContext(['import', truncated, '--db', path.join(ws.dir, 'cli.sqlite')], ws.dir);
    expect(await runCli(run.ctx)).toBe(2);
    expect(run.stdout()).toMatch(
      /INCOMPLETE: stopped early: line \d+, after record \d+: the JSON ends early .*; last good message: line \d+\)/,
    );
  });

  it('the HTTP route answers complete: false with the reason and the last good line', async () => {
    const archive = ws.archive('http.sqlite');
    const deps = { archive, maxBytes: 50e6, botNames: [], logger: createLogger('silent'), onImported: () => undefined };
    const server = http.createServer((req, res) => void handleImport(req, res, new URL(req.url!, 'http://x'), deps));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const res = await fetch(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/import?name=cut-vod.json`,
        { method: 'POST', body: fs.readFileSync(truncated) },
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as ImportResponse;
      expect(body.complete).toBe(false);
      expect(body.incompleteReason).toMatch(/the JSON ends early/);
      expect(body.lastGoodLine).toBeGreaterThan(0);
      expect(archive.listStreams()).toMatchObject([
        { id: body.streamId, complete: false, messageCount: body.imported },
      ]);
    } finally {
      server.close();
    }
  });
});
