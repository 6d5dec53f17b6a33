import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../contracts/chat';
import { makeMessage } from '../../test/support/messages';
import { tempWorkspace } from '../importers/testHelpers';
import { TrainingCorpusError } from './errors';
import { loadTrainingCorpus } from './loadTrainingCorpus';

let ws: ReturnType<typeof tempWorkspace>;
afterEach(() => ws?.cleanup());

const day = (d: number) => Date.UTC(2024, 4, d, 20);

function message(
  streamId: string,
  channel: string,
  i: number,
  text: string,
  extra: Partial<ChatMessage> = {},
): ChatMessage {
  return makeMessage({
    id: `${streamId}-${i}`,
    channel,
    streamId,
    ts: 0,
    elapsed: i,
    user: { id: null, login: `u${i}`, displayName: `U${i}` },
    text,
    ...extra,
  });
}

/** Three streams: alpha on May 1 and May 3, beta on May 2; each with one bot, one command and one deleted message. */
function seededArchive() {
  const archive = ws.archive();
  for (const [channel, d] of [
    ['alpha', 1],
    ['beta', 2],
    ['alpha', 3],
  ] as const) {
    const s = archive.createStream({
      channel,
      source: 'import',
      title: `${channel}-${d}`,
      startedAt: day(d),
      absoluteTime: true,
      importFormat: null,
    });
    archive.insertMessages([
      { ...message(s.id, channel, 0, `salut @Pseudo regarde https://x.fr/clip jour ${d}`), ts: day(d) },
      { ...message(s.id, channel, 1, `gg ${channel}`), ts: day(d) + 1000 },
      {
        ...message(s.id, channel, 2, 'abonnez-vous', {
          flags: { action: false, cheer: false, command: false, bot: true },
        }),
        ts: day(d) + 2000,
      },
      {
        ...message(s.id, channel, 3, '!uptime', { flags: { action: false, cheer: false, command: true, bot: false } }),
        ts: day(d) + 3000,
      },
      { ...message(s.id, channel, 4, 'insulte', { deleted: true }), ts: day(d) + 4000 },
    ]);
  }
  return archive;
}

describe('loadTrainingCorpus', () => {
  it('reads archived streams filtered by channel and stream start, leaving out bots, commands and deleted messages', async () => {
    ws = tempWorkspace();
    const archive = seededArchive();
    const corpus = await loadTrainingCorpus(
      { channels: ['alpha'], from: '2024-05-02T00:00:00Z' },
      { archive, botNames: [], cwd: ws.dir },
    );
    expect(corpus.messages.map((m) => m.text)).toEqual(['salut <mention> regarde <url> jour 3', 'gg alpha']);
    expect(corpus.counts).toMatchObject({
      archive: 2,
      streams: 1,
      excluded: { bot: 1, command: 1, deleted: 1, empty: 0 },
    });
    expect(corpus.messages[0]!.timeMs).toBe(day(3));
    expect(new Set(corpus.messages.map((m) => m.stream)).size).toBe(1);

    const all = await loadTrainingCorpus({}, { archive, botNames: [], cwd: ws.dir });
    expect(all.counts).toMatchObject({ archive: 6, streams: 3 });
    // Oldest stream first.
    expect(all.messages.map((m) => m.text).filter((t) => t.startsWith('gg'))).toEqual([
      'gg alpha',
      'gg beta',
      'gg alpha',
    ]);
    const before = await loadTrainingCorpus({ to: '2024-05-02T00:00:00Z' }, { archive, botNames: [], cwd: ws.dir });
    expect(before.counts.streams).toBe(1);
  });

  it('keeps the good lines of a chat file with a bad one and reports the bad line with the file name', async () => {
    ws = tempWorkspace();
    ws.write(
      'vod.txt',
      [
        '[0:00:01] alice: premier message',
        '[0:0x:02] bob: cassé',
        '[0:00:03] carol: deuxième',
        '[0:00:04] nightbot: pub',
      ].join('\n'),
    );
    const corpus = await loadTrainingCorpus({ files: ['vod.txt'] }, { botNames: ['nightbot'], cwd: ws.dir });
    expect(corpus.messages.map((m) => m.text)).toEqual(['premier message', 'deuxième']);
    expect(corpus.counts).toMatchObject({ files: 2, archive: 0, excluded: { bot: 1 } });
    expect(corpus.issues).toEqual([expect.stringMatching(/^vod\.txt: line 2: /)]);
  });

  it('refuses a file it cannot read at all, naming it', async () => {
    ws = tempWorkspace();
    ws.write('notes.txt', 'rien à voir\navec un chat\n');
    const error = await loadTrainingCorpus({ files: ['notes.txt'] }, { botNames: [], cwd: ws.dir }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TrainingCorpusError);
    expect((error as TrainingCorpusError).file).toBe('notes.txt');
    expect((error as Error).message).toMatch(/notes\.txt/);
  });

  it('reads plain line files (plain or gzip): a message a line, consecutive lines close in time, commands and blank lines left out', async () => {
    ws = tempWorkspace();
    ws.write('lines.txt', ['salut tout le monde', '', '!uptime', 'coucou @someone', '  gg  '].join('\n'));
    fs.writeFileSync(path.join(ws.dir, 'more.txt.gz'), zlib.gzipSync('ligne un\nligne deux\n'));
    const corpus = await loadTrainingCorpus({ lineFiles: ['lines.txt', 'more.txt.gz'] }, { botNames: [], cwd: ws.dir });
    expect(corpus.messages.map((m) => m.text)).toEqual([
      'salut tout le monde',
      'coucou <mention>',
      'gg',
      'ligne un',
      'ligne deux',
    ]);
    expect(corpus.counts).toMatchObject({
      lines: 5,
      files: 0,
      archive: 0,
      streams: 2,
      excluded: { command: 1, empty: 1 },
    });
    const first = corpus.messages.filter((m) => m.stream === corpus.messages[0]!.stream);
    expect(first.map((m) => m.timeMs - first[0]!.timeMs)).toEqual([0, 500, 1000]);
    expect(new Set(corpus.messages.map((m) => m.stream)).size).toBe(2);
  });

  it('refuses a line file that does not exist, naming it', async () => {
    ws = tempWorkspace();
    const error = await loadTrainingCorpus({ lineFiles: ['missing.txt'] }, { botNames: [], cwd: ws.dir }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TrainingCorpusError);
    expect((error as TrainingCorpusError).file).toBe('missing.txt');
  });

  it('adds exactly the asked number of simulator messages, the same for the same seed', async () => {
    ws = tempWorkspace();
    const spec = { archive: false, simulatorMessages: 300, simulatorSeed: 7 };
    const a = await loadTrainingCorpus(spec, { botNames: [], cwd: ws.dir });
    const b = await loadTrainingCorpus(spec, { botNames: [], cwd: ws.dir });
    expect(a.counts.simulator).toBe(300);
    expect(a.messages).toHaveLength(300);
    expect(a.messages).toEqual(b.messages);
    const other = await loadTrainingCorpus({ ...spec, simulatorSeed: 8 }, { botNames: [], cwd: ws.dir });
    expect(other.messages).not.toEqual(a.messages);
  });

  it('refuses an empty corpus, saying what was asked', async () => {
    ws = tempWorkspace();
    const archive = seededArchive();
    await expect(loadTrainingCorpus({ channels: ['gamma'] }, { archive, botNames: [], cwd: ws.dir })).rejects.toThrow(
      /no messages \(channels gamma\)/,
    );
  });
});
