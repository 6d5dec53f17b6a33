import fs from 'node:fs';
import { captureCliContext } from '../../../test/support/cliContext';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteArchive } from '../../archive/SqliteArchive';
import { UsageError } from '../../errors';
import { runCli } from '../main';
import { exportCommand } from './export';
import { importCommand } from './import';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-cli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const context = (argv: string[], env: Record<string, string> = {}) => captureCliContext(argv, dir, env);

function streams(db: string) {
  const archive = SqliteArchive.open(db);
  try {
    return archive.listStreams();
  } finally {
    archive.close();
  }
}

describe('chat-topics import / export', () => {
  it('imports into ./data/archive.sqlite by default, prints the stream id, counts and first errors, exits 0', async () => {
    fs.writeFileSync(
      path.join(dir, 'popcorn.txt'),
      '[0:00:01] alice: salut\n[0:0x:02] bob: cassé\n[0:00:03] carol: re\n',
    );
    const run = context(['import', 'popcorn.txt']);
    expect(await runCli(run.ctx)).toBe(0);
    const [stream] = streams(path.join(dir, 'data', 'archive.sqlite'));
    expect(stream).toMatchObject({ channel: 'popcorn', messageCount: 2, importFormat: 'twitchdownloader-txt' });
    const out = run.stdout();
    expect(out).toContain(`stream: ${stream!.id}\n`);
    expect(out).toContain('imported: 2\n');
    expect(out).toContain('skipped: 1 (1 bad)\n');
    expect(out).toContain('  line 2: timestamp `[0:0x:02]` is not H:MM:SS\n');
  });

  it('uses --db, then CHAT_TOPICS_DB_PATH, and exits 1 writing nothing for a refused file', async () => {
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'just some notes\nnothing else\n');
    const refused = context(['import', 'notes.txt', '--db', 'a.sqlite']);
    expect(await runCli(refused.ctx)).toBe(1);
    expect(refused.stderr()).toMatch(/^chat-topics import: notes\.txt: unrecognised chat file format/);
    expect(streams(path.join(dir, 'a.sqlite'))).toEqual([]);

    fs.writeFileSync(
      path.join(dir, 'x.irc'),
      '@id=1;tmi-sent-ts=1700000000000 :a!a@a.tmi.twitch.tv PRIVMSG #zchan :hi\n',
    );
    const viaEnv = context(['import', 'x.irc', '--format', 'irc', '--json'], {
      CHAT_TOPICS_DB_PATH: path.join(dir, 'env.sqlite'),
    });
    expect(await runCli(viaEnv.ctx)).toBe(0);
    expect(JSON.parse(viaEnv.stdout())).toMatchObject({ format: 'irc', imported: 1, stream: { channel: 'zchan' } });
    expect(streams(path.join(dir, 'env.sqlite'))).toHaveLength(1);
  });

  it('names bad usage', async () => {
    await expect(importCommand.run(context([]).ctx)).rejects.toBeInstanceOf(UsageError);
    await expect(importCommand.run(context(['a.txt', '--format', 'xml']).ctx)).rejects.toThrow(
      /--format: unknown format "xml"/,
    );
    await expect(exportCommand.run(context(['id', '--format', 'csv']).ctx)).rejects.toThrow(/only jsonl/);
  });

  it('exports a stream to stdout or --out, and the export imports back', async () => {
    fs.writeFileSync(path.join(dir, 'v.txt'), '[0:00:01] a: un\n[0:00:02] b: deux\n');
    const imported = context(['import', 'v.txt', '--db', 'db.sqlite', '--json']);
    expect(await runCli(imported.ctx)).toBe(0);
    const id = JSON.parse(imported.stdout()).stream.id as string;

    const toStdout = context(['export', id, '--db', 'db.sqlite']);
    expect(await runCli(toStdout.ctx)).toBe(0);
    const lines = toStdout.stdout().trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0]!)).toMatchObject({ kind: 'stream', stream: { id } });

    const toFile = context(['export', id, '--db', 'db.sqlite', '--format', 'jsonl', '--out', 'v.jsonl']);
    expect(await runCli(toFile.ctx)).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'v.jsonl'), 'utf8')).toBe(toStdout.stdout());
    const back = context(['import', 'v.jsonl', '--db', 'db.sqlite']);
    expect(await runCli(back.ctx)).toBe(0);
    expect(back.stdout()).toContain('format: jsonl\n');

    const missing = context(['export', 'nope', '--db', 'db.sqlite', '--out', 'nope.jsonl']);
    expect(await runCli(missing.ctx)).toBe(1);
    expect(missing.stderr()).toMatch(/no stream "nope"/);
    expect(fs.existsSync(path.join(dir, 'nope.jsonl'))).toBe(false);
  });

  it('lists an import cut short as incomplete in `streams`', async () => {
    const db = path.join(dir, 'cut.sqlite');
    const archive = SqliteArchive.open(db);
    archive.createStream({
      channel: 'whole',
      source: 'import',
      title: 'a',
      startedAt: 0,
      absoluteTime: false,
      importFormat: 'jsonl',
    });
    archive.createStream({
      channel: 'cut',
      source: 'import',
      title: 'b',
      startedAt: 0,
      absoluteTime: false,
      importFormat: 'jsonl',
      complete: false,
    });
    archive.close();
    const run = context(['streams', '--db', db]);
    expect(await runCli(run.ctx)).toBe(0);
    const rows = run.stdout().split('\n');
    expect(rows.find((r) => r.includes('cut'))).toContain('(incomplete)');
    expect(rows.find((r) => r.includes('whole'))).not.toContain('incomplete');
  });
});
