// Per-channel pipeline parameters end to end, the worked example of a second clusterer selectable per channel: two
// live channels fed the same chat by a local fake Twitch; an operator switches one to k-means over socket.io, its next
// refit runs k-means (the stage record says so, at most k topics) while the other keeps HDBSCAN; a viewer and bad
// parameters are refused; the setting outlives a leave and a re-join.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopicPipelineParams } from '../../contracts/analysis';
import type {
  AckResult,
  ChannelInfo,
  ClientToServerEvents,
  PublicConfig,
  ServerToClientEvents,
  SubscribeResult,
  TopicParamsChange,
  TopicsSnapshot,
} from '../../contracts/socket-events';
import { loadConfig } from '../../server/config/loadConfig';
import { createLogger } from '../../server/logger';
import { startServer, type RunningServer } from '../../server/main';
import { FakeTwitchIrcServer } from '../irc/FakeTwitchIrcServer';
import { waitFor } from '../support/waitFor';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const KMEANS = 'kmeanschan';
const HDBSCAN = 'hdbscanchan';
const K = 3;

let dir: string;
let irc: FakeTwitchIrcServer;
let server: RunningServer;
let operator: Client;
let viewer: Client;
/** Every snapshot each client received, by channel. */
const seen = { operator: new Map<string, TopicsSnapshot[]>(), viewer: new Map<string, TopicsSnapshot[]>() };

function client(auth: Record<string, unknown>, record: Map<string, TopicsSnapshot[]>): Client {
  const c: Client = connect(server.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth });
  c.on('topics:update', (s) => record.set(s.channel, [...(record.get(s.channel) ?? []), s]));
  return c;
}

const emit = {
  subscribe: (c: Client, channel: string) =>
    new Promise<AckResult<SubscribeResult>>((resolve) =>
      c.emit('channel:subscribe', { channel, afterSeq: Number.MAX_SAFE_INTEGER }, resolve),
    ),
  setParams: (c: Client, req: TopicParamsChange) =>
    new Promise<AckResult<TopicPipelineParams>>((resolve) => c.emit('topics:setParams', req, resolve)),
  join: (c: Client, channel: string) =>
    new Promise<AckResult<ChannelInfo>>((resolve) => c.emit('channel:join', { channel }, resolve)),
  leave: (c: Client, channel: string) =>
    new Promise<AckResult>((resolve) => c.emit('channel:leave', { channel }, resolve)),
};

let sent = 0;
/** Chat about six things, in the words of a French Twitch chat; the same lines go to both channels. */
function chat(count: number): void {
  const things = [
    (i: number) => `le boss final est trop dur ${['wallah', 'franchement', 'sérieux'][i % 3]}`,
    (i: number) => `gg wp la team ${['incroyable', 'bien joué', 'trop fort'][i % 3]}`,
    (i: number) => `pizza ananas ${['jamais', 'toujours', 'pourquoi pas'][i % 3]}`,
    (i: number) => `la musique est trop bien ${['le son', 'la playlist', 'ce morceau'][i % 3]}`,
    (i: number) => `il a raté le saut mdr ${['encore', 'une fois de plus', 'KEKW'][i % 3]}`,
    (i: number) => `quelle carte graphique pour le setup ${['rtx', 'radeon', 'le pc'][i % 3]}`,
  ];
  for (const channel of [KMEANS, HDBSCAN]) {
    const lines = Array.from({ length: count }, (_, n) => {
      const i = sent + n;
      return FakeTwitchIrcServer.privmsg({
        channel,
        login: `viewer${i % 41}`,
        text: things[i % things.length]!(Math.floor(i / things.length)),
        tags: { id: `${channel}-${i}`, 'tmi-sent-ts': Date.now(), 'user-id': 7000 + (i % 41) },
      });
    });
    irc.sendBatch(channel, lines);
  }
  sent += count;
}

const clustererOf = (s: TopicsSnapshot | undefined) => s?.lastRefit?.pipeline.find((r) => r.role === 'clusterer');
const latest = (who: keyof typeof seen, channel: string) => seen[who].get(channel)?.at(-1);
const liveTopics = (s: TopicsSnapshot) => s.topics.filter((t) => t.state !== 'ended').length;
const joinedOnIrc = (channel: string) => irc.clients.some((c) => c.open && c.channels.has(`#${channel}`));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-topic-params-'));
  irc = await FakeTwitchIrcServer.start();
  const config = loadConfig(
    {
      port: 0,
      dbPath: path.join(dir, 'archive.sqlite'),
      demo: false,
      embedModel: 'bow',
      channels: [KMEANS, HDBSCAN],
      twitchIrcUrl: `ws://${irc.host}:${irc.port}`,
      topicsRefitSeconds: 1,
      topicsMinMessages: 100,
    },
    {} as NodeJS.ProcessEnv,
  );
  server = await startServer(config, createLogger('silent'), {
    uiHandler: async (_req, res) => void res.writeHead(204).end(),
  });
  await irc.waitFor(() => joinedOnIrc(KMEANS) && joinedOnIrc(HDBSCAN), {
    timeoutMs: 20_000,
    description: 'the server joining both channels',
  });
  const { operatorToken } = (await (await fetch(`${server.url}/api/config`)).json()) as PublicConfig;
  operator = client({ csrf: operatorToken }, seen.operator);
  viewer = client({}, seen.viewer);
  for (const c of [operator, viewer])
    for (const channel of [KMEANS, HDBSCAN]) expect((await emit.subscribe(c, channel)).ok).toBe(true);
}, 60_000);

afterAll(async () => {
  operator?.close();
  viewer?.close();
  await server?.close();
  await irc?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('pipeline parameters per channel over socket.io', () => {
  it('refits the channel an operator switched to k-means with k-means (at most k topics) while the other keeps HDBSCAN', async () => {
    chat(240);
    for (const channel of [KMEANS, HDBSCAN])
      await waitFor(
        () => clustererOf(latest('operator', channel))?.kind === 'hdbscan',
        `a first HDBSCAN refit of ${channel}`,
        30_000,
      );
    const before = { k: latest('operator', KMEANS)!.refits, h: latest('operator', HDBSCAN)!.refits };

    const set = await emit.setParams(operator, { channel: KMEANS, params: { clusterer: { kind: 'kmeans', k: K } } });
    expect(set).toEqual({
      ok: true,
      value: expect.objectContaining({ clusterer: { kind: 'kmeans', k: K, seed: 42, maxIterations: 100 } }),
    });
    // Viewers are told the new setting (the panel shows it before the refit that uses it).
    await waitFor(
      () => latest('viewer', KMEANS)?.params.clusterer.kind === 'kmeans',
      'the viewer to see the new parameters',
      10_000,
    );

    chat(120);
    const kmeans = await waitFor(
      () => {
        const s = latest('operator', KMEANS);
        return s && s.refits > before.k && clustererOf(s)?.kind === 'kmeans' ? s : null;
      },
      'a k-means refit of the switched channel',
      30_000,
    );
    expect(clustererOf(kmeans)!.parameters).toMatchObject({ k: K });
    expect(liveTopics(kmeans)).toBeGreaterThan(0);
    expect(liveTopics(kmeans)).toBeLessThanOrEqual(K);
    expect(kmeans.params.clusterer).toEqual({ kind: 'kmeans', k: K, seed: 42, maxIterations: 100 });

    const other = await waitFor(
      () => {
        const s = latest('operator', HDBSCAN);
        return s && s.refits > before.h ? s : null;
      },
      'a refit of the other channel after the change',
      30_000,
    );
    expect(clustererOf(other)?.kind).toBe('hdbscan');
    // The same chat: HDBSCAN finds its six subjects, so "at most k" above is k-means' doing.
    expect(liveTopics(other)).toBeGreaterThan(K);
    expect(other.params.clusterer).toEqual({ kind: 'hdbscan' });
    expect(other.lastRefit!.pipeline.map((r) => r.role)).toEqual(['reducer', 'clusterer', 'labeller']);
  }, 90_000);

  it('refuses a viewer without the operator token, and leaves the parameters as they were', async () => {
    const res = await emit.setParams(viewer, { channel: HDBSCAN, params: { clusterer: { kind: 'kmeans', k: 2 } } });
    expect(res).toEqual({ ok: false, error: expect.stringMatching(/needs the operator token/) });
    const { value } = (await emit.subscribe(operator, HDBSCAN)) as { ok: true; value: SubscribeResult };
    expect(value.topics!.params.clusterer).toEqual({ kind: 'hdbscan' });
  });

  it('refuses bad parameters with a message naming the field, and a channel that is not open', async () => {
    const low = await emit.setParams(operator, { channel: HDBSCAN, params: { clusterer: { kind: 'kmeans', k: 1 } } });
    expect(low).toEqual({ ok: false, error: expect.stringMatching(/params\.clusterer\.k: .*>=\s*2/) });
    const misspelt = await emit.setParams(operator, {
      channel: HDBSCAN,
      params: { umap: { nNeighbours: 5 } } as TopicParamsChange['params'],
    });
    expect(misspelt).toEqual({
      ok: false,
      error: expect.stringContaining('params.umap.nNeighbours: unknown parameter'),
    });
    const kind = await emit.setParams(operator, {
      channel: HDBSCAN,
      params: { clusterer: { kind: 'dbscan' } } as unknown as TopicParamsChange['params'],
    });
    expect(kind).toEqual({ ok: false, error: expect.stringContaining('params.clusterer.kind') });
    const closed = await emit.setParams(operator, { channel: 'nosuchchannel', params: {} });
    expect(closed).toEqual({ ok: false, error: expect.stringContaining('no open channel "nosuchchannel"') });
  });

  it('keeps a channel’s parameters when it is left and joined again', async () => {
    expect((await emit.leave(operator, KMEANS)).ok).toBe(true);
    await irc.waitFor(() => !joinedOnIrc(KMEANS), { timeoutMs: 10_000, description: 'the server leaving' });
    expect((await emit.join(operator, KMEANS)).ok).toBe(true);
    await irc.waitFor(() => joinedOnIrc(KMEANS), { timeoutMs: 10_000, description: 'the server joining again' });
    const reopened = (await emit.subscribe(operator, KMEANS)) as { ok: true; value: SubscribeResult };
    expect(reopened.value.topics!.refits).toBe(0);
    expect(reopened.value.topics!.params.clusterer).toMatchObject({ kind: 'kmeans', k: K });

    // The channel's engine is new (its refits count from 0 again): its first refit must run k-means.
    const mark = seen.operator.get(KMEANS)!.length;
    chat(160);
    const refit = await waitFor(
      () =>
        seen.operator
          .get(KMEANS)!
          .slice(mark)
          .find((s) => s.refits >= 1),
      'the re-joined channel refitting',
      30_000,
    );
    expect(clustererOf(refit)).toMatchObject({ kind: 'kmeans', parameters: { k: K } });
    expect(liveTopics(refit)).toBeLessThanOrEqual(K);
  }, 60_000);
});
