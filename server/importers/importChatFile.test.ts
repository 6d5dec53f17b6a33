import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImportFormatError } from '../errors';
import { IMPORT_BATCH, importChatFile, MAX_REPORTED_ERRORS } from './importChatFile';
import { tempWorkspace } from './testHelpers';

let ws: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  ws = tempWorkspace();
});
afterEach(() => ws.cleanup());

function clock(s: number): string {
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** A relative TwitchDownloader TXT of `n` lines: `[t] user<i%7>: message <i>`. */
function txt(n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += `[${clock(i)}] user${i % 7}: message ${i}\n`;
  return out;
}

const TS = 1_700_000_000_000;
const ircMsg = (id: string, nick: string, text: string, ts: number) =>
  `@id=${id};tmi-sent-ts=${ts};user-id=1 :${nick}!${nick}@${nick}.tmi.twitch.tv PRIVMSG #chan :${text}`;

describe('importChatFile', () => {
  it('imports a file as a new stream, in transactions of at most IMPORT_BATCH messages', async () => {
    const archive = ws.archive();
    const insert = vi.spyOn(archive, 'insertMessages');
    const n = IMPORT_BATCH * 2 + 500;
    const report = await importChatFile(archive, {
      path: ws.write('upload-tmp-123', txt(n)),
      originalName: 'popcorn-ep1.txt',
    });
    expect(report).toMatchObject({
      format: 'twitchdownloader-txt',
      imported: n,
      skipped: 0,
      errorCount: 0,
      errors: [],
      fatal: null,
    });
    expect(report.bytes).toBe(Buffer.byteLength(txt(n)));
    expect(insert.mock.calls.map((c) => c[0].length)).toEqual([IMPORT_BATCH, IMPORT_BATCH, 500]);
    expect(report.stream).toMatchObject({
      channel: 'popcorn',
      title: 'popcorn-ep1.txt',
      source: 'import',
      absoluteTime: false,
    });
    const stored = archive.getStream(report.stream.id)!;
    expect(stored.messageCount).toBe(n);
    const messages = [...archive.iterateMessages(report.stream.id)];
    expect(messages[n - 1]).toMatchObject({
      id: `l${n}`,
      text: `message ${n - 1}`,
      elapsed: n - 1,
      streamId: report.stream.id,
    });
  });

  it('skips bad lines with their numbers, keeps every good one, and caps the listed errors', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 300; i++) lines.push(i % 2 ? `[${clock(i)}] ok${i}: fine` : `[0:0x:00] bad${i}: broken`);
    const archive = ws.archive();
    const report = await importChatFile(archive, {
      path: ws.write('mixed.txt', lines.join('\n')),
      format: 'twitchdownloader-txt',
    });
    expect(report.imported).toBe(150);
    expect(report.errorCount).toBe(150);
    expect(report.skipped).toBe(150);
    expect(report.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(report.errors[0]).toEqual({ line: 1, reason: 'timestamp `[0:0x:00]` is not H:MM:SS' });
    expect(report.errors[1]!.line).toBe(3);
    expect([...archive.iterateMessages(report.stream.id)].map((m) => m.user.login).slice(0, 2)).toEqual(['ok1', 'ok3']);
  });

  it.each([
    [
      'an unrecognised file',
      'notes.txt',
      'Lorem ipsum dolor sit amet\nconsectetur adipiscing elit\n',
      undefined,
      /notes\.txt: unrecognised chat file format; expected one of: twitchdownloader-json/,
    ],
    [
      'a file not in the format asked for',
      'chat.txt',
      txt(30),
      'irc' as const,
      /chat\.txt: not a irc file: its first 20 records do not parse \(line 1: not an IRC line;/,
    ],
    [
      'a file in the format but without one good message',
      'few.txt',
      '[0:0x:00] a: b\n[0:00:01] c:\n',
      'twitchdownloader-txt' as const,
      /few\.txt: not a twitchdownloader-txt file: no chat message found/,
    ],
    ['an empty file', 'empty.json', '', undefined, /empty\.json: the file is empty/],
    [
      'a JSON document of another kind',
      'package.json',
      JSON.stringify({ name: 'x', comments: 'none' }),
      undefined,
      /not a twitchdownloader-json file: no chat message found/,
    ],
  ])('refuses %s with an ImportFormatError and writes nothing', async (_, name, content, format, message) => {
    const archive = ws.archive();
    const attempt = importChatFile(archive, { path: ws.write(name, content), format });
    await expect(attempt).rejects.toBeInstanceOf(ImportFormatError);
    await expect(importChatFile(archive, { path: ws.write(name, content), format })).rejects.toThrow(message);
    expect(archive.listStreams()).toEqual([]);
  });

  it('refuses an unrecognised file in one short line: the formats accepted and where it failed; the shapes in details', async () => {
    const archive = ws.archive();
    const lorem =
      'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt\nut labore\n';
    const refused = await importChatFile(archive, { path: ws.write('notes.txt', lorem) }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportFormatError);
    const { message, details } = refused as ImportFormatError;
    expect(message.length).toBeLessThanOrEqual(240);
    expect(message).toContain('twitchdownloader-txt, chat-downloader-json, chatterino, irc, csv, jsonl');
    expect(message).toMatch(/line 1 fits none of them: "Lorem ipsum dolor sit amet, consectetur…"/);
    expect(details).toContain('a JSON object with a `comments` array (TwitchDownloader)');

    const binary = Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x42, 0x13, 0x37, 0x00, 0x99, 0x10, 0x20]);
    const bin = ws.write('notes.bin', binary);
    const binMessage = ((await importChatFile(archive, { path: bin }).catch((e: unknown) => e)) as Error).message;
    expect(binMessage.length).toBeLessThanOrEqual(240);
    expect(binMessage).toMatch(/^notes\.bin: unrecognised chat file format; .*it looks binary, not text/);
    expect(archive.listStreams()).toEqual([]);
  });

  it('refuses a missing file', async () => {
    const archive = ws.archive();
    await expect(importChatFile(archive, { path: `${ws.dir}/nope.json` })).rejects.toThrow(
      /nope\.json: cannot read the file/,
    );
    expect(archive.listStreams()).toEqual([]);
  });

  it('keeps what came before a gzip truncation and reports it', async () => {
    const n = 20_000;
    const gz = gzipSync(txt(n));
    const archive = ws.archive();
    const report = await importChatFile(archive, {
      path: ws.write('vod.txt.gz', gz.subarray(0, Math.floor(gz.length * 0.6))),
    });
    expect(report.fatal).toMatch(/^line \d+: the gzip data ends early \(truncated file\)$/);
    expect(report.imported).toBeGreaterThan(1000);
    expect(report.imported).toBeLessThan(n);
    // Exactly the first lines, each whole: the cut line is dropped rather than imported half.
    const messages = [...archive.iterateMessages(report.stream.id)];
    expect(messages.map((m) => m.text)).toEqual(Array.from({ length: report.imported }, (_, i) => `message ${i}`));
    expect(report.errorCount).toBe(0);
  });

  it('refuses a corrupt gzip that yields nothing', async () => {
    const archive = ws.archive();
    const broken = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(64, 7)]);
    await expect(
      importChatFile(archive, { path: ws.write('x.json.gz', broken), format: 'twitchdownloader-json' }),
    ).rejects.toBeInstanceOf(ImportFormatError);
    expect(archive.listStreams()).toEqual([]);
  });

  it('marks deleted what CLEARMSG and CLEARCHAT hide, in written batches as in pending ones, and only in this stream', async () => {
    const archive = ws.archive();
    const lines: string[] = [];
    for (let i = 0; i < IMPORT_BATCH + 300; i++)
      lines.push(ircMsg(`m${i}`, i % 10 === 0 ? 'troll' : `user${i % 5}`, `hello ${i}`, TS + i * 1000));
    lines.push(`@target-msg-id=m1;tmi-sent-ts=${TS + 9_000_000} :tmi.twitch.tv CLEARMSG #chan :hello 1`);
    lines.push(`@ban-duration=60;tmi-sent-ts=${TS + 9_000_000} :tmi.twitch.tv CLEARCHAT #chan :troll`);
    lines.push(ircMsg('after', 'troll', 'back again', TS + 9_500_000));
    const file = ws.write('chan.irc', lines.join('\n'));
    const other = await importChatFile(archive, { path: file }); // the same log twice: two streams
    const report = await importChatFile(archive, { path: file });
    const trolls = (IMPORT_BATCH + 300) / 10;
    expect(report.deleted).toBe(trolls + 1);
    const deleted = [...archive.iterateMessages(report.stream.id)].filter((m) => m.deleted).map((m) => m.id);
    expect(deleted).toContain('m1');
    expect(deleted).toContain('m0');
    expect(deleted).toContain(`m${IMPORT_BATCH + 290}`);
    expect(deleted).not.toContain('after');
    expect(deleted).toHaveLength(trolls + 1);
    expect(archive.getStream(other.stream.id)!.deletedCount).toBe(trolls + 1);
  });

  it('applies a Chatterino timeout notice to the user`s earlier messages only', async () => {
    const archive = ws.archive();
    const log = [
      '[10:00:00]  spam: buy',
      '[10:00:01]  alice: hi',
      '[10:00:02]  spam has been timed out for 10m.',
      '[10:10:03]  spam: sorry',
    ].join('\n');
    const report = await importChatFile(archive, { path: ws.write('c-2023-01-02.log', log) });
    expect(report.errorCount).toBe(0);
    const messages = [...archive.iterateMessages(report.stream.id)];
    expect(messages.map((m) => [m.text, m.deleted])).toEqual([
      ['buy', true],
      ['hi', false],
      ['sorry', false],
    ]);
  });

  it('uses --channel and --title over what the file says, and refuses a channel that is not a login', async () => {
    const archive = ws.archive();
    const file = ws.write('x.irc', ircMsg('a', 'bob', 'hi', TS));
    const report = await importChatFile(archive, { path: file, channel: '#Other_Chan', title: 'My title' });
    expect(report.stream).toMatchObject({ channel: 'other_chan', title: 'My title' });
    await expect(importChatFile(archive, { path: file, channel: 'not a login' })).rejects.toThrow(/not a Twitch login/);
    expect(archive.listStreams()).toHaveLength(1);
  });

  it('flags bots with the given list', async () => {
    const archive = ws.archive();
    const file = ws.write('b.txt', '[0:00:01] MyBot: !so @x\n[0:00:02] nightbot: hi\n');
    const report = await importChatFile(archive, { path: file, botNames: ['mybot'] });
    expect([...archive.iterateMessages(report.stream.id)].map((m) => m.flags.bot)).toEqual([true, false]);
    expect(fs.existsSync(file)).toBe(true);
  });
});

describe('importChatFile with an explicit JSON format on a file that is not JSON', () => {
  it('refuses it naming the format and the line', async () => {
    const ws2 = tempWorkspace();
    try {
      const archive = ws2.archive();
      const attempt = importChatFile(archive, { path: ws2.write('vod.txt', txt(5)), format: 'twitchdownloader-json' });
      await expect(attempt).rejects.toThrow(
        /^vod\.txt: cannot be read as twitchdownloader-json: line 1(, after record \d+)?: .*; expected a JSON object with a `comments` array/,
      );
      expect(archive.listStreams()).toEqual([]);
    } finally {
      ws2.cleanup();
    }
  });
});
