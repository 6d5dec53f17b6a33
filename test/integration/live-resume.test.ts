// A server that starts again (or a node that takes a channel over) while the channel's stream goes on: the live topics
// start from the stream's last window of chat in the archive, not from nothing, and the channel's new chat goes on in
// the same stream and window.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteArchive } from '../../server/archive/SqliteArchive';
import { loadConfig } from '../../server/config/loadConfig';
import { startServer, type RunningServer } from '../../server/main';
import { simulateChat } from '../../server/simulator';
import { FakeTwitchIrcServer } from '../irc/FakeTwitchIrcServer';
import { waitFor } from '../support/waitFor';

const CHANNEL = 'zerator';
let dir: string;
let irc: FakeTwitchIrcServer;
let server: RunningServer;
let streamId: string;
let archived: number;
let older: number;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-live-resume-'));
  const db = path.join(dir, 'archive.sqlite');
  // The last server wrote 14 minutes of the channel's live stream and stopped a minute ago.
  const now = Date.now();
  const startedAt = now - 15 * 60_000;
  const archive = SqliteArchive.open(db);
  streamId = archive.createStream({
    channel: CHANNEL,
    platform: 'twitch',
    source: 'live',
    title: 'zerator live',
    startedAt,
    absoluteTime: true,
    importFormat: null,
  }).id;
  const messages = [
    ...simulateChat({ seed: 4, ratePerSecond: 2, streamId, startedAt, minutes: 14, channel: CHANNEL }),
  ].map((m) => ({ ...m, ts: startedAt + Math.round(m.elapsed * 1000) }));
  archive.insertMessages(messages);
  archive.close();
  archived = messages.length;
  // The topic window is 10 minutes: what came before it stays out.
  older = messages.filter((m) => m.elapsed < 14 * 60 - 600).length;
  irc = await FakeTwitchIrcServer.start();
  const config = loadConfig(
    {
      port: 0,
      dbPath: db,
      dataDir: dir,
      demo: false,
      embedModel: 'bow',
      channels: [CHANNEL],
      twitchIrcUrl: `ws://127.0.0.1:${irc.port}`,
      topicsWindowMinutes: 10,
      topicsMinMessages: 50,
    },
    {} as NodeJS.ProcessEnv,
  );
  server = await startServer(config, pino({ level: 'silent' }), {
    uiHandler: async (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ui'),
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await irc?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('live topics after a restart', () => {
  it("start from the stream's last 10 minutes in the archive, before any new chat, and go on with it", async () => {
    const engine = server.topics!.engine(CHANNEL);
    // No chat has been sent yet: these topics come from the archive alone.
    await waitFor(() => engine.snapshot().status === 'ready', 'topics from the archived minutes', 30_000);
    const window = engine.windowEntries();
    // The window holds the last 10 stream minutes (bots, commands and empty messages left out as ever), nothing older.
    expect(window.length).toBeGreaterThan(0.8 * (archived - older));
    expect(window.length).toBeLessThanOrEqual(archived - older);
    expect(Math.min(...window.map((e) => e.elapsed))).toBeGreaterThanOrEqual(14 * 60 - 600 - 6);
    expect(engine.snapshot().topics.length).toBeGreaterThan(0);
    // Seeded lines are numbered below the channel's first line: no assignment names a line a browser shows.
    expect(window.every((e) => e.seq < 0)).toBe(true);

    await waitFor(
      () => irc.openClients().some((c) => c.channels.has(`#${CHANNEL}`)),
      'the channel joined on IRC',
      10_000,
    );
    for (let i = 0; i < 5; i++)
      irc.send(
        FakeTwitchIrcServer.privmsg({
          channel: CHANNEL,
          login: `viewer${i}`,
          text: `toujours là ${i}`,
          tags: { id: `new-${i}`, 'tmi-sent-ts': Date.now(), 'user-id': 500 + i },
        }),
      );
    await waitFor(() => engine.windowEntries().some((e) => e.id === 'new-4'), 'new chat in the same window', 10_000);
    const fresh = engine.windowEntries().filter((e) => e.id.startsWith('new-'));
    expect(fresh.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    // The same stream goes on: its clock continues from the archived minutes.
    expect(Math.min(...fresh.map((e) => e.elapsed))).toBeGreaterThan(14 * 60);
    expect(engine.snapshot().status).toBe('ready');
  });
});
