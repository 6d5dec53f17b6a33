// Promoting a model (and rolling back) on a running server while the demo chat flows at a high rate: every message
// the hub delivered to the topics is in the channel's window or counted as excluded, exactly once, and the window
// holds only the new model's vectors afterwards (re-embedded, never mixed with the old model's).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatLine } from '../../contracts/socket-events';
import { BagOfWordsEmbedder } from '../../models/bow/BagOfWordsEmbedder';
import { ConvBertEmbedder, normaliseText } from '../../models/embedding';
import type { Embedder } from '../../models/embedding';
import { importTinyModels, maxAbsDiff, type TinyModels } from '../../models/embedding/testing/tinyConvBertModel';
import { exclusionReason } from '../../server/analysis/selectClusterable';
import { loadConfig } from '../../server/config/loadConfig';
import { createLogger } from '../../server/logger';
import { startServer, type RunningServer } from '../../server/main';
import type { ChannelTopicEngine } from '../../server/topics/ChannelTopicEngine';
import { waitFor } from '../support/waitFor';

let dir: string;
let tiny: TinyModels;
let server: RunningServer;
/** Lines the hub delivered to the topic engine for the demo channel (while not frozen). */
const delivered: ChatLine[] = [];
let frozen = false;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-promotion-'));
  tiny = importTinyModels();
  const config = loadConfig(
    {
      port: 0,
      dataDir: dir,
      embedModel: 'bow',
      demoRate: 150,
      topicsRefitSeconds: 2,
      topicsMinMessages: 100,
      topicsWindowMessages: 50_000,
      topicsWindowMinutes: 60,
    },
    {} as NodeJS.ProcessEnv,
  );
  server = await startServer(config, createLogger('silent'), {
    uiHandler: async (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ui'),
  });
  // Count at the hub's door: the hub calls `lines` on its listener for every batch it fans out.
  const topics = server.topics!;
  const forward = topics.lines.bind(topics);
  topics.lines = (channel, lines) => {
    if (channel !== 'demo' || frozen) return;
    delivered.push(...lines);
    forward(channel, lines);
  };
});

afterAll(async () => {
  await server?.close();
  tiny?.remove();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Stops delivering, lets the engine embed what it was given, and checks the accounting. */
async function freezeAndCount(engine: ChannelTopicEngine): Promise<void> {
  frozen = true;
  await engine.push([]);
  const entries = engine.windowEntries();
  const ids = entries.map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
  const deliveredIds = new Set(delivered.map((l) => l.message.id));
  expect(ids.every((id) => deliveredIds.has(id))).toBe(true);
  const excluded = engine.snapshot().excluded;
  const expectedExcluded = { bot: 0, command: 0, empty: 0 };
  for (const line of delivered) {
    const reason = exclusionReason(line.message);
    if (reason !== null && reason !== 'deleted') expectedExcluded[reason]++;
  }
  expect(excluded).toMatchObject(expectedExcluded);
  const { deleted, bot, command, empty, dropped } = excluded;
  expect(entries.length + deleted + bot + command + empty + dropped).toBe(delivered.length);
  // The accounting could not pass by luck with nothing in the window.
  expect(entries.length).toBeGreaterThan(200);
}

/** Every window vector is `reference`'s vector of the message (compared on a sample; same dimension for all). */
async function expectVectorsFrom(engine: ChannelTopicEngine, reference: Embedder): Promise<void> {
  const entries = engine.windowEntries();
  expect(entries.every((e) => e.vector.length === reference.dimension)).toBe(true);
  const step = Math.max(1, Math.floor(entries.length / 40));
  const sample = entries.filter((_, i) => i % step === 0);
  const expected = await reference.embed(sample.map((e) => normaliseText(e.text)));
  sample.forEach((e, i) => expect(maxAbsDiff(e.vector, expected[i]!)).toBeLessThan(1e-4));
}

describe('model promotion under load', () => {
  it('switches bow -> a ConvBERT model and back with no message lost or doubled, and no vectors mixed', async () => {
    const engine = server.topics!.engine('demo');
    await waitFor(
      () => engine.snapshot().status === 'ready' && engine.windowEntries().length >= 300,
      'a first fit of the demo topics',
      20_000,
    );
    expect(server.embedderInfo).toMatchObject({ kind: 'bow', dimension: 256 });

    const installed = server.registry.install(tiny.withTokenizer);
    const switched: string[] = [];
    server.models.onChange((info) => switched.push(info.id));
    const before = delivered.length;
    const info = await server.models.promote(installed.id);
    expect(info).toMatchObject({ id: 'convbert:tiny@1', kind: 'convbert', dimension: 32 });
    // Messages flowed during the switch and after it.
    await waitFor(() => delivered.length > before + 150, 'messages after the promotion', 10_000);
    expect(server.embedderInfo.id).toBe('convbert:tiny@1');
    expect(server.registry.activeId()).toBe('tiny@1');
    expect(engine.snapshot().embedder).toBe('convbert:tiny@1');
    await freezeAndCount(engine);
    const model = await ConvBertEmbedder.fromDir(tiny.withTokenizer, { threads: 1 });
    try {
      await expectVectorsFrom(engine, model);
    } finally {
      await model.close();
    }

    frozen = false;
    const beforeRollback = delivered.length;
    const back = await server.models.rollback();
    expect(back).toMatchObject({ id: 'bow-v1', kind: 'bow', dimension: 256 });
    await waitFor(() => delivered.length > beforeRollback + 150, 'messages after the rollback', 10_000);
    expect(server.registry.activeId()).toBeNull();
    await freezeAndCount(engine);
    await expectVectorsFrom(engine, new BagOfWordsEmbedder());
    expect(switched).toEqual(['convbert:tiny@1', 'bow-v1']);
    await expect(server.models.rollback()).rejects.toThrow(/nothing to roll back/);
  });
});
