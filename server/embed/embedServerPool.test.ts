import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { BagOfWordsEmbedder } from '../../models/bow/BagOfWordsEmbedder';
import { createEmbedder } from '../../models/embedding/createEmbedder';
import type { Embedder } from '../../models/embedding/Embedder';
import { EmbedOverloadError, HttpEmbedderError } from '../../models/embedding/errors';
import { HttpEmbedderPool, type PoolMemberChange } from '../../models/embedding/HttpEmbedderPool';
import { freezableProxy } from '../../test/support/freezableProxy';
import { waitFor } from '../../test/support/waitFor';
import { loadConfig } from '../config/loadConfig';
import { createEmbedServer, listenEmbedServer, type RunningEmbedServer } from './createEmbedServer';
import { startConfiguredEmbedder } from './startConfiguredEmbedder';
import { freePort } from '../../test/support/freePort';

const TOKEN = 'pool token';
const logger = pino({ level: 'silent' });
const bow = new BagOfWordsEmbedder();

/** The bag-of-words embedder counting the texts it was asked for (which server answered). */
function counting(base: Embedder = bow): Embedder & { texts: number } {
  const out = {
    texts: 0,
    id: base.id,
    dimension: base.dimension,
    embed: async (texts: readonly string[]) => {
      out.texts += texts.length;
      return base.embed(texts);
    },
    close: async () => {},
  };
  return out;
}

const running: RunningEmbedServer[] = [];
const pools: HttpEmbedderPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
  await Promise.all(running.splice(0).map((s) => s.close().catch(() => {})));
});

/** A real embed server on loopback (port 0: any free one, or the given one). */
async function serve(embedder: Embedder, port = 0): Promise<RunningEmbedServer> {
  const server = await listenEmbedServer(
    createEmbedServer({ embedder, logger, token: TOKEN, maxInputs: 4 }),
    port,
    '127.0.0.1',
  );
  running.push(server);
  return server;
}

async function pool(urls: string[], healthIntervalMs = 50): Promise<HttpEmbedderPool> {
  const p = await HttpEmbedderPool.start({ urls, token: TOKEN, timeoutMs: 5000, healthIntervalMs });
  pools.push(p);
  return p;
}

const texts = Array.from({ length: 24 }, (_, i) => `message numéro ${i} du chat`);

describe('a pool of embed servers', () => {
  it('spreads a long list over its servers and gives each text the vector one server alone gives', async () => {
    const a = counting();
    const b = counting();
    const p = await pool([(await serve(a)).url, (await serve(b)).url]);
    const vectors = await p.embed(texts);
    const alone = await bow.embed(texts);
    expect(vectors.map((v) => Array.from(v))).toEqual(alone.map((v) => Array.from(v)));
    expect(a.texts).toBeGreaterThan(0);
    expect(b.texts).toBeGreaterThan(0);
    expect(a.texts + b.texts).toBe(texts.length);
    expect(p.id).toBe(bow.id);
    expect(p.dimension).toBe(bow.dimension);
  });

  it('answers from the other server when one dies, and takes it back once it serves again', async () => {
    const a = await serve(counting());
    const bEmbedder = counting();
    const b = await serve(bEmbedder);
    const p = await pool([a.url, b.url]);
    await a.close();
    running.splice(running.indexOf(a), 1);
    const vectors = await p.embed(texts);
    expect(vectors).toHaveLength(texts.length);
    expect(bEmbedder.texts).toBe(texts.length);
    const down = p.status().find((m) => m.url === a.url)!;
    expect(down.healthy).toBe(false);
    expect(down.lastError).toMatch(/cannot reach/);

    const again = counting();
    await serve(again, a.port);
    await waitFor(() => p.status().every((m) => m.healthy), 'the restarted server back in the pool');
    await p.embed(texts);
    expect(again.texts).toBeGreaterThan(0);
  });

  it('leaves out a server that hangs at its next health check, and sends its requests in flight to the others', async () => {
    const a = await serve(counting());
    const proxy = await freezableProxy(a.port);
    const bEmbedder = counting();
    const b = await serve(bEmbedder);
    // A request to the frozen server could only end after 60 s, past this test's limit: it ends through the check.
    const changes: PoolMemberChange[] = [];
    const p = await HttpEmbedderPool.start({
      urls: [proxy.url, b.url],
      token: TOKEN,
      timeoutMs: 60_000,
      healthIntervalMs: 100,
      probeTimeoutMs: 500,
      onMemberChange: (change) => changes.push(change),
    });
    pools.push(p);
    try {
      proxy.freeze();
      const vectors = await p.embed(texts);
      expect(vectors.map((v) => Array.from(v))).toEqual((await bow.embed(texts)).map((v) => Array.from(v)));
      expect(bEmbedder.texts).toBe(texts.length);
      const hung = p.status()[0]!;
      expect(hung.healthy).toBe(false);
      expect(hung.lastError).toMatch(/^health check: .*no answer within 500 ms/);

      proxy.thaw();
      await waitFor(() => p.status()[0]!.healthy, 'the thawed server back in the pool');
      expect(changes).toEqual([
        { url: proxy.url, healthy: false, reason: hung.lastError },
        { url: proxy.url, healthy: true, reason: null },
      ]);
    } finally {
      await proxy.close();
    }
  });

  it('starts with the servers that answer and lets a late one join', async () => {
    const port = await freePort();
    const late = `http://127.0.0.1:${port}`;
    const p = await pool([(await serve(counting())).url, late]);
    expect(p.status().map((m) => m.healthy)).toEqual([true, false]);
    const joined = counting();
    await serve(joined, port);
    await waitFor(() => p.status()[1]!.healthy, 'the late server in the pool');
    await p.embed(texts);
    expect(joined.texts).toBeGreaterThan(0);
  });

  it('keeps out a server of another model, at start and when it comes back with one', async () => {
    const other: Embedder = { ...bow, id: 'other-model', embed: (t) => bow.embed(t), close: async () => {} };
    const same = await serve(counting());
    const wrong = await serve(other);
    await expect(HttpEmbedderPool.start({ urls: [same.url, wrong.url], token: TOKEN })).rejects.toThrow(
      /serves other-model .*a pool serves one model/,
    );

    const port = await freePort();
    const p = await pool([same.url, `http://127.0.0.1:${port}`]);
    await serve(other, port);
    await waitFor(
      () => (p.status()[1]!.lastError ?? '').includes('serves other-model'),
      'the other model seen by the health check',
    );
    expect(p.status()[1]!.healthy).toBe(false);
  });

  it('fails with every server named when none can answer, and with the overload when all are overloaded', async () => {
    const [x, y] = [await freePort(), await freePort()];
    const urls = [`http://127.0.0.1:${x}`, `http://127.0.0.1:${y}`];
    const refused = await HttpEmbedderPool.start({ urls, token: TOKEN }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HttpEmbedderError);
    expect((refused as Error).message).toContain(urls[0]);
    expect((refused as Error).message).toContain(urls[1]);

    const busy: Embedder = {
      ...bow,
      embed: async () => {
        throw new EmbedOverloadError('full', 'queue-full', 2000);
      },
      close: async () => {},
    };
    const p = await pool([(await serve(busy)).url, (await serve(busy)).url]);
    await expect(p.embed(['salut'])).rejects.toBeInstanceOf(EmbedOverloadError);
    // Overloaded is not unwell: both stay in the pool.
    expect(p.status().every((m) => m.healthy)).toBe(true);
  });

  it('does not pass a request a server refuses (4xx) on to the next: it would fail there too', async () => {
    const small = async (embedder: Embedder) => {
      const server = await listenEmbedServer(
        createEmbedServer({ embedder, logger, token: TOKEN, maxInputs: 4, maxBodyBytes: 2000 }),
        0,
        '127.0.0.1',
      );
      running.push(server);
      return server;
    };
    const [a, b] = [counting(), counting()];
    const p = await pool([(await small(a)).url, (await small(b)).url]);
    const refused = await p.embed(['x'.repeat(5000)]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HttpEmbedderError);
    expect((refused as HttpEmbedderError).status).toBe(413);
    expect(p.status().every((m) => m.healthy)).toBe(true);
    expect(a.texts + b.texts).toBe(0);
  });

  it('is what a comma-separated embedModel of URLs builds', async () => {
    const urls = [(await serve(counting())).url, (await serve(counting())).url];
    const created = await createEmbedder(urls.join(','), { token: TOKEN });
    try {
      expect(created.embedder).toBeInstanceOf(HttpEmbedderPool);
      expect(created.kind).toBe('http');
      expect(created.description).toContain('a pool of 2 embed servers (2 answering');
    } finally {
      await created.embedder.close();
    }
  });

  it("logs a server leaving the server's pool as a warning, with why, and its return", async () => {
    const lines: { level: number; msg: string; embedServer?: string; reason?: string }[] = [];
    const capture = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const a = await serve(counting());
    const b = await serve(counting());
    const config = loadConfig({ embedModel: `${a.url},${b.url}`, embedToken: TOKEN }, {} as NodeJS.ProcessEnv);
    const { service } = await startConfiguredEmbedder(config, { overload: 'wait', logger: capture });
    try {
      await a.close();
      running.splice(running.indexOf(a), 1);
      await service.embed(texts);
      const left = lines.find((l) => l.msg.startsWith('embed server left the pool'));
      expect(left).toMatchObject({ level: 40, embedServer: a.url });
      expect(left!.reason).toMatch(/cannot reach/);
      await serve(counting(), a.port);
      await waitFor(() => lines.some((l) => l.msg === 'embed server back in the pool'), 'the return logged', 15_000);
    } finally {
      await service.close();
    }
  }, 30_000);
});
