// Quotas end to end: a real server with small limits, real socket.io clients, a local WebSocket IRC server standing
// in for Twitch. One operator client (or a bug) must not be able to exhaust the server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AckResult,
  ChannelChanges,
  ChannelInfo,
  ClientToServerEvents,
  PublicConfig,
  ServerToClientEvents,
} from '../../contracts/socket-events';
import { applyChannelChanges } from '../../app/lib/channelChanges';
import { SqliteArchive } from '../../server/archive/SqliteArchive';
import { loadConfig } from '../../server/config/loadConfig';
import { startServer, type RunningServer } from '../../server/main';
import { FakeTwitchIrcServer } from '../irc/FakeTwitchIrcServer';
import { makeMessage } from '../support/messages';
import { waitFor } from '../support/waitFor';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let dir: string;
let server: RunningServer;
let irc: FakeTwitchIrcServer;
let streamId: string;
let operatorToken: string;
const clients: Client[] = [];
/** The server's log lines (JSON), to check what it says about flooders. */
const logLines: string[] = [];

const LIMITS = { maxLiveChannels: 3, maxReplays: 2, socketEventRate: 1, socketEventBurst: 20, socketFloodLimit: 30 };

function client(options: { viewer?: boolean } = {}): Client {
  const c: Client = connect(server.url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: options.viewer ? {} : { csrf: operatorToken },
  });
  clients.push(c);
  return c;
}

/** Sends one event with an ack and resolves with the raw `AckResult` (errors included). */
function send<T>(emit: (cb: (r: AckResult<T>) => void) => void): Promise<AckResult<T>> {
  return new Promise((resolve) => emit(resolve));
}

const join = (c: Client, channel: string) => send<ChannelInfo>((cb) => c.emit('channel:join', { channel }, cb));
const leave = (c: Client, channel: string) => send((cb) => c.emit('channel:leave', { channel }, cb));
const errorOf = (r: AckResult<unknown>) => (r.ok ? null : r.error);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-quotas-'));
  const db = path.join(dir, 'archive.sqlite');
  const archive = SqliteArchive.open(db);
  const s = archive.createStream({
    channel: 'archived',
    source: 'import',
    title: 'old',
    startedAt: 0,
    absoluteTime: false,
    importFormat: 'jsonl',
  });
  archive.insertMessages(
    Array.from({ length: 50 }, (_, i) =>
      makeMessage({ id: `a${i}`, streamId: s.id, channel: 'archived', elapsed: i, ts: i * 1000 }),
    ),
  );
  archive.close();
  streamId = s.id;
  irc = await FakeTwitchIrcServer.start();
  // No demo (its message counts would add change events) and no topic engine: this file is about the socket layer.
  const config = loadConfig(
    {
      port: 0,
      dbPath: db,
      dataDir: dir,
      demo: false,
      topics: false,
      embedModel: 'bow',
      twitchIrcUrl: `ws://127.0.0.1:${irc.port}`,
      ...LIMITS,
    },
    {} as NodeJS.ProcessEnv,
  );
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (logLines.push(chunk.toString('utf8')), done()) });
  server = await startServer(config, pino({ level: 'warn' }, sink), {
    uiHandler: async (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ui'),
  });
  operatorToken = ((await (await fetch(`${server.url}/api/config`)).json()) as PublicConfig).operatorToken ?? '';
});

afterAll(async () => {
  clients.forEach((c) => c.disconnect());
  await server?.close();
  await irc?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('quotas', () => {
  it('refuses a live channel over maxLiveChannels, naming the setting; re-joining an open one and joining after a leave work', async () => {
    const c = client();
    for (const ch of ['q1', 'q2', 'q3']) expect((await join(c, ch)).ok).toBe(true);
    const refused = await join(c, 'q4');
    expect(errorOf(refused)).toMatch(
      /cannot join "q4": 3 live channels are open.*setting maxLiveChannels \(environment variable CHAT_TOPICS_MAX_LIVE_CHANNELS\)/,
    );
    expect((await join(c, 'q2')).ok).toBe(true); // already open: not a new channel
    expect((await leave(c, 'q1')).ok).toBe(true);
    expect((await join(c, 'q4')).ok).toBe(true);
    for (const ch of ['q2', 'q3', 'q4']) expect((await leave(c, ch)).ok).toBe(true);
  });

  it('refuses a replay over maxReplays, naming the setting, and opens one again once another is closed', async () => {
    const c = client();
    const start = () => send<ChannelInfo>((cb) => c.emit('replay:start', { streamId, speed: 10 }, cb));
    const first = await start();
    const second = await start();
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(errorOf(await start())).toMatch(
      /cannot open another replay: 2 are open.*setting maxReplays \(environment variable CHAT_TOPICS_MAX_REPLAYS\)/,
    );
    expect((await leave(c, first.ok ? first.value.key : '')).ok).toBe(true);
    const third = await start();
    expect(third.ok).toBe(true);
    for (const r of [second, third]) if (r.ok) await leave(c, r.value.key);
  });

  it('answers events over the rate with an error and ignores them; a client that keeps flooding is disconnected and logged', async () => {
    const c = client({ viewer: true });
    await new Promise<void>((r) => c.once('connect', () => r()));
    // A burst of 25 at once: the bucket holds 20 (and refills at one a second).
    const burst = await Promise.all(Array.from({ length: 25 }, () => send((cb) => c.emit('streams:list', cb))));
    expect(burst.filter((r) => r.ok)).toHaveLength(20);
    const errors = burst.map(errorOf).filter(Boolean);
    expect(errors).toHaveLength(5);
    expect(errors[0]).toMatch(
      /too many socket events from this connection: "streams:list" was ignored.*1 per second, bursts of 20.*socketEventRate/,
    );
    // Keeps going: past 30 refusals in 10 s the server hangs up.
    const gone = new Promise<string>((resolve) => c.once('disconnect', resolve));
    for (let i = 0; i < 100; i++) c.emit('channel:unsubscribe', { channel: 'nothing' });
    expect(await gone).toBe('io server disconnect');
    const warned = () =>
      logLines.filter((l) => /kept sending events over the rate limit/.test(l) && /"level":40/.test(l));
    await waitFor(() => warned().length > 0, 'the warn log line');
    await new Promise((r) => setTimeout(r, 100));
    expect(warned()).toHaveLength(1); // once per flooder, not once per event it sent after the bound
    // Other connections are not affected.
    const other = client({ viewer: true });
    expect((await send((cb) => other.emit('streams:list', cb))).ok).toBe(true);
  });

  it('sends observers the full list once, then only coalesced changes when another client joins channels', async () => {
    const observer = client({ viewer: true });
    const full: ChannelInfo[][] = [];
    const changes: ChannelChanges[] = [];
    observer.on('channels:update', (l) => full.push(l));
    observer.on('channels:changed', (ch) => changes.push(ch));
    await waitFor(() => full.length === 1, 'the full list on connect');
    let seen = full[0]!;
    observer.on('channels:changed', (ch) => (seen = applyChannelChanges(seen, ch)));
    // Changes of the tests above may still be on their way (coalescing delay): let them land, then count.
    await new Promise((r) => setTimeout(r, 500));
    changes.length = 0;

    const op = client();
    const joined = await Promise.all(['w1', 'w2', 'w3'].map((ch) => join(op, ch)));
    expect(joined.every((r) => r.ok)).toBe(true);
    await waitFor(
      () => ['w1', 'w2', 'w3'].every((k) => seen.find((c) => c.key === k)?.state === 'connected'),
      'the three channels connected',
      8000,
    );
    // The three opens came in one message (coalesced); each later JOIN confirmation (one every 500 ms) in its own.
    expect(changes[0]!.changed.map((c) => c.key).sort()).toEqual(['w1', 'w2', 'w3']);
    expect(changes.length).toBeLessThanOrEqual(4);
    expect(changes.every((ch) => ch.changed.length + ch.removed.length <= 3)).toBe(true);

    await leave(op, 'w2');
    await waitFor(() => changes.some((ch) => ch.removed.includes('w2')), 'the removal of w2');
    expect(changes.at(-1)).toEqual({ changed: [], removed: ['w2'] });
    // Never the whole list again, and what the observer pieced together is what a new client is sent.
    expect(full).toHaveLength(1);
    const fresh = await new Promise<ChannelInfo[]>((r) => client({ viewer: true }).once('channels:update', r));
    expect(seen).toEqual(fresh);
    for (const ch of ['w1', 'w3']) await leave(op, ch);
  });
});
