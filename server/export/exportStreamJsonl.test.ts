import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage, StreamSummary } from '../../contracts/chat';
import type { Archive } from '../archive/Archive';
import { ArchiveError } from '../errors';
import { importChatFile } from '../importers/importChatFile';
import { tempWorkspace } from '../importers/testHelpers';
import { exportStreamJsonl } from './exportStreamJsonl';

let ws: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  ws = tempWorkspace();
});
afterEach(() => ws.cleanup());

async function exportToFile(archive: Archive, streamId: string, name: string): Promise<string> {
  const file = path.join(ws.dir, name);
  const out = fs.createWriteStream(file);
  await exportStreamJsonl(archive, streamId, out);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return file;
}

const withoutStreamId = (messages: ChatMessage[]) => messages.map(({ streamId: _, ...m }) => m);
const withoutId = ({ id: _, ...s }: StreamSummary) => s;

/** Exports `streamId`, imports the export into the same archive, and checks both streams are the same. */
async function expectRoundTrip(archive: Archive, streamId: string) {
  const file = await exportToFile(archive, streamId, `${streamId}.jsonl`);
  const report = await importChatFile(archive, { path: file });
  expect(report).toMatchObject({ format: 'jsonl', errorCount: 0, fatal: null });
  expect(report.stream.id).not.toBe(streamId);
  const before = [...archive.iterateMessages(streamId)];
  const after = [...archive.iterateMessages(report.stream.id)];
  expect(after.length).toBe(before.length);
  expect(withoutStreamId(after)).toEqual(withoutStreamId(before));
  expect(withoutId(archive.getStream(report.stream.id)!)).toEqual(withoutId(archive.getStream(streamId)!));
  return { before, after };
}

const TS = 1_700_000_000_000;

describe('exportStreamJsonl', () => {
  it('round-trips an imported IRC stream: ids, emotes, badges, bits, replies, actions, deletions, order', async () => {
    const lines = [
      `@id=a;user-id=1;display-name=Ann;badges=subscriber/3;emotes=25:2-6;tmi-sent-ts=${TS} :ann!ann@ann.tmi.twitch.tv PRIVMSG #chan :🎉 Kappa ok`,
      `@id=b;user-id=2;bits=50;reply-parent-msg-id=a;tmi-sent-ts=${TS + 1500} :bob!bob@bob.tmi.twitch.tv PRIVMSG #chan :Cheer50 "quoted" \\ text`,
      `@id=c;tmi-sent-ts=${TS + 1500} :cat!cat@cat.tmi.twitch.tv PRIVMSG #chan :\u0001ACTION waves\u0001`,
      `@id=d;tmi-sent-ts=${TS + 2000} :nightbot!nightbot@nightbot.tmi.twitch.tv PRIVMSG #chan :!commands`,
      `@target-msg-id=c;tmi-sent-ts=${TS + 3000} :tmi.twitch.tv CLEARMSG #chan :waves`,
    ];
    const archive = ws.archive();
    const original = await importChatFile(archive, { path: ws.write('chan.log', lines.join('\n')) });
    const { after } = await expectRoundTrip(archive, original.stream.id);
    expect(after.map((m) => m.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(after[0]!.emotes).toEqual([{ id: '25', name: 'Kappa', start: 2, end: 7 }]);
    expect(after[1]).toMatchObject({ bits: 50, replyParentId: 'a', text: 'Cheer50 "quoted" \\ text' });
    expect(after[2]).toMatchObject({ deleted: true, flags: { action: true } });
    expect(after[3]!.flags.bot).toBe(true);
  });

  it('round-trips a relative-time TXT stream with fractional offsets from TwitchDownloader JSON', async () => {
    const archive = ws.archive();
    const txt = await importChatFile(archive, {
      path: ws.write('vod.txt', '[0:00:01] a: un\n[0:00:01] b: deux\n[1:00:00] c: trois\n'),
    });
    await expectRoundTrip(archive, txt.stream.id);
    const comments = [0.123, 7.5, 7.5, 3600.001].map((t, i) => ({
      _id: `c${i}`,
      content_offset_seconds: t,
      commenter: { name: `u${i}`, display_name: `U${i}` },
      message: { body: `m${i}` },
    }));
    const json = await importChatFile(archive, {
      path: ws.write('vod.json', JSON.stringify({ streamer: { name: 'x' }, comments })),
    });
    const { after } = await expectRoundTrip(archive, json.stream.id);
    expect(after.map((m) => m.elapsed)).toEqual([0.123, 7.5, 7.5, 3600.001]);
  });

  it('round-trips a simulator stream: source, topics and bot flags from another bot list survive', async () => {
    const archive = ws.archive();
    const stream = archive.createStream({
      channel: 'demo',
      source: 'simulator',
      title: 'seed 1',
      startedAt: TS,
      absoluteTime: true,
      importFormat: null,
    });
    const messages: ChatMessage[] = Array.from({ length: 2500 }, (_, i) => ({
      id: `sim-${i}`,
      channel: 'demo',
      streamId: stream.id,
      ts: TS + i * 250,
      elapsed: i / 4,
      user: { id: null, login: i % 50 === 0 ? 'custom_bot' : `viewer${i % 13}`, displayName: `Viewer${i % 13}` },
      text: `message ${i} ;:"\\ é 🎉`,
      emotes: [],
      badges: (i % 3 === 0 ? { subscriber: '6' } : {}) as Record<string, string>,
      flags: { action: false, cheer: false, command: false, bot: i % 50 === 0 },
      bits: 0,
      replyParentId: null,
      deleted: false,
      topic: `topic-${i % 4}`,
    }));
    archive.insertMessages(messages);
    const { after } = await expectRoundTrip(archive, stream.id);
    expect(after.filter((m) => m.flags.bot)).toHaveLength(50);
    expect(archive.getStream(archive.listStreams()[0]!.id)!.source).toBe('simulator');
  });

  it('writes the header then messages in time order, and waits for a slow writable', async () => {
    const archive = ws.archive();
    const report = await importChatFile(archive, {
      path: ws.write(
        'v.txt',
        Array.from({ length: 5000 }, (_, i) => `[0:00:${String(59 - (i % 60)).padStart(2, '0')}] u: m${i}`).join('\n'),
      ),
    });
    let text = '';
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString();
        setImmediate(done);
      },
    });
    const { messages } = await exportStreamJsonl(archive, report.stream.id, slow);
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(messages).toBe(5000);
    expect(lines).toHaveLength(5001);
    expect(lines[0]).toMatchObject({
      kind: 'stream',
      version: 1,
      stream: { id: report.stream.id, channel: 'v', importFormat: 'twitchdownloader-txt' },
    });
    const elapsed = lines.slice(1).map((l) => l.elapsed as number);
    expect(elapsed).toEqual([...elapsed].sort((a, b) => a - b));
    expect(lines.slice(1).every((l) => l.kind === 'message')).toBe(true);
  });

  it('throws an ArchiveError for an unknown stream before writing anything', async () => {
    const archive = ws.archive();
    const out = new PassThrough();
    let written = 0;
    out.on('data', (c: Buffer) => (written += c.length));
    await expect(exportStreamJsonl(archive, 'nope', out)).rejects.toBeInstanceOf(ArchiveError);
    expect(written).toBe(0);
  });
});
