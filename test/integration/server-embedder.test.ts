// The dashboard server's embedder: chosen by config at start, reported to users, run in a worker for a model, and a
// bad model refuses the start before anything listens.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicConfig } from '../../contracts/socket-events';
import { ConvBertEmbedder } from '../../models/embedding';
import { importTinyModels, type TinyModels } from '../../models/embedding/testing/tinyConvBertModel';
import { loadConfig } from '../../server/config/loadConfig';
import { createLogger } from '../../server/logger';
import { startServer } from '../../server/main';

let dir: string;
let models: TinyModels;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-server-embed-'));
  models = importTinyModels();
});
afterAll(() => {
  models?.remove();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ui = async (_req: unknown, res: { writeHead(s: number): { end(b: string): void } }) =>
  void res.writeHead(200).end('ui');
const start = (embedModel?: string) =>
  startServer(
    loadConfig(
      { port: 0, dbPath: path.join(dir, `${embedModel ? 'model' : 'default'}.sqlite`), demo: false, embedModel },
      {} as NodeJS.ProcessEnv,
    ),
    createLogger('silent'),
    {
      uiHandler: ui as never,
    },
  );

describe('server embedder', () => {
  it('runs the shipped model by default and says so in /api/config', async () => {
    const server = await start();
    try {
      const config = (await (await fetch(`${server.url}/api/config`)).json()) as PublicConfig;
      expect(config.embedder).toMatchObject({
        id: 'convbert:chat-topics-fr-small@1',
        kind: 'convbert',
        dimension: 128,
      });
      const [v] = await server.embedder.embed(['salut tout le monde']);
      expect(v).toHaveLength(128);
    } finally {
      await server.close();
    }
  });

  it('serves an installed ConvBERT model from a worker thread, with the same vectors as the model in-process', async () => {
    const server = await start(models.withTokenizer);
    try {
      expect(server.embedderInfo).toMatchObject({ id: 'convbert:tiny@1', kind: 'convbert', dimension: 32 });
      expect(server.embedderInfo.description).toMatch(/cpu/);
      const texts = ['salut', 'salut', 'gg wp'];
      const served = await server.embedder.embed(texts);
      const local = await ConvBertEmbedder.fromDir(models.withTokenizer, { threads: 1 });
      try {
        const expected = await local.embed(texts);
        served.forEach((v, i) => expect(Array.from(v)).toEqual(Array.from(expected[i]!)));
      } finally {
        await local.close();
      }
      expect(server.embedder.stats()).toMatchObject({ texts: 3, deduplicated: 1 });
    } finally {
      await server.close();
    }
  });

  it('refuses to start on a model directory that is not a model, naming it', async () => {
    const notAModel = path.join(dir, 'empty-model');
    fs.mkdirSync(notAModel);
    await expect(start(notAModel)).rejects.toThrow(/empty-model/);
  });
});
