import http from 'node:http';
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BagOfWordsEmbedder } from '../../models/bow/BagOfWordsEmbedder';
import { EmbedService } from '../../models/embedding/EmbedService';
import { EmbedOverloadError, HttpEmbedderError } from '../../models/embedding/errors';
import { HttpEmbedder } from '../../models/embedding/HttpEmbedder';
import { FakeEmbedder, flush } from '../../models/embedding/testing/FakeEmbedder';
import { waitFor } from '../../test/support/waitFor';
import { createEmbedServer, listenEmbedServer, type RunningEmbedServer } from './createEmbedServer';

const TOKEN = 'correct horse battery staple';

function capturedLogger() {
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').trim().split('\n')));
  return { logger: pino({ level: 'debug' }, stream), lines };
}

/** A raw request, so tests see exactly what the server answers. */
async function raw(
  server: RunningEmbedServer,
  path: string,
  init: { method?: string; body?: string; token?: string | null } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token !== null) headers.authorization = `Bearer ${init.token ?? TOKEN}`;
  const res = await fetch(server.url + path, { method: init.method ?? 'POST', headers, body: init.body });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('embed server and HttpEmbedder over a loopback socket', () => {
  const log = capturedLogger();
  let server: RunningEmbedServer;
  beforeAll(async () => {
    const embedder = new EmbedService(new BagOfWordsEmbedder(), { maxWaitMs: 1 });
    server = await listenEmbedServer(
      createEmbedServer({ embedder, logger: log.logger, token: TOKEN, maxInputs: 8, maxBodyBytes: 4000 }),
      0,
      '127.0.0.1',
    );
  });
  afterAll(() => server.close());

  it('serves the same vectors as the in-process embedder, splitting long lists by the server limit', async () => {
    const remote = await HttpEmbedder.start({ url: server.url + '/', token: TOKEN });
    expect([remote.id, remote.dimension, remote.maxInputs]).toEqual(['bow-v1', 256, 8]);
    const texts = Array.from({ length: 20 }, (_, i) => `message ${i} du chat, GG ${'!'.repeat(i)}`);
    texts.push('', 'lone \ud800 surrogate', '🔥🔥 emoji');
    const vectors = await remote.embed(texts);
    const local = await new BagOfWordsEmbedder().embed(texts);
    expect(vectors.map((v) => Array.from(v))).toEqual(local.map((v) => Array.from(v)));
  });

  it('answers the OpenAI shape for a single string, and describes the model', async () => {
    const one = await raw(server, '/v1/embeddings', { body: JSON.stringify({ input: 'salut', model: 'whatever' }) });
    expect(one.status).toBe(200);
    const body = JSON.parse(one.text);
    expect(body).toMatchObject({ object: 'list', model: 'bow-v1', dimension: 256 });
    expect(body.data).toHaveLength(1);
    expect(body.data[0].index).toBe(0);
    expect(body.data[0].embedding).toEqual(Array.from(new BagOfWordsEmbedder().embedOne('salut')));
    const models = await raw(server, '/v1/models', { method: 'GET' });
    expect(JSON.parse(models.text)).toEqual({ id: 'bow-v1', dimension: 256, maxInputs: 8 });
  });

  it('wants the bearer token on every route: 401 with WWW-Authenticate, missing or wrong', async () => {
    for (const path of ['/v1/models', '/v1/embeddings']) {
      const missing = await raw(server, path, {
        token: null,
        method: path === '/v1/models' ? 'GET' : 'POST',
        body: path === '/v1/models' ? undefined : '{"input":"a"}',
      });
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
    const wrong = await raw(server, '/v1/embeddings', {
      token: 'correct horse battery stapler',
      body: '{"input":"a"}',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('error="invalid_token"');
    await expect(HttpEmbedder.start({ url: server.url })).rejects.toMatchObject({
      name: 'HttpEmbedderError',
      status: 401,
    });
    await expect(HttpEmbedder.start({ url: server.url, token: 'nope' })).rejects.toThrow(
      /401 Unauthorized: the server refused the bearer token/,
    );
  });

  it('answers 400 naming the bad field, never quoting the input', async () => {
    const cases: [string, string][] = [
      [JSON.stringify({ input: ['private one', 'private two', 'private three', 4] }), 'input[3] must be a string'],
      ['{"input": "private text", ', 'the body is not valid JSON'],
      [JSON.stringify({ text: 'private text' }), 'input is required: a string or an array of strings'],
      [JSON.stringify({ input: { private: 'text' } }), 'input must be a string or an array of strings'],
      [JSON.stringify(['private text']), 'the body must be a JSON object: {"input": string | string[]}'],
    ];
    for (const [body, error] of cases) {
      const res = await raw(server, '/v1/embeddings', { body });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text)).toEqual({ error });
      expect(res.text).not.toContain('private');
    }
    expect(log.lines.join('\n')).not.toContain('private');
    expect(log.lines.some((l) => l.includes('"msg":"embed request"') && l.includes('"status":400'))).toBe(true);
  });

  it('answers 413 over the input count or the body size, declared or streamed', async () => {
    const many = await raw(server, '/v1/embeddings', {
      body: JSON.stringify({ input: Array.from({ length: 9 }, () => 'x') }),
    });
    expect(many.status).toBe(413);
    expect(JSON.parse(many.text).error).toBe('input has 9 texts, the limit is 8 per request');
    const big = await raw(server, '/v1/embeddings', { body: JSON.stringify({ input: ['y'.repeat(5000)] }) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.text).error).toBe('the body is larger than the limit of 4000 bytes');
    // No Content-Length: the server counts while reading and stops at the limit.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        server.url + '/v1/embeddings',
        { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      req.write('{"input": ["');
      req.write('z'.repeat(3000));
      req.end('z'.repeat(3000) + '"]}');
    });
    expect(streamed).toBe(413);
  });

  it('answers 404 and 405 for other paths and methods', async () => {
    expect((await raw(server, '/v1/other', { method: 'GET' })).status).toBe(404);
    const wrongMethod = await raw(server, '/v1/embeddings', { method: 'GET' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });
});

describe('embed server under overload', () => {
  it('answers 503 with Retry-After when the service refuses, and HttpEmbedder reports it as overload', async () => {
    const inner = new FakeEmbedder('manual');
    const embedder = new EmbedService(inner, { maxBatchSize: 2, maxQueued: 2, maxWaitMs: 0 });
    const server = await listenEmbedServer(
      createEmbedServer({ embedder, logger: pino({ level: 'silent' }) }),
      0,
      '127.0.0.1',
    );
    try {
      const remote = await HttpEmbedder.start({ url: server.url });
      const inFlight = remote.embed(['a', 'b']);
      await waitFor(() => inner.held.length === 1, 'a batch held by the fake');
      const queued = remote.embed(['c', 'd']);
      await waitFor(() => embedder.stats().queued === 2, 'two queued texts');
      const res = await raw(server, '/v1/embeddings', { body: '{"input":["e"]}', token: null });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      const refused = remote.embed(['f']);
      await expect(refused).rejects.toBeInstanceOf(EmbedOverloadError);
      await expect(refused).rejects.toMatchObject({ retryAfterMs: 1000 });
      inner.releaseNext();
      await waitFor(() => inner.held.length === 1, 'a batch held by the fake');
      inner.releaseNext();
      await expect(Promise.all([inFlight, queued])).resolves.toHaveLength(2);
      expect(embedder.stats().rejected).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('answers 500 without details when the embedder fails, and logs the error', async () => {
    const inner = new FakeEmbedder();
    inner.poison.add('boom');
    const log = capturedLogger();
    const server = await listenEmbedServer(
      createEmbedServer({ embedder: new EmbedService(inner), logger: log.logger }),
      0,
      '127.0.0.1',
    );
    try {
      const remote = await HttpEmbedder.start({ url: server.url });
      const failed = remote.embed(['boom']);
      await expect(failed).rejects.toBeInstanceOf(HttpEmbedderError);
      await expect(failed).rejects.toMatchObject({
        status: 500,
        message: expect.stringContaining('HTTP 500: embedding failed (see the embed server log)'),
      });
      await flush();
      expect(log.lines.some((l) => l.includes('"level":50') && l.includes('fake failure at text 0'))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
