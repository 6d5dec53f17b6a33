// A live channel under a burst, end to end: a real local IRC server (the fake Twitch) feeds the server faster than
// the topic engine can embed; every message must still be archived and delivered, the engine must sample rather
// than stall, and a dropped link must be counted and shown. Latency figures come from `npm run bench -- load`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  AckResult,
  ChannelInfo,
  ClientToServerEvents,
  ServerToClientEvents,
  SubscribeResult,
  TopicsSnapshot,
} from '../../contracts/socket-events';
import { SqliteArchive } from '../../server/archive/SqliteArchive';
import { loadConfig } from '../../server/config/loadConfig';
import { createLogger } from '../../server/logger';
import { startServer, type RunningServer } from '../../server/main';
import { FakeTwitchIrcServer } from '../irc/FakeTwitchIrcServer';
import { waitFor } from '../support/waitFor';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const CHANNEL = 'burstchan';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-burst-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const irc = await FakeTwitchIrcServer.start();
  cleanups.push(() => irc.close());
  const dbPath = path.join(dir, 'archive.sqlite');
  // A window large enough never to trim: every message the engine took is still in it when counted.
  const config = loadConfig(
    {
      port: 0,
      dbPath,
      demo: false,
      channels: [CHANNEL],
      twitchIrcUrl: `ws://${irc.host}:${irc.port}`,
      topicsWindowMessages: 50_000,
    },
    {} as NodeJS.ProcessEnv,
  );
  const server: RunningServer = await startServer(config, createLogger('silent'), {
    uiHandler: async (_req, res) => void res.writeHead(204).end(),
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.close();
  };
  cleanups.push(stop);
  await irc.waitFor(() => irc.clients.some((c) => c.channels.has(`#${CHANNEL}`)), {
    timeoutMs: 20_000,
    description: 'the server joining',
  });
  const client: Client = connect(server.url, { transports: ['websocket'], reconnection: false, forceNew: true });
  cleanups.push(() => void client.close());
  const lines: string[] = [];
  const snapshots: TopicsSnapshot[] = [];
  client.on('chat:lines', (p) => p.channel === CHANNEL && lines.push(...p.lines.map((l) => l.message.id)));
  client.on('topics:update', (s) => s.channel === CHANNEL && snapshots.push(s));
  await new Promise<SubscribeResult>((resolve, reject) =>
    client.emit('channel:subscribe', { channel: CHANNEL, afterSeq: 0 }, (r: AckResult<SubscribeResult>) =>
      r.ok ? resolve(r.value) : reject(new Error(r.error)),
    ),
  );
  const archived = async () => {
    await stop();
    const archive = SqliteArchive.open(dbPath);
    const count = archive
      .listStreams()
      .filter((s) => s.channel === CHANNEL)
      .reduce((n, s) => n + s.messageCount, 0);
    archive.close();
    return count;
  };
  const channelInfo = () =>
    new Promise<ChannelInfo>((resolve, reject) =>
      client.emit(
        'channel:subscribe',
        { channel: CHANNEL, afterSeq: Number.MAX_SAFE_INTEGER },
        (r: AckResult<SubscribeResult>) => (r.ok ? resolve(r.value.channel) : reject(new Error(r.error))),
      ),
    );
  return { irc, server, lines, snapshots, archived, channelInfo };
}

let sent = 0;
/** `count` chat lines of the channel, each with a unique id and Twitch's send time. */
function chat(count: number, text = (i: number) => `message ${i} sur le stream, gg`): string[] {
  return Array.from({ length: count }, () => {
    const i = sent++;
    return FakeTwitchIrcServer.privmsg({
      channel: CHANNEL,
      login: `viewer${i % 300}`,
      text: text(i),
      tags: { id: `burst-${i}`, 'tmi-sent-ts': Date.now(), 'user-id': 5000 + (i % 300) },
    });
  });
}

describe('a live channel under a 5,000 msg/s burst', () => {
  it('archives and delivers every message while the topic engine clusters a sample and says so', async () => {
    const h = await setup();
    const first = sent;
    const probes: Promise<number>[] = [];
    // 50 messages every 10 ms for 6 s, as frames of a busy Twitch channel; /api/config asked every 250 ms.
    const started = Date.now();
    for (let tick = 0; tick < 600; tick++) {
      h.irc.sendBatch(
        CHANNEL,
        chat(
          50,
          (i) => ['mdr le boss', 'gg wp', 'il a raté le saut', 'KEKW', 'la musique est bien'][i % 5]! + ` ${i % 97}`,
        ),
      );
      if (tick % 25 === 0)
        probes.push(fetch(`${h.server.url}/api/config`, { signal: AbortSignal.timeout(30_000) }).then((r) => r.status));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + (tick + 1) * 10 - Date.now())));
    }
    const total = sent - first;
    await waitFor(() => h.lines.length === total, `all ${total} lines delivered to the dashboard`, 30_000);
    expect(new Set(h.lines).size).toBe(total);
    // The dashboard kept answering during the burst.
    expect(await Promise.all(probes)).toEqual(probes.map(() => 200));
    // The engine sampled instead of queueing, and accounts for every message it was given.
    const settled = await waitFor(
      () => {
        const s = h.snapshots.at(-1);
        if (!s) return null;
        const e = s.excluded;
        return s.window.messages + e.bot + e.command + e.empty + e.deleted + e.dropped + s.shed.messages === total
          ? s
          : null;
      },
      'the topic engine to account for every message',
      30_000,
    );
    // The embedder (two threads) cannot follow 5,000 msg/s on any machine we know: some were sampled out.
    expect(settled.shed.messages).toBeGreaterThan(0);
    expect(settled.window.messages).toBeGreaterThan(100);
    expect(await h.archived()).toBe(total);
  }, 120_000);

  it('keeps what the link delivered before it dropped, counts the drop and its time offline, and goes on', async () => {
    const h = await setup();
    const first = sent;
    // Chat and the drop in the same turn: the lines are in the socket's buffer when it dies.
    h.irc.sendBatch(CHANNEL, chat(300));
    h.irc.dropConnections();
    await h.irc.waitFor(
      () =>
        h.irc.clients.length >= 2 && h.irc.clients.at(-1)!.open && h.irc.clients.at(-1)!.channels.has(`#${CHANNEL}`),
      { timeoutMs: 20_000, description: 'the server re-joining' },
    );
    let info = await h.channelInfo();
    for (let tries = 0; info.state !== 'connected' && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      info = await h.channelInfo();
    }
    expect(info.state).toBe('connected');
    expect(info.link).toMatchObject({ drops: 1, down: false });
    expect(info.link!.offlineSeconds).toBeGreaterThan(0);
    h.irc.sendBatch(CHANNEL, chat(200));
    await waitFor(() => h.lines.length === 500, 'the 500 lines delivered', 10_000);
    expect(await h.archived()).toBe(sent - first);
  }, 60_000);
});
