// Live topics end to end: the demo channel's chat through the embedder, the refit worker and the tracker, to a
// real socket.io client. Proves topic ids stay stable across refits as a dashboard sees them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AckResult,
  ClientToServerEvents,
  ServerToClientEvents,
  SubscribeResult,
  TopicAssignment,
  TopicsSnapshot,
} from '../../contracts/socket-events';
import { DEFAULT_TOPIC_TRACKER_OPTIONS } from '../../models/topics/tracking';
import { loadConfig } from '../../server/config/loadConfig';
import { createLogger } from '../../server/logger';
import { startServer, type RunningServer } from '../../server/main';
import { waitFor } from '../support/waitFor';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let dir: string;
let server: RunningServer;
let client: Client;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-topics-'));
  const config = loadConfig(
    { port: 0, dbPath: path.join(dir, 'archive.sqlite'), demoRate: 60, topicsRefitSeconds: 2, topicsMinMessages: 150 },
    {} as NodeJS.ProcessEnv,
  );
  server = await startServer(config, createLogger('silent'), {
    uiHandler: async (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ui'),
  });
  client = connect(server.url, { transports: ['websocket'], reconnection: false, forceNew: true });
});

afterAll(async () => {
  client?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('live topics over socket.io', () => {
  it('sends the demo channel topic cards after each refit, with ids that stay stable across refits', async () => {
    const snapshots: TopicsSnapshot[] = [];
    const assignments: TopicAssignment[] = [];
    client.on('topics:update', (s) => s.channel === 'demo' && snapshots.push(s));
    client.on('topics:assigned', (p) => p.channel === 'demo' && assignments.push(...p.assignments));
    const subscribed = await new Promise<SubscribeResult>((resolve, reject) =>
      client.emit('channel:subscribe', { channel: 'demo', afterSeq: 0 }, (r: AckResult<SubscribeResult>) =>
        r.ok ? resolve(r.value) : reject(new Error(r.error)),
      ),
    );
    expect(subscribed.topics).not.toBeNull();
    expect(subscribed.topics!.channel).toBe('demo');

    // Three refits seen by the client.
    const refits = () => [...new Map(snapshots.filter((s) => s.status === 'ready').map((s) => [s.refits, s])).values()];
    await waitFor(() => refits().length >= 3, 'three refits of the demo topics', 60_000);
    const [first, second, third] = refits().slice(-3) as [TopicsSnapshot, TopicsSnapshot, TopicsSnapshot];
    for (const snap of [first, second, third]) {
      expect(snap.topics.length).toBeGreaterThan(0);
      expect(snap.lastRefit!.stages.map((s) => s.stage)).toEqual(
        expect.arrayContaining(['knn', 'umap', 'hdbscan', 'labels']),
      );
    }
    // Stable ids: most messages in live topics after a refit sit in a topic that already existed before it.
    for (const [before, after] of [
      [first, second],
      [second, third],
    ] as const) {
      const known = new Set(before.topics.filter((t) => t.state !== 'ended').map((t) => t.id));
      const live = after.topics.filter((t) => t.state !== 'ended');
      const inKnown = live.filter((t) => known.has(t.id)).reduce((s, t) => s + t.size, 0);
      const total = live.reduce((s, t) => s + t.size, 0);
      expect(inKnown / total).toBeGreaterThan(0.6);
      // Colours are unique among the live topics, as far as the 12-colour palette goes.
      expect(new Set(live.map((t) => t.colour)).size).toBe(
        Math.min(live.length, DEFAULT_TOPIC_TRACKER_OPTIONS.paletteSize),
      );
    }
    // Between refits new messages are placed, each once, in topics the client knows or as noise.
    await waitFor(() => assignments.length > 0, 'topic assignments', 10_000);
    expect(new Set(assignments.map((a) => a.seq)).size).toBe(assignments.length);
    const ids = new Set(snapshots.flatMap((s) => s.topics.map((t) => t.id)));
    for (const a of assignments) if (a.topic !== null) expect(ids.has(a.topic)).toBe(true);
  }, 90_000);
});
