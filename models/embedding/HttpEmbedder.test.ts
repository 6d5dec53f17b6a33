import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbedOverloadError, HttpEmbedderError } from './errors';
import { HttpEmbedder } from './HttpEmbedder';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A stub embed server on 127.0.0.1: `/v1/models` says dimension 4; `/v1/embeddings` is up to the test. */
async function stub(embeddings: Handler): Promise<string> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (req.url === '/v1/models') {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: 'stub-v1', dimension: 4, maxInputs: 2 }));
      } else embeddings(req, res, body);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const answer = (res: http.ServerResponse, status: number, body: unknown) =>
  res
    .writeHead(status, { 'content-type': 'application/json' })
    .end(typeof body === 'string' ? body : JSON.stringify(body));
const ok = (data: unknown[], model = 'stub-v1') => ({ object: 'list', model, dimension: 4, data });

describe('HttpEmbedder', () => {
  it('rebuilds vectors from any index order and splits requests by maxInputs', async () => {
    const seen: string[][] = [];
    const url = await stub((_req, res, body) => {
      const input = JSON.parse(body).input as string[];
      seen.push(input);
      answer(res, 200, ok(input.map((t, index) => ({ index, embedding: [t.length, 0.1, 0.2, index] })).reverse()));
    });
    const remote = await HttpEmbedder.start({ url: url + '/v1' });
    const vectors = await remote.embed(['a', 'bb', 'ccc']);
    expect(seen).toEqual([['a', 'bb'], ['ccc']]);
    expect(vectors.map((v) => Array.from(v))).toEqual([
      [1, Math.fround(0.1), Math.fround(0.2), 0],
      [2, Math.fround(0.1), Math.fround(0.2), 1],
      [3, Math.fround(0.1), Math.fround(0.2), 0],
    ]);
  });

  it('gives typed errors for a wrong dimension, bad JSON, an error status, another model, a missing index', async () => {
    const replies: [number, unknown][] = [
      [200, ok([{ index: 0, embedding: [1, 2, 3] }])],
      [200, '{"object": "list", "data": ['],
      [500, { error: 'embedding failed (see the embed server log)' }],
      [200, ok([{ index: 0, embedding: [1, 2, 3, 4] }], 'other-v2')],
      [200, ok([{ embedding: [1, 2, 3, 4] }])],
      [502, '<html>bad gateway</html>'],
    ];
    let next = 0;
    const url = await stub((_req, res) => {
      const [status, body] = replies[next++]!;
      answer(res, status, body);
    });
    const remote = await HttpEmbedder.start({ url });
    const failure = () =>
      remote.embed(['x']).then(
        () => null,
        (e: unknown) => e as HttpEmbedderError,
      );
    const errors = [];
    for (let i = 0; i < replies.length; i++) errors.push(await failure());
    expect(errors.every((e) => e instanceof HttpEmbedderError)).toBe(true);
    expect(errors.map((e) => [e!.status, e!.message.replace(url, '<url>')])).toEqual([
      [undefined, '<url>/v1/embeddings: data[0].embedding has 3 values, expected 4'],
      [200, '<url>/v1/embeddings: HTTP 200 but the answer is not valid JSON'],
      [500, '<url>/v1/embeddings: HTTP 500: embedding failed (see the embed server log)'],
      [
        undefined,
        '<url>/v1/embeddings: the server now serves "other-v2", not stub-v1: reconnect before mixing vectors',
      ],
      [undefined, '<url>/v1/embeddings: data[0].index is missing, out of range or repeated'],
      [502, '<url>/v1/embeddings: HTTP 502'],
    ]);
  });

  it('turns 503 into EmbedOverloadError with the server Retry-After', async () => {
    const url = await stub((_req, res) => res.writeHead(503, { 'retry-after': '3' }).end('{"error":"overloaded"}'));
    const remote = await HttpEmbedder.start({ url });
    const refused = remote.embed(['x']);
    await expect(refused).rejects.toBeInstanceOf(EmbedOverloadError);
    await expect(refused).rejects.toMatchObject({ retryAfterMs: 3000 });
  });

  it('times out a server that never answers, and names an unreachable one', async () => {
    const url = await stub(() => undefined);
    const remote = await HttpEmbedder.start({ url, timeoutMs: 200 });
    await expect(remote.embed(['x'])).rejects.toThrow(`${url}/v1/embeddings: no answer within 200 ms`);
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await expect(HttpEmbedder.start({ url: `http://127.0.0.1:${port}` })).rejects.toThrow(
      /cannot reach the embed server: ECONNREFUSED/,
    );
    await expect(HttpEmbedder.start({ url: 'ftp://example.org' })).rejects.toThrow(
      'ftp://example.org: not an http(s) URL',
    );
  });
});
