// The dashboard server end to end, without the UI build: real HTTP server, real socket.io clients, real SQLite
// file, the simulator-fed demo channel, a local WebSocket IRC server standing in for Twitch.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AckResult,
  ChannelInfo,
  ChatLine,
  ClientToServerEvents,
  PublicConfig,
  RateSnapshot,
  ServerToClientEvents,
  SubscribeResult,
} from '../../contracts/socket-events';
import type { StreamSummary } from '../../contracts/chat';
import { SqliteArchive } from '../../server/archive/SqliteArchive';
import { loadConfig } from '../../server/config/loadConfig';
import { createLogger } from '../../server/logger';
import { startServer, type RunningServer } from '../../server/main';
import { FakeTwitchIrcServer } from '../irc/FakeTwitchIrcServer';
import { makeMessage } from '../support/messages';
import { waitFor } from '../support/waitFor';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let dir: string;
let server: RunningServer;
let irc: FakeTwitchIrcServer;
let archivedStreamId: string;
/** The operator token of the running server (from /api/config, as the dashboard reads it). */
let operatorToken: string;
const clients: Client[] = [];

/** A socket.io client; an operator (with the token) unless `viewer`, with extra handshake headers when given. */
function client(options: { viewer?: boolean; headers?: Record<string, string> } = {}): Client {
  const c: Client = connect(server.url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: options.viewer ? {} : { csrf: operatorToken },
    ...(options.headers ? { extraHeaders: options.headers } : {}),
  });
  clients.push(c);
  return c;
}

const operator = () => ({ 'x-csrf-token': operatorToken });

/** An HTTP request with headers fetch would not send as given (fetch sets Host itself). */
function rawRequest(
  method: string,
  p: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}${p}`, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function ack<T>(send: (cb: (r: AckResult<T>) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => send((r) => (r.ok ? resolve(r.value) : reject(new Error(r.error)))));
}

function collect(c: Client, channel: string): ChatLine[] {
  const lines: ChatLine[] = [];
  c.on('chat:lines', (p) => p.channel === channel && lines.push(...p.lines));
  return lines;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-server-'));
  const db = path.join(dir, 'archive.sqlite');
  // An archived stream to replay: 300 messages, one per second.
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
    Array.from({ length: 300 }, (_, i) =>
      makeMessage({ id: `a${i}`, streamId: s.id, channel: 'archived', elapsed: i, ts: i * 1000 }),
    ),
  );
  archive.close();
  archivedStreamId = s.id;

  irc = await FakeTwitchIrcServer.start();
  const config = loadConfig(
    {
      port: 0,
      dbPath: db,
      demoRate: 40,
      importMaxMb: 0.01,
      twitchIrcUrl: `ws://127.0.0.1:${irc.port}`,
      archiveFlushMs: 20,
    },
    {} as NodeJS.ProcessEnv,
  );
  server = await startServer(config, createLogger('silent'), {
    uiHandler: async (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ui'),
  });
  operatorToken = ((await (await fetch(`${server.url}/api/config`)).json()) as PublicConfig).operatorToken!;
});

afterAll(async () => {
  clients.forEach((c) => c.disconnect());
  await server?.close();
  await irc?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('dashboard server', () => {
  it('lists the demo channel on connect and streams its simulated chat with rates', async () => {
    const c = client();
    const channels = await new Promise<ChannelInfo[]>((r) => c.once('channels:update', r));
    expect(channels.find((ch) => ch.key === 'demo')).toMatchObject({ kind: 'demo', state: 'playing' });
    const lines = collect(c, 'demo');
    const rates: RateSnapshot[] = [];
    c.on('rate:update', (s) => rates.push(s));
    await ack<SubscribeResult>((cb) => c.emit('channel:subscribe', { channel: 'demo', afterSeq: 0 }, cb));
    await waitFor(
      () => lines.length >= 20 && rates.some((r) => r.points.some((p) => p.count > 0)),
      'demo lines and a rate update',
      8000,
    );
    const seqs = lines.map((l) => l.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(lines[0]!.message).toMatchObject({ channel: 'demo', deleted: false });
    expect(typeof lines[0]!.message.topic).toBe('string');
  });

  it('catches a reconnecting browser up from its last seq without duplicates or gaps', async () => {
    const first = client();
    const lines = collect(first, 'demo');
    const sub = await ack<SubscribeResult>((cb) =>
      first.emit('channel:subscribe', { channel: 'demo', afterSeq: 0 }, cb),
    );
    lines.unshift(...sub.backlog);
    await waitFor(() => lines.length >= 10, 'lines before the disconnect');
    first.disconnect();
    const lastSeen = lines.at(-1)!.seq;
    await new Promise((r) => setTimeout(r, 400)); // chat keeps flowing meanwhile

    const second = client();
    const more = collect(second, 'demo');
    const caughtUp = await ack<SubscribeResult>((cb) =>
      second.emit('channel:subscribe', { channel: 'demo', afterSeq: lastSeen }, cb),
    );
    await waitFor(() => more.length > 0, 'live lines after the reconnect');
    const all = [...caughtUp.backlog, ...more].map((l) => l.seq);
    expect(caughtUp.backlog.length).toBeGreaterThan(0);
    expect(all[0]).toBe(lastSeen + 1);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => lastSeen + 1 + i));
  });

  it('replays an archived stream, pauses, seeks and plays to the end', async () => {
    const c = client();
    const info = await ack<ChannelInfo>((cb) => c.emit('replay:start', { streamId: archivedStreamId, speed: 100 }, cb));
    expect(info).toMatchObject({ kind: 'replay', state: 'playing', streamId: archivedStreamId });
    const lines = collect(c, info.key);
    const sub = await ack<SubscribeResult>((cb) => c.emit('channel:subscribe', { channel: info.key, afterSeq: 0 }, cb));
    lines.unshift(...sub.backlog);
    await waitFor(() => lines.length >= 30, 'replayed lines');

    const paused = await ack<ChannelInfo>((cb) =>
      c.emit('replay:control', { channel: info.key, control: { action: 'pause' } }, cb),
    );
    expect(paused.state).toBe('paused');
    const countAtPause = lines.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(lines.length).toBe(countAtPause);
    expect(lines.map((l) => l.message.id)).toEqual(Array.from({ length: countAtPause }, (_, i) => `a${i}`));

    await ack<ChannelInfo>((cb) =>
      c.emit('replay:control', { channel: info.key, control: { action: 'seek', position: 250 } }, cb),
    );
    await ack<ChannelInfo>((cb) =>
      c.emit('replay:control', { channel: info.key, control: { action: 'speed', speed: 1000 } }, cb),
    );
    const states: ChannelInfo[][] = [];
    c.on('channels:changed', ({ changed }) => states.push(changed));
    const ended = await ack<ChannelInfo>((cb) =>
      c.emit('replay:control', { channel: info.key, control: { action: 'resume' } }, cb),
    );
    expect(ended.replay).toMatchObject({ speed: 1000, paused: false });
    await waitFor(() => lines.some((l) => l.message.id === 'a299'), 'the last message');
    const afterSeek = lines.slice(countAtPause).map((l) => l.message.id);
    expect(afterSeek).toEqual(Array.from({ length: 50 }, (_, i) => `a${250 + i}`));
    await waitFor(
      () => states.some((chs) => chs.find((ch) => ch.key === info.key)?.state === 'ended'),
      'the ended state',
    );
  });

  it('refuses bad requests with a clear error', async () => {
    const c = client();
    await expect(ack((cb) => c.emit('replay:start', { streamId: 'nope', speed: 10 }, cb))).rejects.toThrow(
      /no stream "nope"/,
    );
    await expect(ack((cb) => c.emit('replay:start', { streamId: archivedStreamId, speed: 0 }, cb))).rejects.toThrow(
      /between x1 and x1000/,
    );
    await expect(ack((cb) => c.emit('channel:subscribe', { channel: 'ghost', afterSeq: 0 }, cb))).rejects.toThrow(
      /no open channel "ghost"/,
    );
    await expect(ack((cb) => c.emit('channel:join', { channel: 'not a login!' }, cb))).rejects.toThrow(
      /not a Twitch login/,
    );
    await expect(ack((cb) => c.emit('channel:leave', { channel: 'demo' }, cb))).rejects.toThrow(
      /"demo" is not a live channel/,
    );
  });

  it('joins a live channel, archives its chat, and hides a message deleted by a moderator', async () => {
    const c = client();
    const info = await ack<ChannelInfo>((cb) => c.emit('channel:join', { channel: '#SomeStreamer' }, cb));
    expect(info.key).toBe('somestreamer');
    const lines = collect(c, 'somestreamer');
    const deleted: string[] = [];
    c.on('chat:deleted', (p) => deleted.push(...p.ids));
    await ack<SubscribeResult>((cb) => c.emit('channel:subscribe', { channel: 'somestreamer', afterSeq: 0 }, cb));
    await irc.waitFor(() => irc.clients.some((cl) => cl.channels.has('#somestreamer')), { description: 'the JOIN' });
    irc.send(
      FakeTwitchIrcServer.privmsg({
        channel: 'somestreamer',
        login: 'viewer1',
        text: 'salut KEKW',
        tags: { id: 'live-1', 'tmi-sent-ts': Date.now(), 'user-id': 11 },
      }),
    );
    irc.send(
      FakeTwitchIrcServer.privmsg({
        channel: 'somestreamer',
        login: 'troll',
        text: 'spam',
        tags: { id: 'live-2', 'tmi-sent-ts': Date.now(), 'user-id': 12 },
      }),
    );
    await waitFor(() => lines.length === 2, 'two live lines');
    expect(lines.map((l) => l.message.text)).toEqual(['salut KEKW', 'spam']);
    irc.send('@login=troll;target-msg-id=live-2;tmi-sent-ts=1 :tmi.twitch.tv CLEARMSG #somestreamer :spam');
    await waitFor(() => deleted.length === 1, 'the deletion');
    expect(deleted).toEqual(['live-2']);
    const streams = await ack<StreamSummary[]>((cb) => c.emit('streams:list', cb));
    expect(streams.find((s) => s.channel === 'somestreamer')).toMatchObject({
      source: 'live',
      messageCount: 2,
      deletedCount: 1,
    });
  });

  it('imports a chat file over HTTP, announces the new stream, and refuses unknown or oversized files', async () => {
    const c = client();
    const updates: StreamSummary[][] = [];
    c.on('streams:update', (s) => updates.push(s));
    await new Promise((r) => c.once('channels:update', r));
    const txt = '[0:00:01] viewer1: salut\n[0:00:02] viewer2: <img src=x onerror=alert(1)>\n[0:0x:03] broken line\n';
    const ok = await fetch(`${server.url}/api/import?name=chat.txt&channel=importchan`, {
      method: 'POST',
      body: txt,
      headers: operator(),
    });
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body).toMatchObject({ format: 'twitchdownloader-txt', imported: 2, skipped: 1 });
    expect(body.errors[0].line).toBe(3);
    await waitFor(
      () => updates.some((s) => s.some((x) => x.id === body.streamId && x.messageCount === 2)),
      'streams:update with the import',
    );

    const garbage = await fetch(`${server.url}/api/import?name=x.bin`, {
      method: 'POST',
      body: 'just some words\nnothing chat-like\n',
      headers: operator(),
    });
    expect(garbage.status).toBe(415);
    expect((await garbage.json()).error).toMatch(/x\.bin|format/i);

    const big = await fetch(`${server.url}/api/import?name=big.txt`, {
      method: 'POST',
      body: '[0:00:01] a: b\n'.repeat(2000),
      headers: operator(),
    });
    expect(big.status).toBe(413);
    expect((await big.json()).error).toMatch(/too large/);
  });

  it('lets no other site drive it: foreign origins and host names are refused, state changes need the operator token', async () => {
    const before = (await ack<StreamSummary[]>((cb) => client().emit('streams:list', cb))).length;
    const chat = '[0:00:01] viewer1: salut\n';
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/import?name=chat.txt&channel=drive`, { method: 'POST', body: chat, headers });
    // A page of another site: its POST says where it comes from.
    const foreign = await post({ origin: 'http://evil.example', ...operator() });
    expect([foreign.status, (await foreign.json()).error]).toEqual([
      403,
      expect.stringMatching(/origin "http:\/\/evil\.example" is not this dashboard/),
    ]);
    // Without the token (what a no-cors request sends), or with a wrong one.
    for (const headers of [{}, { 'x-csrf-token': 'guess' }] as Record<string, string>[]) {
      const res = await post(headers);
      expect([res.status, (await res.json()).error]).toEqual([403, expect.stringMatching(/needs the operator token/)]);
    }
    // A rebinding page names its own domain: refused, even for pages and reads.
    const port = new URL(server.url).port;
    for (const p of ['/api/import?name=x', '/api/config', '/']) {
      const res = await rawRequest(
        p.startsWith('/api/import') ? 'POST' : 'GET',
        p,
        { host: `evil.example:${port}`, ...operator() },
        p.startsWith('/api/import') ? chat : '',
      );
      expect([p, res.status, JSON.parse(res.body).error]).toEqual([
        p,
        421,
        expect.stringMatching(/host "evil\.example" is not served here/),
      ]);
    }
    // The same origin passes.
    const same = await post({ origin: server.url, ...operator() });
    expect(same.status).toBe(200);
    const after = await ack<StreamSummary[]>((cb) => client().emit('streams:list', cb));
    expect(after.length).toBe(before + 1);

    // socket.io: a viewer reads but cannot join, leave or replay.
    const viewer = client({ viewer: true });
    await expect(ack((cb) => viewer.emit('channel:join', { channel: 'intruder' }, cb))).rejects.toThrow(
      /needs the operator token/,
    );
    await expect(ack((cb) => viewer.emit('channel:leave', { channel: 'demo' }, cb))).rejects.toThrow(
      /needs the operator token/,
    );
    await expect(
      ack((cb) => viewer.emit('replay:start', { streamId: archivedStreamId, speed: 10 }, cb)),
    ).rejects.toThrow(/needs the operator token/);
    expect((await ack<StreamSummary[]>((cb) => viewer.emit('streams:list', cb))).length).toBe(before + 1);
    // Another site's page cannot even connect, token or not.
    for (const headers of [{ origin: 'http://evil.example' }, { host: `evil.example:${port}` }] as Record<
      string,
      string
    >[]) {
      const refused = client({ headers });
      const error = await new Promise<Error>((resolve) => refused.once('connect_error', resolve));
      expect(error.message).toMatch(/websocket error|not this dashboard|not served here/);
    }
    const channels = await new Promise<ChannelInfo[]>((r) => client({ viewer: true }).once('channels:update', r));
    expect(channels.map((c) => c.key)).toContain('demo');
    expect(channels.map((c) => c.key)).not.toContain('intruder');
  });
});
