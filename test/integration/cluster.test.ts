// A deployment of two server nodes on a real Redis, in two processes, with a fake Twitch: a browser connected to node
// B follows a channel that node A owns (lines and topics cross through socket.io's Redis adapter); A is killed with
// SIGKILL and B takes the channel over, numbering past what A sent and recording the gap. Both nodes archive into one
// PostgreSQL database, where the stored analyses are too: B lists A's stream and A's analysis of it, and goes on
// writing the stream.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AckResult,
  ChannelInfo,
  ChatLine,
  ClientToServerEvents,
  ServerToClientEvents,
  SubscribeResult,
  TopicsSnapshot,
} from '../../contracts/socket-events';
import type { StreamSummary } from '../../contracts/chat';
import { parseTopicAnalysis } from '../../contracts/analysis';
import { AnalysisJobSchema, StreamAnalysesSchema, type AnalysisJob } from '../../contracts/http';
import { FakeTwitchIrcServer } from '../irc/FakeTwitchIrcServer';
import { HAS_POSTGRES, startPostgres, type TestPostgres } from '../support/postgresServer';
import { HAS_REDIS, startRedis, waitForRecordedCount, type TestRedis } from '../support/redisServer';
import { waitFor } from '../support/waitFor';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const TOKEN = 'cluster-test-operator-token-0123456789';
const CHANNEL = 'zerator';

interface Node {
  id: string;
  url: string;
  child: ChildProcess;
  exit: Promise<number | null>;
  output: () => string;
}

let dir: string;
let redis: TestRedis;
let postgres: TestPostgres;
let databaseUrl: string;
let irc: FakeTwitchIrcServer;
const nodes: Node[] = [];

async function startNode(id: string): Promise<Node> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/support/clusterNodeChild.ts',
      JSON.stringify({
        redisUrl: redis.url,
        nodeId: id,
        twitchIrcUrl: `ws://127.0.0.1:${irc.port}`,
        // One archive for the deployment (per-node SQLite files are covered by test/browser/cluster.test.ts), and
        // nothing else shared: each node has its own data directory.
        databaseUrl,
        dataDir: path.join(dir, id),
        operatorToken: TOKEN,
        clusterLeaseSeconds: 2,
        topicsRefitSeconds: 1,
        topicsMinMessages: 20,
      }),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await waitFor(() => /ready (\S+)/.exec(out)?.[1], `node ${id} to start:\n${out}`, 30_000);
  const node = { id, url, child, exit, output: () => out };
  nodes.push(node);
  return node;
}

function ask<T>(
  client: Client,
  event: 'channel:subscribe' | 'channel:join' | 'topics:setParams' | 'channel:leave',
  req: object,
): Promise<T> {
  return new Promise((resolve, reject) =>
    (client.emit as (...args: unknown[]) => void)(event, req, (r: AckResult<T>) =>
      r.ok ? resolve(r.value) : reject(new Error(r.error)),
    ),
  );
}

function listStreams(client: Client): Promise<StreamSummary[]> {
  return new Promise((resolve, reject) =>
    client.emit('streams:list', (r) => (r.ok ? resolve(r.value) : reject(new Error(r.error)))),
  );
}

async function postJson(base: string, route: string, body: unknown): Promise<AnalysisJob> {
  const res = await fetch(base + route, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': TOKEN },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${route}: ${res.status} ${await res.text()}`);
  return AnalysisJobSchema.parse(await res.json());
}

let sent = 0;
function chat(count: number, text: (i: number) => string): void {
  for (let i = 0; i < count; i++, sent++)
    irc.send(
      FakeTwitchIrcServer.privmsg({
        channel: CHANNEL,
        login: `viewer${sent % 40}`,
        text: text(sent),
        tags: { id: `m-${sent}`, 'tmi-sent-ts': Date.now(), 'user-id': 9000 + (sent % 40) },
      }),
    );
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-cluster-'));
  redis = await startRedis();
  postgres = await startPostgres();
  databaseUrl = await postgres.createDatabase();
  irc = await FakeTwitchIrcServer.start();
}, 60_000);

afterAll(async () => {
  for (const node of nodes) if (node.child.exitCode === null) node.child.kill('SIGKILL');
  await Promise.all(nodes.map((n) => n.exit));
  await irc?.close();
  await redis?.close();
  await postgres?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!HAS_REDIS || !HAS_POSTGRES)('a deployment of two nodes on Redis and PostgreSQL', () => {
  it('lets a browser on node B follow a channel node A owns, and resumes it on B when A is killed', async () => {
    const a = await startNode('a');
    const b = await startNode('b');
    const client: Client = connect(b.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { csrf: TOKEN },
    });
    try {
      const lines: ChatLine[] = [];
      const snapshots: TopicsSnapshot[] = [];
      const infos: ChannelInfo[] = [];
      client.on('chat:lines', (p) => p.channel === CHANNEL && lines.push(...p.lines));
      client.on('topics:update', (s) => s.channel === CHANNEL && snapshots.push(s));
      client.on('channels:changed', (c) => infos.push(...c.changed.filter((i) => i.key === CHANNEL)));

      // Joined through B; both nodes own nothing, so the tie goes to A (by id).
      await ask<ChannelInfo>(client, 'channel:join', { channel: CHANNEL });
      await waitFor(() => irc.receivedCommands('JOIN').length === 1, "A's JOIN on Twitch");
      const subscribed = await ask<SubscribeResult>(client, 'channel:subscribe', { channel: CHANNEL, afterSeq: 0 });
      expect(subscribed.channel.key).toBe(CHANNEL);
      await waitFor(
        () => subscribed.channel.state === 'connected' || infos.some((i) => i.state === 'connected'),
        'connected',
      );

      // A's chat reaches the browser on B, and so do A's topics.
      chat(60, (i) => (i % 2 ? `le boss final est trop dur ${i}` : `quel build pour le mage ${i}`));
      await waitFor(() => lines.length >= 60, 'the 60 lines on B', 10_000);
      expect(lines.map((l) => l.message.id)).toEqual(Array.from({ length: 60 }, (_, i) => `m-${i}`));
      await waitFor(() => snapshots.some((s) => s.topics.length > 0), "A's topics on B", 30_000);
      const seqBefore = Math.max(...lines.map((l) => l.seq));

      // A browser that connects to B later is told of A's channel; an operator's change on B reaches A's engine.
      const late: Client = connect(b.url, { transports: ['websocket'], reconnection: false, forceNew: true });
      const listed = await new Promise<ChannelInfo[]>((resolve) => late.once('channels:update', resolve));
      late.close();
      expect(listed.map((c) => c.key)).toContain(CHANNEL);
      const params = await ask<{ clusterer: { kind: string; k: number } }>(client, 'topics:setParams', {
        channel: CHANNEL,
        params: { clusterer: { kind: 'kmeans', k: 3 } },
      });
      expect(params.clusterer).toMatchObject({ kind: 'kmeans', k: 3 });
      // A's refusal reaches the browser on B as A said it.
      await expect(
        ask(client, 'topics:setParams', { channel: CHANNEL, params: { clusterer: { kind: 'x' } } }),
      ).rejects.toThrow(/pipeline parameters refused: params\.clusterer\.kind/);

      // A archives into the shared database: B lists A's live stream.
      const archived = await waitFor(
        async () => (await listStreams(client)).find((st) => st.source === 'live' && st.messageCount === 60),
        "A's 60 lines archived, listed by B",
        10_000,
      );
      // An analysis run on A is stored in the shared database: B lists it and sends its document.
      const started = await postJson(a.url, `/api/streams/${encodeURIComponent(archived.id)}/analyses`, {
        model: 'bow',
        params: { umap: { nNeighbors: 15, nEpochs: 40 } },
      });
      const job = await waitFor(
        async () => {
          const j = (await (await fetch(`${a.url}/api/analysis-jobs/${started.id}`)).json()) as AnalysisJob;
          if (j.state === 'failed' || j.state === 'cancelled') throw new Error(`analysis ${j.state}: ${j.error}`);
          return j.state === 'done' ? j : undefined;
        },
        'the analysis on A',
        60_000,
      );
      const onB = StreamAnalysesSchema.parse(
        await (await fetch(`${b.url}/api/streams/${encodeURIComponent(archived.id)}/analyses`)).json(),
      );
      expect(onB.analyses.map((x) => [x.key, x.messages])).toEqual([[job.key, 60]]);
      const document = parseTopicAnalysis(
        await (await fetch(`${b.url}/api/streams/${encodeURIComponent(archived.id)}/analyses/${job.key}`)).json(),
      );
      expect(document.messages).toHaveLength(60);

      // A replay asked of A, which owns a channel, goes to B, which runs none: any node can read the archive. Its
      // lines reach the browser on A.
      const onA: Client = connect(a.url, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        auth: { csrf: TOKEN },
      });
      try {
        const replay = await new Promise<ChannelInfo>((resolve, reject) =>
          onA.emit('replay:start', { streamId: archived.id, speed: 100 }, (r) =>
            r.ok ? resolve(r.value) : reject(new Error(r.error)),
          ),
        );
        expect(replay.node).toBe('b');
        expect(replay.key).toMatch(/^replay-b-/);
        const replayed: ChatLine[] = [];
        onA.on('chat:lines', (p) => p.channel === replay.key && replayed.push(...p.lines));
        const sub = await ask<SubscribeResult>(onA, 'channel:subscribe', { channel: replay.key, afterSeq: 0 });
        replayed.push(...sub.backlog);
        await waitFor(
          () => new Set(replayed.map((l) => l.message.id)).size === 60,
          'the replay of 60 lines on A',
          10_000,
        );
      } finally {
        onA.close();
      }
      await waitForRecordedCount(redis.url, CHANNEL, 60);
      // A dies without a word: B takes the channel over once A's lease (2 s) runs out.
      const killedAt = Date.now();
      a.child.kill('SIGKILL');
      await a.exit;
      await waitFor(() => irc.receivedCommands('JOIN').length === 2, "B's JOIN on Twitch", 10_000);
      const takeoverMs = Date.now() - killedAt;
      expect(takeoverMs).toBeLessThan(6000);

      await waitFor(() => infos.some((i) => i.state === 'connected' && i.link?.drops === 1), 'B connected', 5000);
      chat(10, (i) => `on reprend ${i}`);
      await waitFor(() => lines.length >= 70, 'the lines after the takeover', 10_000);
      const after = lines.slice(60);
      expect(after.map((l) => l.message.id)).toEqual(Array.from({ length: 10 }, (_, i) => `m-${60 + i}`));
      // B's topics did not start from nothing: they hold A's 60 lines, read back from the shared archive, and B's 10.
      await waitFor(() => snapshots.at(-1)?.window.messages === 70, "B's topics with A's minutes", 10_000);
      // Numbered past anything A sent: a browser that saw A's lines takes these as new.
      expect(Math.min(...after.map((l) => l.seq))).toBeGreaterThan(seqBefore);
      // The gap is on the record: one drop, as long as the time from A's last renewal to B's link.
      const last = infos.filter((i) => i.link !== null).at(-1)!;
      const link = last.link!;
      // The count goes on from A's last renewal (after its 60 lines), and says how to turn line numbers into it.
      await waitFor(() => infos.at(-1)!.messageCount === 70, "B's count at 70");
      expect(Math.max(...after.map((l) => l.seq)) - infos.at(-1)!.seqOffset!).toBe(70);
      expect(link.drops).toBe(1);
      expect(link.down).toBe(false);
      expect(link.offlineSeconds).toBeGreaterThan(1);
      expect(link.offlineSeconds).toBeLessThan(takeoverMs / 1000 + 3);

      // B goes on writing the same stream of the shared archive: one live stream with both nodes' lines.
      await waitFor(
        async () => {
          const live = (await listStreams(client)).filter((st) => st.source === 'live');
          return live.length === 1 && live[0]!.id === archived.id && live[0]!.messageCount === 70;
        },
        "B's lines in A's stream",
        10_000,
      );

      // Left through B, which owns it now.
      await ask(client, 'channel:leave', { channel: CHANNEL });
      await waitFor(() => irc.receivedCommands('PART').length === 1, "B's PART on Twitch");

      // B stops cleanly: exit 0, its archive flushed.
      b.child.kill('SIGTERM');
      expect(await b.exit, b.output()).toBe(0);
      expect(b.output()).toContain('archive flushed');
    } finally {
      client.close();
    }
  }, 150_000);
});
