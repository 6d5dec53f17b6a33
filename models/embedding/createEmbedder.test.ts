import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BagOfWordsEmbedder } from '../bow/BagOfWordsEmbedder';
import { BUILTIN_MODELS_ROOT, createEmbedder } from './createEmbedder';
import { EmbedderSpecError } from './errors';
import { HttpEmbedder } from './HttpEmbedder';

/** A stub embed server that only describes itself, behind the bearer token `t`. */
const stub = http.createServer((req, res) => {
  if (req.headers.authorization !== 'Bearer t')
    return void res.writeHead(401).end('{"error":"a bearer token is required"}');
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ id: 'bow-v1', dimension: 256, maxInputs: 1024 }));
});
const server = { url: '' };
beforeAll(async () => {
  await new Promise<void>((r) => stub.listen(0, '127.0.0.1', r));
  server.url = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => stub.close(r)));

describe('createEmbedder', () => {
  it("'bow' is the in-process baseline", async () => {
    const created = await createEmbedder('bow');
    expect(created.embedder).toBeInstanceOf(BagOfWordsEmbedder);
    expect([created.kind, created.description]).toEqual(['bow', 'bow-v1, 256-d, bag-of-words baseline, in-process']);
  });

  it('an http(s) URL is a remote embed server, with the token', async () => {
    const created = await createEmbedder(server.url, { token: 't' });
    expect(created.embedder).toBeInstanceOf(HttpEmbedder);
    expect([created.kind, created.description]).toEqual(['http', `bow-v1, 256-d, remote embed server ${server.url}`]);
    await expect(createEmbedder(server.url)).rejects.toMatchObject({ name: 'HttpEmbedderError', status: 401 });
  });

  it('anything else must be a directory, resolved from cwd', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'create-embedder-'));
    try {
      fs.writeFileSync(path.join(cwd, 'file.txt'), 'not a model');
      await expect(createEmbedder('file.txt', { cwd })).rejects.toThrow(
        new EmbedderSpecError(
          'model "file.txt": not "bow", not an http(s) URL, no such directory, and no built-in model of that name',
        ),
      );
      fs.mkdirSync(path.join(cwd, 'empty-model'));
      await expect(createEmbedder('empty-model', { cwd })).rejects.toThrow(
        /could not load model .*create-embedder-.*empty-model: .*manifest\.json/,
      );
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('a bare name is a model shipped with the install, found from any directory (the default embedder)', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'create-embedder-'));
    try {
      const created = await createEmbedder('chat-topics-fr-small', { cwd, threads: 1 });
      try {
        expect([created.kind, created.embedder.id]).toEqual([
          'convbert',
          expect.stringContaining('chat-topics-fr-small'),
        ]);
        expect((await created.embedder.embed(['salut le chat']))[0]).toHaveLength(created.embedder.dimension);
      } finally {
        await created.embedder.close();
      }
      // Only a bare name is looked up among the shipped models: no path leads there from elsewhere.
      await expect(
        createEmbedder('../chat-topics-fr-small', { cwd, builtinRoot: BUILTIN_MODELS_ROOT }),
      ).rejects.toThrow(/no built-in model of that name/);
      await expect(createEmbedder('no-such-model', { cwd })).rejects.toThrow(/no built-in model of that name/);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});
